import "server-only";
// Exact views of a quiz that read the answers themselves (loaded beside the dashboard's table): the
// score distribution, time per question, the students × questions heat map and Rasch difficulties.
// Staff only, checked in each.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { ttlCache } from "../cache";
import { db } from "../db";
import {
  markFractionsSql,
  maxScoreSql,
  rankedAttemptsSql,
  rightAnswersSql,
  selectedScoresSql,
  slotTimesSql,
  type MarkFractionRow,
  type MaxScoreRow,
  type RankedAttemptRow,
  type RightAnswerRow,
  type ScoreRow,
  type SlotTimeRow,
} from "./internal/sql";
import { quizStructure } from "./internal/structure";
import { estimateRasch, type RaschItem } from "./rasch";
import { median } from "./statistics";
import { DEFAULT_VIEW, type StatsView } from "./view";

export interface ScoreDistribution {
  scores: number;
  median: number | null;
  maxScore: number;
  bins: { from: number; count: number }[];
}

/** The selected attempts' totals: median and a histogram by whole marks; null when there is no such quiz. Reads one row per attempt. */
export async function getScoreDistribution(viewer: Viewer, quizId: string, view: StatsView = DEFAULT_VIEW): Promise<ScoreDistribution | null> {
  assertRole(viewer, STAFF_ROLES);
  // The structure the dashboard loads at the same time (cached, shared): null when there is no such quiz.
  if (!(await quizStructure(quizId))) return null;
  const [rows, max] = await Promise.all([db.$queryRaw<ScoreRow[]>(selectedScoresSql(quizId, view)), db.$queryRaw<MaxScoreRow[]>(maxScoreSql(quizId))]);
  const scores = rows.map((r) => r.score);
  const maxScore = Math.ceil(max[0]?.max ?? Math.max(0, ...scores));
  const bins = Array.from({ length: maxScore + 1 }, (_, i) => ({ from: i, count: 0 }));
  for (const s of scores) bins[Math.min(maxScore, Math.max(0, Math.floor(s + 1e-9)))]!.count++;
  return { scores: scores.length, median: median(scores), maxScore, bins };
}

/** Time spent per slot: quartiles over the selected attempts' answers, in seconds. */
export async function getTimePerQuestion(
  viewer: Viewer,
  quizId: string,
  view: StatsView = DEFAULT_VIEW,
): Promise<Map<string, { q1: number; median: number; q3: number; n: number }>> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.$queryRaw<SlotTimeRow[]>(slotTimesSql(quizId, view));
  return new Map(rows.map((r) => [r.slot_id, { q1: r.q1, median: r.q2, q3: r.q3, n: r.n }]));
}

export interface HeatMap {
  students: { attemptId: string; name: string; score: number }[];
  /** cells[student][slot]: mark as a fraction of the maximum, null when the slot was not in the attempt. */
  cells: (number | null)[][];
  total: number;
}

/** Students × questions: up to `limit` of the selected attempts, evenly spread from the top score down. */
export async function getHeatMap(viewer: Viewer, quizId: string, slotIds: string[], view: StatsView = DEFAULT_VIEW, limit = 40): Promise<HeatMap> {
  assertRole(viewer, STAFF_ROLES);
  const attempts = await db.$queryRaw<RankedAttemptRow[]>(rankedAttemptsSql(quizId, view));
  const step = attempts.length > limit ? attempts.length / limit : 1;
  const picked = Array.from({ length: Math.min(limit, attempts.length) }, (_, i) => attempts[Math.floor(i * step)]!);
  if (picked.length === 0) return { students: [], cells: [], total: attempts.length };
  const responses = await db.$queryRaw<MarkFractionRow[]>(markFractionsSql(picked.map((p) => p.id)));
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
export async function getRaschDifficulties(
  viewer: Viewer,
  quizId: string,
  slotIds: string[],
  view: StatsView = DEFAULT_VIEW,
): Promise<Map<string, RaschItem & { shown: boolean }>> {
  assertRole(viewer, STAFF_ROLES);
  const cacheKey = JSON.stringify([quizId, view.attempts, view.cohortId ?? null, view.from?.toISOString() ?? null, view.to?.toISOString() ?? null, slotIds]);
  return raschCache.get(cacheKey, async () => {
    const rows = await db.$queryRaw<RightAnswerRow[]>(rightAnswersSql(quizId, view));
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
    return new Map(
      slotIds.map((id, i) => [id, { ...result.items[i]!, shown: result.items[i]!.n >= RASCH_MIN_RESPONSES && result.items[i]!.difficulty !== null }]),
    );
  });
}
