import "server-only";
// Closing one attempt: the step every write path shares (a submission, a save that finds the attempt
// overdue, a new start, the sweep). Unchecked: callers pass the attempt's owner, whom they checked.
// A caller that opens the transaction itself runs afterSubmissions once it has committed.
import { db } from "../../../db";
import { poolTransaction, type RawTransaction } from "../../../db-pool-transaction";
import { FLIP_TO_SUBMITTED_SQL, RECORD_MARKS_SQL, SCORABLE_RESPONSES_SQL, type FlippedAttemptRow, type ScorableResponseRow } from "../../internal/sql";
import { gradeAnswer } from "../../../bank/answers/grading";
import { AFTER_COMMIT, RECORDERS } from "./recorders";

/** A response of a just-submitted attempt, scored. */
export interface ScoredAttemptResponse {
  slotId: string;
  questionVersionId: string;
  questionId: string;
  chosenOptionKeys: string[];
  timeSpentMs: number;
  mark: number;
  isCorrect: boolean;
}

/** What a submission hands to the recorders and returns to its caller. */
export interface SubmittedAttempt {
  id: string;
  userId: string;
  quizId: string;
  lectureId: string;
  lectureSlug: string;
  attemptNumber: number;
  /** Now, or the deadline when the attempt was closed after it. */
  submittedAt: Date;
  score: number;
  maxScore: number;
  responses: ScoredAttemptResponse[];
}

export type FinalizeOutcome = { status: "submitted"; attempt: SubmittedAttempt } | { status: "not-open" };

/** The owner of an attempt: every statement below is scoped to it. */
export interface OwnedAttempt {
  id: string;
  userId: string;
}

/**
 * The stored submission key. Scoped to the attempt: the column is unique across all attempts, and a
 * page (or a client that reuses keys) may send the same key for a later attempt — that must submit
 * the later attempt, not collide with the earlier one. Retries of one submission are made harmless
 * by the conditional status flip, not by this key; it records which request submitted.
 */
function submissionKeyFor(attemptId: string, idempotencyKey: string): string {
  return `${attemptId}:${idempotencyKey}`;
}

/**
 * Submits the attempt if it is still in progress, in the caller's transaction: flips it (the
 * conditional update takes the row lock, so a concurrent or repeated submission finds it submitted
 * and does nothing: "not-open", as for an attempt that is missing or not this user's), scores every
 * response, then runs each in-transaction recorder (the mistakes queue) with the result; the class
 * statistics count it once the caller has committed (afterSubmissions).
 */
export async function finalizeAttempt(tx: RawTransaction, attempt: OwnedAttempt, now: Date, idempotencyKey?: string): Promise<FinalizeOutcome> {
  const submissionKey = idempotencyKey ? submissionKeyFor(attempt.id, idempotencyKey) : null;
  const [flipped] = await tx.$queryRawUnsafe<FlippedAttemptRow[]>(FLIP_TO_SUBMITTED_SQL, attempt.id, attempt.userId, now.toISOString(), submissionKey);
  if (!flipped) return { status: "not-open" };
  const rows = await tx.$queryRawUnsafe<ScorableResponseRow[]>(SCORABLE_RESPONSES_SQL, attempt.id);
  const responses = rows.map(scoreResponse);
  // Round away floating-point dust so that the score is the exact sum of its marks.
  const score = Math.round(responses.reduce((sum, r) => sum + r.mark, 0) * 1e9) / 1e9;
  await tx.$executeRawUnsafe(
    RECORD_MARKS_SQL,
    attempt.id,
    rows.map((r) => r.id),
    responses.map((r) => r.mark),
    responses.map((r) => r.isCorrect),
    score,
  );
  const submitted: SubmittedAttempt = {
    id: attempt.id,
    userId: attempt.userId,
    quizId: flipped.quizId,
    lectureId: flipped.lectureId,
    lectureSlug: flipped.lectureSlug,
    attemptNumber: flipped.attemptNumber,
    submittedAt: new Date(flipped.submittedMs),
    score,
    maxScore: flipped.maxScore,
    responses,
  };
  for (const record of RECORDERS) await record(tx, submitted);
  return { status: "submitted", attempt: submitted };
}

/** What follows the commit of a transaction that submitted these attempts. */
export function afterSubmissions(attempts: readonly SubmittedAttempt[]): void {
  for (const attempt of attempts) for (const then of AFTER_COMMIT) then(attempt);
}

/** Submits the attempt in a transaction of its own (finalizeAttempt), then what follows the commit. */
export async function submitInOwnTransaction(attempt: OwnedAttempt, now: Date, idempotencyKey?: string): Promise<FinalizeOutcome> {
  const outcome = await poolTransaction(db, (tx) => finalizeAttempt(tx, attempt, now, idempotencyKey));
  if (outcome.status === "submitted") afterSubmissions([outcome.attempt]);
  return outcome;
}

function scoreResponse(row: ScorableResponseRow): ScoredAttemptResponse {
  // An essay scores nothing until a teacher grades it (the results say it is awaiting grading).
  const { mark, isCorrect } = gradeAnswer(row, { chosen: row.chosenOptionKeys, text: row.answerText }, row.maxMark);
  return {
    slotId: row.slotId,
    questionVersionId: row.questionVersionId,
    questionId: row.questionId,
    chosenOptionKeys: row.chosenOptionKeys,
    timeSpentMs: row.timeSpentMs,
    mark,
    isCorrect,
  };
}
