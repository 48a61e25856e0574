import "server-only";
// Exact views of a quiz that read the answers themselves (loaded beside the dashboard's table): the
// score distribution, time per question, the students × questions heat map and Rasch difficulties.
import { db } from "../db";
import { assertRole, STAFF_ROLES, type SessionUser } from "../auth/roles";
import { ttlCache } from "../cache";
import { NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { selectedAttempts } from "./bundles";
import { DEFAULT_VIEW, type StatsView } from "./data-types";
import { estimateRasch, type RaschItem } from "./rasch";
import { median } from "./statistics";


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
