import "server-only";
// The instructor dashboard of one quiz: the per-slot and per-variant table with flags, the whole-quiz
// figures, and the per-slot page. Staff only, checked here. Storage is lib/analytics/bundles.ts.
import { db } from "../db";
import { assertRole, STAFF_ROLES, type SessionUser } from "../auth/roles";
import { NotFoundError } from "../errors";
import { ttlCache } from "../cache";
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
  type QuizSummary,
} from "./statistics";
import { ATTEMPT_SELECTIONS, DEFAULT_VIEW, isDefaultView, type AttemptSelection, type StatsView } from "./data-types";
export { ATTEMPT_SELECTIONS, DEFAULT_VIEW, isDefaultView, type AttemptSelection, type StatsView };

import { computeExactBundle, loadRunningBundle, selectedAttempts, type StatRow } from "./bundles";

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
