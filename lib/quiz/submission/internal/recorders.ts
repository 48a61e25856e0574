import "server-only";
// What else a submission sets off besides the attempt itself: the short, explicit list of features
// that learn from a submitted attempt. Each gets the scored attempt. The student's own rows are
// written in the submission's transaction; what the whole class shares is derived after the commit,
// so that no submission waits on another's locks. The submission knows nothing else about them.
// (Dependencies run one way: quiz → analytics, quiz → review.)
import type { RawTransaction } from "../../../db-pool-transaction";
import { foldStatisticsSoon } from "../../../analytics/internal/fold";
import { recordQuizOutcomes } from "../../../review/internal/mistakes";
import type { SubmittedAttempt } from "./finalize";

export type SubmissionRecorder = (tx: RawTransaction, attempt: SubmittedAttempt) => Promise<void>;

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

/** In the submission's transaction. */
export const RECORDERS: readonly SubmissionRecorder[] = [recordMistakes];

/**
 * After the submission committed. The class statistics count the attempt from its stored marks: the
 * dashboard adds it at once, and the fold moves it into the running sums after the response.
 */
export const AFTER_COMMIT: readonly ((attempt: SubmittedAttempt) => void)[] = [(attempt) => foldStatisticsSoon(attempt.quizId)];
