import "server-only";
// The one door through which a submitted attempt's marks change after its submission: a recorded
// regrade or a hand grade. In the caller's transaction, it takes the attempts' old marks out of the
// class statistics, rewrites the responses and the attempts' totals (the grade that counts is derived
// from them), puts the new marks into the statistics (which then equal an exact recompute), and keeps
// the students' mistakes queues in step. The caller checks the viewer and records why (a regrade row,
// an audit entry).
import type { DbTransaction } from "../../db-client";
import { restoreStatistics, withdrawFromStatistics } from "../../analytics/internal/recount";
import { recordRegradedOutcomes } from "../../review/internal/mistakes";

/** A response's new mark (and, for a regrade to a newer version, the version and its option keys). */
export interface ResponseRewrite {
  responseId: string;
  attemptId: string;
  mark: number;
  maxMark: number;
  isCorrect: boolean;
  versionId?: string;
  chosenOptionKeys?: string[];
  optionOrder?: string[];
  /** A teacher's grade: who, and the comment the student sees. */
  grade?: { graderId: string; comment: string };
}

/** What the rewrite did to one attempt's total. */
export interface RewrittenAttempt {
  attemptId: string;
  userId: string;
  oldScore: number;
  newScore: number;
  oldMaxScore: number;
  newMaxScore: number;
}

export interface AttemptBeforeRow {
  id: string;
  user_id: string;
  lecture_id: string;
  score: number;
  max_score: number;
}

export interface ResponseBeforeRow {
  id: string;
  attempt_id: string;
  question_id: string;
  is_correct: boolean | null;
  mark: number | null;
  max_mark: number;
}

/** Totals are kept without floating-point dust, as a submission rounds its sum of marks. */
const SCORE_DIGITS = 9;

/** What a caller that locked the attempts itself (a regrade, before planning) read under the locks. */
export interface LockedAttempts {
  attempts: readonly AttemptBeforeRow[];
  responses: readonly ResponseBeforeRow[];
}

export async function rewriteMarks(
  tx: DbTransaction,
  quizId: string,
  rewrites: readonly ResponseRewrite[],
  record: { regradeId: string | null; now: Date },
  locked?: LockedAttempts,
): Promise<RewrittenAttempt[]> {
  if (rewrites.length === 0) return [];
  const attemptIds = [...new Set(rewrites.map((r) => r.attemptId))];
  const { attempts, responses } = locked ? pick(locked, attemptIds, rewrites) : await lockAttempts(tx, quizId, attemptIds, rewrites);
  if (attempts.length !== attemptIds.length) throw new Error("rewriteMarks: an attempt is not a submitted attempt of this quiz");
  const was = new Map(responses.map((b) => [b.id, b]));
  if (was.size !== rewrites.length) throw new Error("rewriteMarks: a response is not in its attempt");
  const withdrawn = await withdrawFromStatistics(tx, quizId, attemptIds);

  const values = rewrites.map((r) => ({
    id: r.responseId,
    attempt_id: r.attemptId,
    mark: r.mark,
    max_mark: r.maxMark,
    ok: r.isCorrect,
    vid: r.versionId ?? null,
    chosen: r.chosenOptionKeys ?? null,
    option_order: r.optionOrder ?? null,
    grader: r.grade?.graderId ?? null,
    comment: r.grade?.comment ?? null,
  }));
  await tx.$executeRaw`
    UPDATE responses AS r SET
      mark = v.mark, max_mark = v.max_mark, is_correct = v.ok,
      question_version_id = coalesce(v.vid, r.question_version_id),
      chosen_option_keys = coalesce(v.chosen, r.chosen_option_keys),
      option_order = coalesce(v.option_order, r.option_order),
      graded_at = CASE WHEN v.grader IS NULL THEN r.graded_at ELSE ${record.now}::timestamp END,
      graded_by_id = coalesce(v.grader, r.graded_by_id),
      grader_comment = coalesce(v.comment, r.grader_comment),
      grading_requested_at = CASE WHEN v.grader IS NULL THEN r.grading_requested_at ELSE NULL END
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      AS v(id text, attempt_id text, mark float8, max_mark float8, ok boolean, vid text, chosen text[], option_order text[], grader text, comment text)
    WHERE r.id = v.id AND r.attempt_id = v.attempt_id`;
  // Each attempt's total moves by its marks' change (read above, under the attempts' locks), rounded
  // as a submission rounds its sum of marks.
  const moved = new Map(attempts.map((a) => [a.id, { score: a.score, maxScore: a.max_score }]));
  for (const r of rewrites) {
    const old = was.get(r.responseId)!;
    const total = moved.get(r.attemptId)!;
    total.score += r.mark - (old.mark ?? 0);
    total.maxScore += r.maxMark - old.max_mark;
  }
  const round = (x: number) => Math.round(x * 10 ** SCORE_DIGITS) / 10 ** SCORE_DIGITS;
  const before = new Map(attempts.map((a) => [a.id, a]));
  // Only the totals that moved are written (an answer moved to a newer version may keep its mark).
  const ids = [...moved.keys()].filter((id) => {
    const [was, now] = [before.get(id)!, moved.get(id)!];
    return round(now.score) !== was.score || round(now.maxScore) !== was.max_score;
  });
  if (ids.length > 0)
    await tx.$executeRaw`
    UPDATE attempts AS a SET score = t.score, max_score = t.max_score
    FROM unnest(${ids}::text[], ${ids.map((id) => round(moved.get(id)!.score))}::float8[], ${ids.map((id) => round(moved.get(id)!.maxScore))}::float8[])
      AS t(id, score, max_score)
    WHERE a.id = t.id`;
  await restoreStatistics(tx, quizId, withdrawn);
  const outcomes = attempts.map<RewrittenAttempt>((a) => ({
    attemptId: a.id,
    userId: a.user_id,
    oldScore: a.score,
    newScore: round(moved.get(a.id)!.score),
    oldMaxScore: a.max_score,
    newMaxScore: round(moved.get(a.id)!.maxScore),
  }));
  if (record.regradeId) {
    const changed = outcomes.filter((o) => o.oldScore !== o.newScore || o.oldMaxScore !== o.newMaxScore);
    if (changed.length > 0)
      await tx.$executeRaw`
        INSERT INTO attempt_regrades (id, attempt_id, regrade_id, kind, old_score, new_score, old_max_score, new_max_score, created_at)
        SELECT replace(gen_random_uuid()::text, '-', ''), c.attempt_id, ${record.regradeId}, 'regrade', c.old_score, c.new_score, c.old_max, c.new_max, ${record.now}::timestamp
        FROM unnest(${changed.map((o) => o.attemptId)}::text[], ${changed.map((o) => o.oldScore)}::float8[], ${changed.map((o) => o.newScore)}::float8[],
          ${changed.map((o) => o.oldMaxScore)}::float8[], ${changed.map((o) => o.newMaxScore)}::float8[]) AS c(attempt_id, old_score, new_score, old_max, new_max)`;
  }
  await updateMistakes(tx, attempts, was, rewrites, record);
  return outcomes;
}

/** The attempts first (row locks: a concurrent hand grade or regrade of one waits), then their answers as they are. */
export async function lockAttempts(
  tx: DbTransaction,
  quizId: string,
  attemptIds: readonly string[],
  rewrites: readonly ResponseRewrite[],
): Promise<LockedAttempts> {
  const attempts = await tx.$queryRaw<AttemptBeforeRow[]>`
    SELECT a.id, a.user_id, q.lecture_id, a.score, a.max_score FROM attempts a JOIN quizzes q ON q.id = a.quiz_id
    WHERE a.id = ANY(${[...attemptIds]}::text[]) AND a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.score IS NOT NULL
    ORDER BY a.id FOR UPDATE OF a`;
  const responses = await tx.$queryRaw<ResponseBeforeRow[]>`
    SELECT r.id, r.attempt_id, qv.question_id, r.is_correct, r.mark, r.max_mark FROM responses r JOIN question_versions qv ON qv.id = r.question_version_id
    WHERE r.id = ANY(${rewrites.map((r) => r.responseId)}::text[])`;
  return { attempts, responses };
}

/** The rewrite's attempts and answers among those a caller locked and read. */
function pick(locked: LockedAttempts, attemptIds: readonly string[], rewrites: readonly ResponseRewrite[]): LockedAttempts {
  const ids = new Set(attemptIds);
  const responseIds = new Set(rewrites.map((r) => r.responseId));
  return { attempts: locked.attempts.filter((a) => ids.has(a.id)), responses: locked.responses.filter((r) => responseIds.has(r.id)) };
}

/** Answers whose correctness turned around join or leave their students' mistakes queues. */
async function updateMistakes(
  tx: DbTransaction,
  attempts: readonly AttemptBeforeRow[],
  was: ReadonlyMap<string, ResponseBeforeRow>,
  rewrites: readonly ResponseRewrite[],
  record: { regradeId: string | null; now: Date },
): Promise<void> {
  const byId = new Map(attempts.map((a) => [a.id, a]));
  const turned = rewrites.filter((r) => (was.get(r.responseId)?.is_correct ?? false) !== r.isCorrect);
  if (turned.length === 0) return;
  const outcomes = turned.map((r) => {
    const attempt = byId.get(r.attemptId)!;
    return {
      userId: attempt.user_id,
      lectureId: attempt.lecture_id,
      questionId: was.get(r.responseId)!.question_id,
      attemptId: r.attemptId,
      correct: r.isCorrect,
    };
  });
  await recordRegradedOutcomes(tx, outcomes, record.now, record.regradeId ? `regrade:${record.regradeId}` : `grade:${record.now.getTime()}`);
}
