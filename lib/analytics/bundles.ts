import "server-only";
// The storage engine of class statistics: the running totals kept at each submission, their exact
// recompute from the answers in SQL (any view: first/last/best/all attempts, cohort, dates), and the
// rebuild of the totals from that recompute. The dashboard (data.ts) reads through it.
import { allowLongStatements, db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { histogramKey } from "../quiz/stat-increments";
import type { ItemSums, OptionSums, TotalSums } from "./statistics";
import type { StatsView } from "./data-types";

/** The sufficient statistics of one slot ("" variant) or one variant, over the selected attempts. */
export interface StatRow {
  slotId: string;
  variantKey: string;
  sums: ItemSums;
  sumTimeMs: number;
  options: Record<string, OptionSums>;
  xHist: Record<string, number>;
  rHist: Record<string, number>;
}

export interface StatBundle {
  source: "running" | "exact";
  totals: TotalSums;
  rows: StatRow[];
}

const EMPTY_TOTALS: TotalSums = { n: 0, sumT: 0, sumT2: 0, sumT3: 0, sumT4: 0 };

const toNumberRecord = (value: unknown): Record<string, number> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));

const toOptionRecord = (value: unknown): Record<string, OptionSums> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, { count?: unknown; sumX?: unknown; sumT?: unknown }>).map(([k, v]) => [k, { count: Number(v.count ?? 0), sumX: Number(v.sumX ?? 0), sumT: Number(v.sumT ?? 0) }]),
  );

/** The running totals kept at each submission (scope FIRST: first attempts; ALL: every attempt). Reads one row per slot and variant. */
export async function loadRunningBundle(quizId: string, scope: "FIRST" | "ALL"): Promise<StatBundle> {
  const [rows, totals] = await Promise.all([
    db.questionStat.findMany({
      where: { quizId, scope },
      select: { slotId: true, variantKey: true, n: true, sumX: true, sumX2: true, sumT: true, sumT2: true, sumXT: true, sumTimeMs: true, optionSums: true, xHist: true, rHist: true },
    }),
    db.quizStat.findUnique({ where: { quizId_scope: { quizId, scope } }, select: { n: true, sumT: true, sumT2: true, sumT3: true, sumT4: true } }),
  ]);
  return {
    source: "running",
    totals: totals ?? EMPTY_TOTALS,
    rows: rows.map((r) => ({
      slotId: r.slotId,
      variantKey: r.variantKey,
      sums: { n: r.n, sumX: r.sumX, sumX2: r.sumX2, sumT: r.sumT, sumT2: r.sumT2, sumXT: r.sumXT },
      sumTimeMs: r.sumTimeMs,
      options: toOptionRecord(r.optionSums),
      xHist: toNumberRecord(r.xHist),
      rHist: toNumberRecord(r.rHist),
    })),
  };
}

/** The selected attempts of a view, as SQL (a CTE body yielding id and score). */
export function selectedAttempts(quizId: string, view: StatsView): Prisma.Sql {
  const order =
    view.attempts === "last" ? Prisma.sql`a.attempt_number DESC` : view.attempts === "best" ? Prisma.sql`a.score DESC, a.attempt_number ASC` : Prisma.sql`a.attempt_number ASC`;
  const cohort = view.cohortId ? Prisma.sql`AND u.cohort_id = ${view.cohortId}` : Prisma.empty;
  const from = view.from ? Prisma.sql`AND ranked.submitted_at >= ${view.from}::timestamp` : Prisma.empty;
  const to = view.to ? Prisma.sql`AND ranked.submitted_at < ${view.to}::timestamp` : Prisma.empty;
  const which = view.attempts === "all" ? Prisma.empty : Prisma.sql`AND ranked.rn = 1`;
  // The student's first / last / best attempt is chosen among all their submitted attempts, then
  // kept if it falls in the date range.
  return Prisma.sql`
    SELECT ranked.id, ranked.score FROM (
      SELECT a.id, a.score, a.submitted_at, row_number() OVER (PARTITION BY a.user_id ORDER BY ${order}) AS rn
      FROM attempts a JOIN users u ON u.id = a.user_id
      WHERE a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL ${cohort}
    ) ranked WHERE TRUE ${which} ${from} ${to}`;
}

/**
 * The same statistics recomputed from the responses, for any view: one pass over the selected answers,
 * grouped at the finest level (variant, mark, rest score, chosen keys), then added up here into the
 * variant and slot rows, their histograms and their option sums; and one pass over the attempts for
 * the totals.
 */
export async function computeExactBundle(quizId: string, view: StatsView): Promise<StatBundle> {
  const sel = selectedAttempts(quizId, view);
  type Group = { slot_id: string; vid: string; x: number; r: number; keys: string[]; n: number; st: number; st2: number; ms: number };
  // The answers are aggregated in two halves of the quiz's slots, on two connections at once (a
  // core each), each with enough memory to aggregate in a hash table rather than sort a million rows.
  const slotIds = (await db.quizSlot.findMany({ where: { quizId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  const halves = [slotIds.filter((_, i) => i % 2 === 0), slotIds.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
  const aggregate = (slots: string[]) =>
    db.$transaction(async (tx) => {
      // One pass over every answer of the quiz: a large class takes longer than a request's statement.
      await allowLongStatements(tx, 60_000);
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      await tx.$executeRaw`SET LOCAL enable_sort = off`;
      return tx.$queryRaw<Group[]>`
        WITH sel AS (${sel})
        SELECT r.slot_id, r.question_version_id AS vid, r.mark::float8 AS x, (sel.score - r.mark)::float8 AS r, r.chosen_option_keys AS keys,
          count(*)::int AS n, sum(sel.score)::float8 AS st, sum(sel.score * sel.score)::float8 AS st2, sum(r.time_spent_ms)::float8 AS ms
        FROM responses r JOIN sel ON sel.id = r.attempt_id
        WHERE r.mark IS NOT NULL AND r.slot_id IN (${Prisma.join(slots)})
        GROUP BY 1, 2, 3, 4, 5`;
    }, { timeout: 65_000 });
  const [totals, ...parts] = await Promise.all([
    db.$queryRaw<{ n: number; s1: number | null; s2: number | null; s3: number | null; s4: number | null }[]>`
      WITH sel AS (${sel})
      SELECT count(*)::int AS n, sum(score)::float8 AS s1, sum(score ^ 2)::float8 AS s2, sum(score ^ 3)::float8 AS s3, sum(score ^ 4)::float8 AS s4 FROM sel`,
    ...halves.map(aggregate),
  ]);
  const groups = parts.flat();
  const rows = new Map<string, StatRow>();
  const rowFor = (slotId: string, variantKey: string) => {
    const id = `${slotId}|${variantKey}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { slotId, variantKey, sums: { n: 0, sumX: 0, sumX2: 0, sumT: 0, sumT2: 0, sumXT: 0 }, sumTimeMs: 0, options: {}, xHist: {}, rHist: {} }));
    return row;
  };
  for (const group of groups) {
    // Within a group x is one value, so its sums follow from n; T varies, and is summed in SQL.
    const { n, x, st, st2, ms } = group;
    const xKey = histogramKey(x);
    const rKey = histogramKey(group.r);
    for (const row of [rowFor(group.slot_id, ""), rowFor(group.slot_id, group.vid)]) {
      const sums = row.sums;
      sums.n += n;
      sums.sumX += n * x;
      sums.sumX2 += n * x * x;
      sums.sumT += st;
      sums.sumT2 += st2;
      sums.sumXT += x * st;
      row.sumTimeMs += ms;
      row.xHist[xKey] = (row.xHist[xKey] ?? 0) + n;
      row.rHist[rKey] = (row.rHist[rKey] ?? 0) + n;
      for (const key of new Set(group.keys)) {
        const o = (row.options[key] ??= { count: 0, sumX: 0, sumT: 0 });
        o.count += n;
        o.sumX += n * x;
        o.sumT += st;
      }
    }
  }
  const t = totals[0]!;
  return { source: "exact", totals: { n: t.n, sumT: t.s1 ?? 0, sumT2: t.s2 ?? 0, sumT3: t.s3 ?? 0, sumT4: t.s4 ?? 0 }, rows: [...rows.values()] };
}

/**
 * Rewrites a quiz's running totals (scopes FIRST and ALL) from an exact recompute: after data is
 * loaded in bulk, or to repair them. Runs in one transaction; submissions wait for it.
 */
export async function rebuildRunningStatistics(quizId: string): Promise<void> {
  const [first, all] = await Promise.all([computeExactBundle(quizId, { attempts: "first" }), computeExactBundle(quizId, { attempts: "all" })]);
  const versionOf = (row: StatRow) => (row.variantKey === "" ? null : row.variantKey);
  await db.$transaction(async (tx) => {
    await allowLongStatements(tx, 110_000);
    await tx.questionStat.deleteMany({ where: { quizId } });
    await tx.quizStat.deleteMany({ where: { quizId } });
    for (const [scope, bundle] of [["FIRST", first], ["ALL", all]] as const) {
      if (bundle.rows.length) {
        await tx.questionStat.createMany({
          data: bundle.rows.map((row) => ({
            quizId,
            slotId: row.slotId,
            variantKey: row.variantKey,
            questionVersionId: versionOf(row),
            scope,
            ...row.sums,
            sumTimeMs: row.sumTimeMs,
            optionSums: row.options as unknown as Prisma.InputJsonValue,
            xHist: row.xHist,
            rHist: row.rHist,
          })),
        });
      }
      if (bundle.totals.n) await tx.quizStat.create({ data: { quizId, scope, ...bundle.totals } });
    }
  }, { timeout: 120_000 });
}
