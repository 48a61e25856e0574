// A card's FSRS state rebuilt from its ratings (pure): each rating goes through the same rate() as a
// rating made in a review session, in time order, starting as that session starts a card on its
// first rating (NEW, due at that moment). The CSV import and the undo of a delete use it, so a card
// comes back with the state its ratings give it, and each rating with the card before it (for undo).
import { DEFAULT_PROFILE, newCard, rate, type CardSnapshot, type Rating, type RatingLog, type SchedulingProfile } from "../fsrs";

export interface TimedRating {
  rating: Rating;
  reviewedAt: Date;
}

export interface ReplayedRating {
  /** The card just before the rating (the log's `previous_card`, what undo restores). */
  before: CardSnapshot;
  log: RatingLog;
}

export interface Replay {
  card: CardSnapshot;
  ratings: ReplayedRating[];
}

/**
 * Applies `ratings` (sorted here by time) to `start`, or to a card never reviewed when `start` is
 * null. Ratings must be later than the start's last review (callers check it, with a message).
 */
export function replayRatings(start: CardSnapshot | null, ratings: readonly TimedRating[], profile: SchedulingProfile = DEFAULT_PROFILE): Replay {
  const sorted = [...ratings].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  if (!start && sorted.length === 0) throw new Error("replayRatings: nothing to replay");
  let card = start ?? newCard(sorted[0]!.reviewedAt);
  const replayed: ReplayedRating[] = [];
  for (const { rating, reviewedAt } of sorted) {
    const next = rate(card, rating, reviewedAt, profile);
    replayed.push({ before: card, log: next.log });
    card = next.card;
  }
  return { card, ratings: replayed };
}
