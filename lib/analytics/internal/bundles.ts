import "server-only";
// The storage engine's reading side: the running sums (the default view) — the stored rows plus the
// answers of the submitted attempts the fold has not counted yet, read in one snapshot, so they are
// exact the moment a submission commits — and the same sums recomputed exactly from the answers for
// any other view (first/last/best/all attempts, cohort, dates). Both yield the rows of
// lib/analytics/sums.ts. No role check: the loaders check.
import { allowLongStatements, db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { Prisma } from "../../generated/prisma/client";
import { emptyTotals, mergeTotals, RowSet, type OptionSums, type StatRow, type TotalSums } from "../sums";
import { isDefaultView, type StatsView } from "../view";
import {
  answerGroupsByFirstSql,
  answerGroupsSql,
  pendingAttemptsSql,
  selectedAttemptsSql,
  totalSumsByFirstSql,
  totalSumsSql,
  type AnswerGroupRow,
  type StatScope,
  type TotalSumsRow,
} from "./sql";

export interface StatBundle {
  source: "running" | "exact";
  totals: TotalSums;
  rows: StatRow[];
  /** Running sums: how many submitted attempts the fold has yet to count (the sums include them). */
  waiting: number;
}

const toNumberRecord = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));

const toOptionRecord = (value: unknown): Record<string, OptionSums> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, { count?: unknown; sumX?: unknown; sumT?: unknown }>).map(([k, v]) => [
      k,
      { count: Number(v.count ?? 0), sumX: Number(v.sumX ?? 0), sumT: Number(v.sumT ?? 0) },
    ]),
  );

const storedRowSelect = {
  slotId: true,
  variantKey: true,
  n: true,
  sumX: true,
  sumX2: true,
  sumT: true,
  sumT2: true,
  sumXT: true,
  sumTimeMs: true,
  optionSums: true,
  xHist: true,
  rHist: true,
} as const satisfies Prisma.QuestionStatSelect;

type StoredRow = Prisma.QuestionStatGetPayload<{ select: typeof storedRowSelect }>;

const toStatRow = (r: StoredRow): StatRow => ({
  slotId: r.slotId,
  variantKey: r.variantKey,
  sums: { n: r.n, sumX: r.sumX, sumX2: r.sumX2, sumT: r.sumT, sumT2: r.sumT2, sumXT: r.sumXT },
  sumTimeMs: r.sumTimeMs,
  options: toOptionRecord(r.optionSums),
  xHist: toNumberRecord(r.xHist),
  rHist: toNumberRecord(r.rHist),
});

/** Adds grouped answers to their slot and variant rows. */
export function addGroups(rows: RowSet, groups: readonly AnswerGroupRow[]): RowSet {
  for (const g of groups) rows.addAnswers(g.slot_id, g.vid, { n: g.n, x: g.x, rest: g.r, sumT: g.st, sumT2: g.st2, sumTimeMs: g.ms, chosenOptionKeys: g.keys });
  return rows;
}

export function toTotals(t: TotalSumsRow): TotalSums {
  return { n: t.n, sumT: t.s1 ?? 0, sumT2: t.s2 ?? 0, sumT3: t.s3 ?? 0, sumT4: t.s4 ?? 0 };
}

/** The sums of the attempts a CTE body selects, from their answers, in the caller's transaction (the fold). */
export async function sumsOfSelection(tx: DbTransaction, selection: Prisma.Sql): Promise<{ rows: StatRow[]; totals: TotalSums }> {
  const groups = await tx.$queryRaw<AnswerGroupRow[]>(answerGroupsSql(selection));
  const [totals] = await tx.$queryRaw<TotalSumsRow[]>(totalSumsSql(selection));
  return { rows: addGroups(new RowSet(), groups).toArray(), totals: toTotals(totals!) };
}

export interface ScopedSums {
  ALL: { rows: StatRow[]; totals: TotalSums };
  FIRST: { rows: StatRow[]; totals: TotalSums };
}

/**
 * The sums of the attempts a selection yields (id, score, first), for both stored scopes in one pass
 * over their answers, in the caller's transaction (a regrade's, a hand grade's). A whole quiz's
 * answers (a million, for a large class) are read in a parallel sequential scan (the transaction's
 * workers see its own new marks), hash-joined to the attempts and hash-aggregated: sorting them (or
 * an incremental sort) takes three times as long. A few attempts' answers are found through the
 * index instead.
 */
export async function scopedSumsOfSelection(tx: DbTransaction, selection: Prisma.Sql, { wholeQuiz }: { wholeQuiz: boolean }): Promise<ScopedSums> {
  const plan = wholeQuiz
    ? [
        "work_mem = '64MB'",
        "enable_sort = off",
        "enable_incremental_sort = off",
        "enable_nestloop = off",
        "jit = off",
        "parallel_setup_cost = 0",
        "parallel_tuple_cost = 0",
      ]
    : [];
  for (const setting of plan) await tx.$executeRawUnsafe(`SET LOCAL ${setting}`);
  const groups = await tx.$queryRaw<(AnswerGroupRow & { first: boolean })[]>(answerGroupsByFirstSql(selection));
  const totals = await tx.$queryRaw<(TotalSumsRow & { first: boolean })[]>(totalSumsByFirstSql(selection));
  for (const setting of plan) await tx.$executeRawUnsafe(`SET LOCAL ${setting.split(" = ")[0]} TO DEFAULT`);
  const merged = (rows: readonly (TotalSumsRow & { first: boolean })[]) => rows.map(toTotals).reduce(mergeTotals, emptyTotals());
  return {
    ALL: { rows: addGroups(new RowSet(), groups).toArray(), totals: merged(totals) },
    FIRST: {
      rows: addGroups(
        new RowSet(),
        groups.filter((g) => g.first),
      ).toArray(),
      totals: merged(totals.filter((t) => t.first)),
    },
  };
}

/**
 * The running sums of one scope (FIRST: first attempts; ALL: every attempt), of the quiz or of one
 * slot: the stored rows (one per slot and variant, whatever the number of answers) and the answers of
 * the attempts still waiting to be counted (at most about a class's worth: the fold follows a pause in
 * the submissions, fold.ts), in one
 * snapshot, so that an attempt the fold counts meanwhile is seen once.
 */
async function readRunning(quizId: string, scope: StatScope, slotId?: string): Promise<{ rows: StatRow[]; totals: TotalSums; waiting: number }> {
  const pending = pendingAttemptsSql(quizId, scope);
  const [stored, storedTotals, groups, [pendingTotals]] = await db.$transaction(
    [
      db.questionStat.findMany({ where: { quizId, scope, ...(slotId ? { slotId } : {}) }, select: storedRowSelect }),
      db.quizStat.findUnique({ where: { quizId_scope: { quizId, scope } }, select: { n: true, sumT: true, sumT2: true, sumT3: true, sumT4: true } }),
      db.$queryRaw<AnswerGroupRow[]>(answerGroupsSql(pending, slotId ? [slotId] : undefined)),
      db.$queryRaw<TotalSumsRow[]>(totalSumsSql(pending)),
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  const rows = new RowSet();
  for (const row of stored) rows.addRow(toStatRow(row));
  addGroups(rows, groups);
  const waiting = toTotals(pendingTotals!);
  return { rows: rows.toArray(), totals: mergeTotals(storedTotals ?? emptyTotals(), waiting), waiting: waiting.n };
}

/** The running sums of a scope, exact whether or not the fold has caught up. */
export async function loadRunningBundle(quizId: string, scope: StatScope): Promise<StatBundle> {
  return { source: "running", ...(await readRunning(quizId, scope)) };
}

/**
 * The rows recomputed from the answers of the given slots: one pass over the selected answers,
 * grouped at the finest level (variant, mark, rest score, chosen keys), each group then added to its
 * slot and variant rows.
 */
async function exactRows(quizId: string, view: StatsView, slotIds: readonly string[]): Promise<StatRow[]> {
  // The answers are aggregated in two halves of the slots, on two connections at once (a core each),
  // each with enough memory to aggregate in a hash table rather than sort a million rows.
  const halves = [slotIds.filter((_, i) => i % 2 === 0), slotIds.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
  const aggregate = (slots: string[]) =>
    db.$transaction(
      async (tx) => {
        // One pass over every answer of the quiz: a large class takes longer than a request's statement.
        await allowLongStatements(tx, 60_000);
        await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
        await tx.$executeRaw`SET LOCAL enable_sort = off`;
        return tx.$queryRaw<AnswerGroupRow[]>(answerGroupsSql(selectedAttemptsSql(quizId, view), slots));
      },
      { timeout: 65_000 },
    );
  const groups = (await Promise.all(halves.map(aggregate))).flat();
  return addGroups(new RowSet(), groups).toArray();
}

async function exactTotals(quizId: string, view: StatsView): Promise<TotalSums> {
  const [t] = await db.$queryRaw<TotalSumsRow[]>(totalSumsSql(selectedAttemptsSql(quizId, view)));
  return toTotals(t!);
}

/** The same sums recomputed exactly from the responses, for any view. */
export async function computeExactBundle(quizId: string, view: StatsView): Promise<StatBundle> {
  const slotIds = (await db.quizSlot.findMany({ where: { quizId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  const [totals, rows] = await Promise.all([exactTotals(quizId, view), exactRows(quizId, view, slotIds)]);
  return { source: "exact", totals, rows, waiting: 0 };
}

/** A view's sums: the running ones for the default view (first attempts, whole class), else exact. */
export function loadBundle(quizId: string, view: StatsView): Promise<StatBundle> {
  return isDefaultView(view) ? loadRunningBundle(quizId, "FIRST") : computeExactBundle(quizId, view);
}

/** One slot's rows (its slot row and its variants' rows) in a view: the slot page reads no other slot. */
export async function loadSlotRows(quizId: string, slotId: string, view: StatsView): Promise<{ source: StatBundle["source"]; rows: StatRow[] }> {
  if (isDefaultView(view)) return { source: "running", rows: (await readRunning(quizId, "FIRST", slotId)).rows };
  return { source: "exact", rows: await exactRows(quizId, view, [slotId]) };
}
