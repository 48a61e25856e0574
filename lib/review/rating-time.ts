// When a flashcard rating counts as made. A rating sent later from the device (made without a
// connection) says when the student made it; the server takes that time within bounds.

/** The longest a rating made offline may wait: an older one counts as made when it arrives. */
export const OFFLINE_RATING_MAX_AGE_MS = 7 * 86_400_000;

/**
 * When the student made it, never in the future, never before the card's last review, and at most a
 * week back (else: now).
 */
export function ratingTime(now: Date, reviewedAt: string | undefined, lastReview: Date | null): Date {
  if (!reviewedAt) return now;
  const at = new Date(reviewedAt).getTime();
  if (!(at >= now.getTime() - OFFLINE_RATING_MAX_AGE_MS) || at > now.getTime()) return now;
  return new Date(Math.min(now.getTime(), Math.max(at, lastReview?.getTime() ?? at)));
}
