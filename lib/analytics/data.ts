import "server-only";
import { allowLongStatements, db } from "../db";
import { assertRole, STAFF_ROLES, type SessionUser } from "../auth/roles";
import { NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { histogramKey } from "../quiz/stat-increments";
import { ttlCache } from "../cache";
import { questionFlags, type Flag } from "./flags";
import { estimateRasch, type RaschItem } from "./rasch";
import {
  discriminationIndex,
  discriminativeEfficiency,
  facility,
  fisherInterval,
  itemVariance,
  median,
  markSdPercent,
  optionPointBiserial,
  quizSummary,
  wilsonInterval,
  type ItemSums,
  type OptionSums,
  type QuizSummary,
  type TotalSums,
} from "./statistics";

import { ATTEMPT_SELECTIONS, DEFAULT_VIEW, isDefaultView, type AttemptSelection, type StatsView } from "./data-types";
export { ATTEMPT_SELECTIONS, DEFAULT_VIEW, isDefaultView, type AttemptSelection, type StatsView };

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
function selectedAttempts(quizId: string, view: StatsView): Prisma.Sql {
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

// ─── the dashboard ───

export interface OptionStat {
  key: string;
  label: string;
  text: string;
  correct: boolean;
  count: number;
  share: number | null;
  pointBiserial: number | null;
}

export interface RowStat {
  variantKey: string;
  title: string;
  n: number;
  facility: number | null;
  facilityInterval: [number, number] | null;
  sd: number | null;
  discrimination: number | null;
  discriminationInterval: [number, number] | null;
  efficiency: number | null;
  meanTimeSeconds: number | null;
  options: OptionStat[];
  flags: Flag[];
}

export interface SlotStat extends RowStat {
  slotId: string;
  position: number;
  key: string;
  variants: RowStat[];
}

export interface QuizDashboard {
  quiz: { id: string; title: string; lectureTitle: string };
  view: StatsView;
  source: "running" | "exact";
  summary: QuizSummary;
  slots: SlotStat[];
  /** Server time to compute it, in milliseconds. */
  computeMs: number;
}

const OPTION_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function describeRow(row: StatRow | undefined, title: string, variantKey: string, maxMark: number, options: { key: string; text: string; correct: boolean }[]): RowStat {
  const sums = row?.sums ?? { n: 0, sumX: 0, sumX2: 0, sumT: 0, sumT2: 0, sumXT: 0 };
  const fac = facility(sums, maxMark);
  const disc = discriminationIndex(sums);
  const optionStats: OptionStat[] = options.map((o, i) => {
    const s = row?.options[o.key] ?? { count: 0, sumX: 0, sumT: 0 };
    return { key: o.key, label: OPTION_LABELS[i] ?? o.key, text: o.text, correct: o.correct, count: s.count, share: sums.n ? s.count / sums.n : null, pointBiserial: optionPointBiserial(sums, s) };
  });
  return {
    variantKey,
    title,
    n: sums.n,
    facility: fac,
    facilityInterval: fac === null ? null : (wilsonInterval(fac / 100, sums.n)?.map((v) => v * 100) as [number, number] | undefined) ?? null,
    sd: markSdPercent(sums, maxMark),
    discrimination: disc,
    discriminationInterval: disc === null ? null : (fisherInterval(disc / 100, sums.n)?.map((v) => v * 100) as [number, number] | undefined) ?? null,
    efficiency: row ? discriminativeEfficiency(sums, row.xHist, row.rHist) : null,
    meanTimeSeconds: sums.n ? row!.sumTimeMs / sums.n / 1000 : null,
    options: optionStats,
    flags: questionFlags({ n: sums.n, facility: fac, discrimination: disc, options: optionStats.map((o) => ({ key: o.key, label: o.label, correct: o.correct, count: o.count, pointBiserial: o.pointBiserial })) }),
  };
}

// The quiz's slots, variants and options change only when content is loaded: each process keeps
// them a minute, so the default view costs the statistics rows alone.
const structureCache = ttlCache<Awaited<ReturnType<typeof fetchQuizStructure>>>(60_000);

function fetchQuizStructure(quizId: string) {
  return db.quiz.findUnique({
      where: { id: quizId },
      select: {
        id: true,
        title: true,
        lecture: { select: { title: true } },
        slots: {
          where: { retiredAt: null },
          orderBy: { position: "asc" },
          select: {
            id: true,
            key: true,
            position: true,
            variants: {
              orderBy: { position: "asc" },
              select: { question: { select: { versions: { orderBy: { version: "desc" }, select: { id: true, stem: true, maxMark: true, options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true } } } } } } },
            },
          },
        },
      },
    });
}

function quizStructure(quizId: string) {
  return structureCache.get(quizId, () => fetchQuizStructure(quizId));
}

/**
 * The quiz's statistics for instructors. The default view (first attempts, whole class) reads the
 * running totals: one row per slot and variant, whatever the number of answers. Any other view is an
 * exact recompute from the responses.
 */
export async function getQuizDashboard(user: SessionUser, quizId: string, view: StatsView = DEFAULT_VIEW): Promise<QuizDashboard> {
  assertRole(user, STAFF_ROLES);
  const started = performance.now();
  const [quiz, bundle] = await Promise.all([
    quizStructure(quizId),
    isDefaultView(view) ? loadRunningBundle(quizId, "FIRST") : computeExactBundle(quizId, view),
  ]);
  if (!quiz) throw new NotFoundError("No such quiz.");
  const byKey = new Map(bundle.rows.map((r) => [`${r.slotId}|${r.variantKey}`, r]));
  const slots: SlotStat[] = quiz.slots.map((slot) => {
    // Every version a student may have seen is a variant row; the slot row sums them.
    const versions = slot.variants.flatMap((v) => v.question.versions);
    const answered = versions.filter((v) => byKey.has(`${slot.id}|${v.id}`));
    const current = slot.variants.map((v) => v.question.versions[0]!).filter(Boolean);
    const shown = [...new Map([...current, ...answered].map((v) => [v.id, v])).values()];
    const maxMark = Math.max(...shown.map((v) => v.maxMark), 0) || 1;
    const lead = current[0] ?? shown[0]!;
    const slotRow = describeRow(byKey.get(`${slot.id}|`), lead.stem, "", maxMark, lead.options.map((o) => ({ key: o.key, text: o.text, correct: o.isCorrect })));
    return {
      ...slotRow,
      // A slot's options differ between variants: its option figures are per variant.
      options: shown.length === 1 ? slotRow.options : [],
      flags: shown.length === 1 ? slotRow.flags : questionFlags({ n: slotRow.n, facility: slotRow.facility, discrimination: slotRow.discrimination, options: [] }),
      slotId: slot.id,
      position: slot.position,
      key: slot.key,
      variants: shown.map((v) => describeRow(byKey.get(`${slot.id}|${v.id}`), v.stem, v.id, v.maxMark, v.options.map((o) => ({ key: o.key, text: o.text, correct: o.isCorrect })))),
    };
  });
  const slotVariances = slots.map((s) => itemVariance(byKey.get(`${s.slotId}|`)?.sums ?? { n: 0, sumX: 0, sumX2: 0 }));
  return {
    quiz: { id: quiz.id, title: quiz.title, lectureTitle: quiz.lecture.title },
    view,
    source: bundle.source,
    summary: quizSummary(bundle.totals, slotVariances),
    slots,
    computeMs: performance.now() - started,
  };
}

/** The quizzes with their submitted attempt counts, for the instructor's index. */
export async function getInstructorQuizzes(user: SessionUser) {
  assertRole(user, STAFF_ROLES);
  const quizzes = await db.quiz.findMany({
    orderBy: [{ lecture: { number: "asc" } }, { createdAt: "asc" }],
    select: { id: true, title: true, lecture: { select: { number: true, title: true } }, stats: { where: { scope: "ALL" }, select: { n: true } }, _count: { select: { slots: { where: { retiredAt: null } } } } },
  });
  const firsts = await db.quizStat.findMany({ where: { scope: "FIRST" }, select: { quizId: true, n: true } });
  const students = new Map(firsts.map((f) => [f.quizId, f.n]));
  return quizzes.map((q) => ({ id: q.id, title: q.title, lecture: q.lecture, slots: q._count.slots, attempts: q.stats[0]?.n ?? 0, students: students.get(q.id) ?? 0 }));
}

// ─── exact views that read the answers (loaded beside the table) ───

async function requireQuiz(quizId: string) {
  const quiz = await db.quiz.findUnique({ where: { id: quizId }, select: { id: true } });
  if (!quiz) throw new NotFoundError("No such quiz.");
}

/** The selected attempts' totals: median and a histogram by whole marks. Reads one row per attempt. */
export async function getScoreDistribution(user: SessionUser, quizId: string, view: StatsView = DEFAULT_VIEW) {
  assertRole(user, STAFF_ROLES);
  await requireQuiz(quizId);
  const [rows, max] = await Promise.all([
    db.$queryRaw<{ score: number }[]>`WITH sel AS (${selectedAttempts(quizId, view)}) SELECT score::float8 AS score FROM sel`,
    db.$queryRaw<{ max: number | null }[]>`SELECT max(max_score)::float8 AS max FROM attempts WHERE quiz_id = ${quizId}`,
  ]);
  const scores = rows.map((r) => r.score);
  const maxScore = Math.ceil(max[0]?.max ?? Math.max(0, ...scores));
  const bins = Array.from({ length: maxScore + 1 }, (_, i) => ({ from: i, count: 0 }));
  for (const s of scores) bins[Math.min(maxScore, Math.max(0, Math.floor(s + 1e-9)))]!.count++;
  return { scores: scores.length, median: median(scores), maxScore, bins };
}

/** Time spent per slot: quartiles over the selected attempts' answers, in seconds. */
export async function getTimePerQuestion(user: SessionUser, quizId: string, view: StatsView = DEFAULT_VIEW) {
  assertRole(user, STAFF_ROLES);
  const rows = await db.$queryRaw<{ slot_id: string; q1: number; q2: number; q3: number; n: number }[]>`
    WITH sel AS (${selectedAttempts(quizId, view)})
    SELECT r.slot_id, percentile_cont(0.25) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q1,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q2,
      percentile_cont(0.75) WITHIN GROUP (ORDER BY r.time_spent_ms)::float8 / 1000 AS q3, count(*)::int AS n
    FROM responses r JOIN sel ON sel.id = r.attempt_id GROUP BY r.slot_id`;
  return new Map(rows.map((r) => [r.slot_id, { q1: r.q1, median: r.q2, q3: r.q3, n: r.n }]));
}

export interface HeatMap {
  students: { attemptId: string; name: string; score: number }[];
  /** cells[student][slot]: mark as a fraction of the maximum, null when the slot was not in the attempt. */
  cells: (number | null)[][];
  total: number;
}

/** Students × questions: up to `limit` of the selected attempts, evenly spread from the top score down. */
export async function getHeatMap(user: SessionUser, quizId: string, slotIds: string[], view: StatsView = DEFAULT_VIEW, limit = 40): Promise<HeatMap> {
  assertRole(user, STAFF_ROLES);
  const attempts = await db.$queryRaw<{ id: string; score: number; name: string }[]>`
    WITH sel AS (${selectedAttempts(quizId, view)})
    SELECT sel.id, sel.score::float8 AS score, u.name FROM sel JOIN attempts a ON a.id = sel.id JOIN users u ON u.id = a.user_id ORDER BY sel.score DESC, u.name`;
  const step = attempts.length > limit ? attempts.length / limit : 1;
  const picked = Array.from({ length: Math.min(limit, attempts.length) }, (_, i) => attempts[Math.floor(i * step)]!);
  if (picked.length === 0) return { students: [], cells: [], total: attempts.length };
  const responses = await db.$queryRaw<{ attempt_id: string; slot_id: string; frac: number | null }[]>`
    SELECT r.attempt_id, r.slot_id, (r.mark / NULLIF(r.max_mark, 0))::float8 AS frac FROM responses r WHERE r.attempt_id IN (${Prisma.join(picked.map((p) => p.id))})`;
  const index = new Map(slotIds.map((id, i) => [id, i]));
  const rowOf = new Map(picked.map((p, i) => [p.id, i]));
  const cells = picked.map(() => slotIds.map(() => null as number | null));
  for (const r of responses) {
    const i = rowOf.get(r.attempt_id);
    const j = index.get(r.slot_id);
    if (i !== undefined && j !== undefined) cells[i]![j] = r.frac;
  }
  return { students: picked.map((p) => ({ attemptId: p.id, name: p.name, score: p.score })), cells, total: attempts.length };
}

/** Slots need this many answers from students with a finite ability before a Rasch difficulty is shown. */
export const RASCH_MIN_RESPONSES = 30;
const raschCache = ttlCache<Map<string, RaschItem & { shown: boolean }>>(120_000);

/**
 * Rasch difficulty of each slot (full marks = right), from the selected attempts' answers. Computed
 * on request and kept two minutes per quiz and view (it reads every answer).
 */
export async function getRaschDifficulties(user: SessionUser, quizId: string, slotIds: string[], view: StatsView = DEFAULT_VIEW) {
  assertRole(user, STAFF_ROLES);
  const cacheKey = JSON.stringify([quizId, view.attempts, view.cohortId ?? null, view.from?.toISOString() ?? null, view.to?.toISOString() ?? null, slotIds]);
  return raschCache.get(cacheKey, async () => {
    const rows = await db.$queryRaw<{ attempt_id: string; slot_id: string; right: boolean }[]>`
      WITH sel AS (${selectedAttempts(quizId, view)})
      SELECT r.attempt_id, r.slot_id, (r.mark >= r.max_mark - 1e-9) AS right FROM responses r JOIN sel ON sel.id = r.attempt_id WHERE r.mark IS NOT NULL`;
    const column = new Map(slotIds.map((id, i) => [id, i]));
    const matrix = new Map<string, (0 | 1 | null)[]>();
    for (const r of rows) {
      const j = column.get(r.slot_id);
      if (j === undefined) continue;
      let row = matrix.get(r.attempt_id);
      if (!row) matrix.set(r.attempt_id, (row = slotIds.map(() => null)));
      row[j] = r.right ? 1 : 0;
    }
    const result = estimateRasch([...matrix.values()]);
    return new Map(slotIds.map((id, i) => [id, { ...result.items[i]!, shown: result.items[i]!.n >= RASCH_MIN_RESPONSES && result.items[i]!.difficulty !== null }]));
  });
}

export interface SlotDetail {
  variants: {
    variantKey: string;
    stem: string;
    /** quintiles[q] for q = 0 (lowest fifth of totals) … 4 (highest): attempts in it, and picks per option key. */
    quintiles: { attempts: number; picks: Record<string, number> }[];
  }[];
  responses: { name: string; email: string; variantKey: string; chosen: string[]; mark: number; maxMark: number; total: number; seconds: number; submittedAt: string }[];
  responseCount: number;
}

/** A slot's options by score group (quintiles of the attempt total) and the answers behind them (latest first). */
export async function getSlotDetail(user: SessionUser, quizId: string, slotId: string, view: StatsView = DEFAULT_VIEW, page = 0, pageSize = 50): Promise<SlotDetail> {
  assertRole(user, STAFF_ROLES);
  const slot = await db.quizSlot.findFirst({ where: { id: slotId, quizId }, select: { id: true } });
  if (!slot) throw new NotFoundError("No such question in this quiz.");
  const [quintiles, responses, count, versions] = await Promise.all([
    db.$queryRaw<{ vid: string; q: number; k: string | null; c: number }[]>`
      WITH sel AS (${selectedAttempts(quizId, view)}),
      grouped AS (SELECT id, ntile(5) OVER (ORDER BY score) - 1 AS q FROM sel),
      resp AS (SELECT r.question_version_id AS vid, g.q, r.chosen_option_keys AS keys FROM responses r JOIN grouped g ON g.id = r.attempt_id WHERE r.slot_id = ${slotId})
      SELECT vid, q::int AS q, NULL AS k, count(*)::int AS c FROM resp GROUP BY vid, q
      UNION ALL
      SELECT vid, q::int, k, count(*)::int FROM resp, unnest(keys) AS k GROUP BY vid, q, k`,
    db.$queryRaw<{ name: string; email: string; vid: string; keys: string[]; mark: number; max_mark: number; score: number; ms: number; submitted_at: Date }[]>`
      WITH sel AS (${selectedAttempts(quizId, view)})
      SELECT u.name, u.email, r.question_version_id AS vid, r.chosen_option_keys AS keys, r.mark::float8 AS mark, r.max_mark::float8 AS max_mark, sel.score::float8 AS score, r.time_spent_ms AS ms, a.submitted_at
      FROM responses r JOIN sel ON sel.id = r.attempt_id JOIN attempts a ON a.id = r.attempt_id JOIN users u ON u.id = a.user_id
      WHERE r.slot_id = ${slotId} ORDER BY a.submitted_at DESC, u.name LIMIT ${pageSize} OFFSET ${page * pageSize}`,
    db.$queryRaw<{ n: number }[]>`WITH sel AS (${selectedAttempts(quizId, view)}) SELECT count(*)::int AS n FROM responses r JOIN sel ON sel.id = r.attempt_id WHERE r.slot_id = ${slotId}`,
    db.questionVersion.findMany({ where: { question: { slotVariants: { some: { slotId } } } }, select: { id: true, stem: true } }),
  ]);
  const stems = new Map(versions.map((v) => [v.id, v.stem]));
  const byVariant = new Map<string, SlotDetail["variants"][number]>();
  for (const row of quintiles) {
    let variant = byVariant.get(row.vid);
    if (!variant) byVariant.set(row.vid, (variant = { variantKey: row.vid, stem: stems.get(row.vid) ?? "", quintiles: Array.from({ length: 5 }, () => ({ attempts: 0, picks: {} })) }));
    const group = variant.quintiles[row.q]!;
    if (row.k === null) group.attempts = row.c;
    else group.picks[row.k] = row.c;
  }
  return {
    variants: [...byVariant.values()],
    responses: responses.map((r) => ({ name: r.name, email: r.email, variantKey: r.vid, chosen: r.keys, mark: r.mark, maxMark: r.max_mark, total: r.score, seconds: r.ms / 1000, submittedAt: r.submitted_at.toISOString() })),
    responseCount: count[0]?.n ?? 0,
  };
}

/** Cohorts for the dashboard's filter. */
export async function getCohortOptions(user: SessionUser) {
  assertRole(user, STAFF_ROLES);
  return db.cohort.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
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
