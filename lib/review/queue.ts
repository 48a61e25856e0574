// Which card to show next, from the cards' states alone (pure, so the choice is the same on every
// reload and can be tested on fixed fixtures).
import type { CardSnapshot, CardState } from "./fsrs";

/**
 * A lecture's review decks: its flashcards, the quiz questions the student missed, and the cards the
 * student wrote ("My cards", seen by that student only).
 */
export type Deck = "flashcards" | "mistakes" | "own";

export interface DeckCounts {
  total: number;
  /** Cards to review by the end of today (UTC), besides new ones. */
  dueToday: number;
  learning: number;
  learned: number;
  new: number;
  /** New cards still to be introduced today (the daily limit minus those already seen). */
  newLeftToday: number;
}

/** New flashcards a student meets per lecture per day (Anki's default is 20). */
export const NEW_CARDS_PER_DAY = 20;
/** When nothing else is due, a learning card due within this time is shown early (as Anki does). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueCard {
  itemId: string;
  /** Order of new cards (the deck's order). */
  position: number;
  state: CardState;
  due: Date;
}

/** A card of a deck as a review session shows it: its place in the queue, its state and its faces. */
export interface DeckCard extends QueueCard {
  snapshot: CardSnapshot;
  front: string;
  /** Choices shown with a mistake's question. */
  options: string[];
  back: string;
  explanation: string;
  sectionKey: string | null;
  topic: string | null;
}

/** Midnight UTC of `now`'s day: the review day's start (daily limits and "due today"). */
export function startOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const byDue = (a: QueueCard, b: QueueCard) => a.due.getTime() - b.due.getTime() || a.position - b.position;

/**
 * The card to show: first the cards due now (earliest first), then new cards in deck order while the
 * day's new-card allowance lasts, then a learning card due within the learn-ahead time. `prefer`
 * (a card just restored by undo) comes first when it is one of those. Otherwise, when the next
 * card is due.
 */
/** How many cards past the current one a session carries: enough for a ride without a connection. */
export const UPCOMING_CARDS = 25;

export function buildQueue(
  cards: readonly QueueCard[],
  now: Date,
  newLeftToday: number,
  prefer?: string,
): { current: string | null; upcoming: string[]; nextDue: Date | null } {
  const t = now.getTime();
  const due = cards.filter((c) => c.state !== "NEW" && c.due.getTime() <= t).sort(byDue);
  const fresh = newLeftToday > 0 ? cards.filter((c) => c.state === "NEW").sort((a, b) => a.position - b.position) : [];
  const ahead = cards
    .filter((c) => (c.state === "LEARNING" || c.state === "RELEARNING") && c.due.getTime() > t && c.due.getTime() <= t + LEARN_AHEAD_MS)
    .sort(byDue);
  // The cards after the current one, in order (new ones only as many as today allows): what the page
  // can go on with while it has no connection.
  const eligible = [...due, ...fresh.slice(0, newLeftToday), ...ahead].map((c) => c.itemId);
  if (prefer && eligible.includes(prefer)) return { current: prefer, upcoming: eligible.filter((id) => id !== prefer), nextDue: null };
  if (eligible.length > 0) return { current: eligible[0]!, upcoming: eligible.slice(1), nextDue: null };
  const later = cards.filter((c) => c.state !== "NEW").sort(byDue)[0];
  return { current: null, upcoming: [], nextDue: later ? later.due : null };
}

/** Midnight UTC after `now`: "due today" means due before it. */
export function endOfDay(now: Date): Date {
  return new Date(startOfDay(now).getTime() + 86_400_000);
}

/** A deck's counts from its cards' states, given how many new cards may still be introduced today. */
export function countDeck(cards: readonly Pick<QueueCard, "state" | "due">[], newLeftToday: number, now: Date): DeckCounts {
  const end = endOfDay(now);
  const fresh = cards.filter((c) => c.state === "NEW").length;
  return {
    total: cards.length,
    dueToday: cards.filter((c) => c.state !== "NEW" && c.due < end).length,
    learning: cards.filter((c) => c.state === "LEARNING" || c.state === "RELEARNING").length,
    learned: cards.filter((c) => c.state === "REVIEW").length,
    new: fresh,
    newLeftToday: Math.min(newLeftToday, fresh),
  };
}

/** New flashcards a student may still meet today, after `seenToday` of them. */
export function newAllowance(seenToday: number): number {
  return Math.max(0, NEW_CARDS_PER_DAY - seenToday);
}
