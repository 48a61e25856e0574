// How the review page goes on without a connection: a rating kept on the device takes its card out
// of the session, and the next of the cards the session carries comes up. Pure, for the page and tests.
import type { ReviewSession } from "@/lib/review/data";

/** The session after `itemId` was rated on the device (unchanged when the card is not in it). */
export function advanceSession(session: ReviewSession, itemId: string): ReviewSession {
  const cards = [session.current, ...session.upcoming].filter((card) => card !== null);
  const rated = cards.find((card) => card.itemId === itemId);
  if (!rated) return session;
  const rest = cards.filter((card) => card.itemId !== itemId);
  const counts = { ...session.counts };
  if (rated.state === "NEW") {
    counts.new = Math.max(0, counts.new - 1);
    counts.newLeftToday = Math.max(0, counts.newLeftToday - 1);
  } else counts.dueToday = Math.max(0, counts.dueToday - 1);
  return { ...session, counts, current: rest[0] ?? null, upcoming: rest.slice(1) };
}

/** The session without the cards already rated on this device and not yet sent. */
export function withoutKept(session: ReviewSession, keptItemIds: readonly string[]): ReviewSession {
  return keptItemIds.reduce(advanceSession, session);
}
