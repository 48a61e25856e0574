// What waits on the device to be sent: the outbox's ratings and the quiz answers not yet stored.
import { outboxEntries } from "./outbox";
import { allPendingAnswers, pendingCount } from "./pending-answers";

export interface Unsent {
  ratings: number;
  answers: number;
  /** An attempt whose answers wait (they are sent from its page), or null. */
  attemptHref: string | null;
}

export async function unsentWork(): Promise<Unsent> {
  const [ratings, answers] = await Promise.all([outboxEntries(), allPendingAnswers()]);
  const withAnswers = answers.find((a) => pendingCount(a) > 0);
  return {
    ratings: ratings.length,
    answers: answers.reduce((sum, a) => sum + pendingCount(a), 0),
    attemptHref: withAnswers ? `/lectures/${withAnswers.lectureSlug}/quiz/attempts/${withAnswers.attemptId}` : null,
  };
}
