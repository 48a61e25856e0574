import "server-only";
// What else a submission writes, in its transaction, besides the attempt itself: the short, explicit
// list of features that learn from a submitted attempt. Each gets the scored attempt and writes its
// own tables; the submission knows nothing else about them. (Dependencies run one way: quiz →
// analytics, quiz → review.)
import type { DbTransaction } from "../../../db-client";
import { recordSubmissionStatistics } from "../../../analytics/internal/writer";
import type { ScoredResponse } from "../../../analytics/sums";
import { recordQuizOutcomes } from "../../../review/internal/mistakes";
import type { SubmittedAttempt } from "./finalize";

export type SubmissionRecorder = (tx: DbTransaction, attempt: SubmittedAttempt) => Promise<void>;

/** The class statistics: the attempt joins the running sums the instructor dashboard reads. */
export const recordStatistics: SubmissionRecorder = (tx, attempt) => {
  const responses: ScoredResponse[] = attempt.responses;
  return recordSubmissionStatistics(tx, attempt.quizId, attempt.attemptNumber, responses);
};

/** The student's mistakes queue: missed questions join it; right answers to queued ones reschedule them. */
export const recordMistakes: SubmissionRecorder = (tx, attempt) =>
  recordQuizOutcomes(
    tx,
    attempt.userId,
    attempt.lectureId,
    attempt.responses.map((r) => ({ questionId: r.questionId, correct: r.isCorrect })),
    attempt.submittedAt,
    `attempt:${attempt.id}`,
  );

export const RECORDERS: readonly SubmissionRecorder[] = [recordStatistics, recordMistakes];
