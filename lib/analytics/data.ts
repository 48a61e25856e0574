import "server-only";
import { db } from "../db";
import { assertRole, STAFF_ROLES, type SessionUser } from "../auth/roles";
import { NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { questionFlags, type Flag } from "./flags";
import {
  discriminationIndex,
  discriminativeEfficiency,
  facility,
  fisherInterval,
  itemVariance,
  markSdPercent,
  optionPointBiserial,
  quizSummary,
  wilsonInterval,
  type ItemSums,
  type OptionSums,
  type QuizSummary,
  type TotalSums,
} from "./statistics";

export const ATTEMPT_SELECTIONS = ["first", "last", "best", "all"] as const;
export type AttemptSelection = (typeof ATTEMPT_SELECTIONS)[number];

export interface StatsView {
  attempts: AttemptSelection;
  cohortId?: string | null;
  /** Submitted at or after. */
  from?: Date | null;
  /** Submitted before. */
  to?: Date | null;
}

export const DEFAULT_VIEW: StatsView = { attempts: "first" };

export function isDefaultView(view: StatsView): boolean {
  return view.attempts === "first" && !view.cohortId && !view.from && !view.to;
}

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

/** The same statistics recomputed from the responses, for any view. */
export async function computeExactBundle(quizId: string, view: StatsView): Promise<StatBundle> {
  const sel = selectedAttempts(quizId, view);
  const base = Prisma.sql`
    sel AS (${sel}),
    resp AS (
      SELECT r.slot_id, r.question_version_id AS vid, r.mark AS x, sel.score AS t, r.time_spent_ms AS ms, r.chosen_option_keys AS keys
      FROM responses r JOIN sel ON sel.id = r.attempt_id WHERE r.mark IS NOT NULL
    ),
    expanded AS (
      SELECT slot_id, '' AS vk, x, t, ms, keys FROM resp
      UNION ALL SELECT slot_id, vid, x, t, ms, keys FROM resp
    )`;
  const [sums, options, hists, totals] = await Promise.all([
    db.$queryRaw<{ slot_id: string; vk: string; n: number; sx: number; sx2: number; st: number; st2: number; sxt: number; ms: number }[]>`
      WITH ${base}
      SELECT slot_id, vk, count(*)::int AS n, sum(x)::float8 AS sx, sum(x * x)::float8 AS sx2, sum(t)::float8 AS st, sum(t * t)::float8 AS st2, sum(x * t)::float8 AS sxt, sum(ms)::float8 AS ms
      FROM expanded GROUP BY slot_id, vk`,
    db.$queryRaw<{ slot_id: string; vk: string; k: string; c: number; sx: number; st: number }[]>`
      WITH ${base}
      SELECT e.slot_id, e.vk, k, count(*)::int AS c, sum(e.x)::float8 AS sx, sum(e.t)::float8 AS st
      FROM expanded e, unnest(e.keys) AS k GROUP BY 1, 2, 3`,
    db.$queryRaw<{ slot_id: string; vk: string; kind: string; v: string; c: number }[]>`
      WITH ${base}
      SELECT slot_id, vk, 'x' AS kind, trim_scale(round(x::numeric, 9))::text AS v, count(*)::int AS c FROM expanded GROUP BY 1, 2, 4
      UNION ALL
      SELECT slot_id, vk, 'r', trim_scale(round((t - x)::numeric, 9))::text, count(*)::int FROM expanded GROUP BY 1, 2, 4`,
    db.$queryRaw<{ n: number; s1: number | null; s2: number | null; s3: number | null; s4: number | null }[]>`
      WITH sel AS (${sel})
      SELECT count(*)::int AS n, sum(score)::float8 AS s1, sum(score ^ 2)::float8 AS s2, sum(score ^ 3)::float8 AS s3, sum(score ^ 4)::float8 AS s4 FROM sel`,
  ]);
  const rows = new Map<string, StatRow>();
  for (const s of sums) {
    rows.set(`${s.slot_id}|${s.vk}`, {
      slotId: s.slot_id,
      variantKey: s.vk,
      sums: { n: s.n, sumX: s.sx, sumX2: s.sx2, sumT: s.st, sumT2: s.st2, sumXT: s.sxt },
      sumTimeMs: s.ms,
      options: {},
      xHist: {},
      rHist: {},
    });
  }
  for (const o of options) rows.get(`${o.slot_id}|${o.vk}`)!.options[o.k] = { count: o.c, sumX: o.sx, sumT: o.st };
  for (const h of hists) rows.get(`${h.slot_id}|${h.vk}`)![h.kind === "x" ? "xHist" : "rHist"][h.v] = h.c;
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

/**
 * The quiz's statistics for instructors. The default view (first attempts, whole class) reads the
 * running totals: one row per slot and variant, whatever the number of answers. Any other view is an
 * exact recompute from the responses.
 */
export async function getQuizDashboard(user: SessionUser, quizId: string, view: StatsView = DEFAULT_VIEW): Promise<QuizDashboard> {
  assertRole(user, STAFF_ROLES);
  const [quiz, bundle] = await Promise.all([
    db.quiz.findUnique({
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
    }),
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
