import "server-only";
// What the review feature tells other features (progress, the course home) about a student's cards:
// batched over every lecture, a few queries whatever the number of lectures.
import { db } from "../db";
import { assertRole, ROLES, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { retrievability, type CardState } from "./fsrs";
import { DECK_OF_KIND, selectDeckCounts, selectFlashcardReviewCounts, snapshotOf, snapshotSelect, type DeckCountRow } from "./internal/sql";
import { endOfDay, newAllowance, startOfDay, type Deck, type DeckCounts } from "./queue";

export type { DeckCounts } from "./queue";

export interface LectureDecks {
  flashcards: DeckCounts;
  mistakes: DeckCounts;
  /** The student's own cards ("My cards"). */
  own: DeckCounts;
}

const EMPTY: Readonly<DeckCounts> = Object.freeze({ total: 0, dueToday: 0, learning: 0, learned: 0, new: 0, newLeftToday: 0 });

function deckCountsOf(row: DeckCountRow | undefined, deck: Deck): DeckCounts {
  if (!row) return EMPTY;
  // As the progress pages have always counted: the daily allowance of new cards (flashcards, own cards); none for mistakes.
  const allowance = deck === "mistakes" ? 0 : newAllowance(row.newSeenToday);
  return { total: row.total, dueToday: row.dueToday, learning: row.learning, learned: row.learned, new: row.new, newLeftToday: Math.min(allowance, row.new) };
}

/** Every deck of every lecture for the viewer, from one grouped query. `get` answers every lecture id (zeros without cards). */
export async function getDeckCounts(viewer: Viewer, now = new Date()): Promise<{ get(lectureId: string): LectureDecks }> {
  assertRole(viewer, ROLES);
  const rows = await selectDeckCounts(db, viewer.id, startOfDay(now), endOfDay(now));
  const byKey = new Map(rows.map((row) => [`${row.lectureId}|${row.deck}`, row]));
  return {
    get: (lectureId) => ({
      flashcards: deckCountsOf(byKey.get(`${lectureId}|flashcards`), "flashcards"),
      mistakes: deckCountsOf(byKey.get(`${lectureId}|mistakes`), "mistakes"),
      own: deckCountsOf(byKey.get(`${lectureId}|own`), "own"),
    }),
  };
}

/** One of the viewer's cards under review (not NEW), for mastery and "due now". */
export interface ReviewedCard {
  lectureId: string;
  deck: Deck;
  /** The topic key of the flashcard or of the missed question, if it has one. */
  topic: string | null;
  state: CardState;
  due: Date;
  /** FSRS's probability of recalling the card at `now`. */
  retrievability: number;
}

/** The viewer's cards that have been reviewed, in every lecture (retired flashcards left out). */
export async function getReviewedCards(viewer: Viewer, now = new Date()): Promise<ReviewedCard[]> {
  assertRole(viewer, ROLES);
  const cards = await db.reviewCard.findMany({
    where: { userId: viewer.id, state: { not: "NEW" }, OR: [{ flashcardId: null }, { flashcard: { retiredAt: null } }] },
    select: {
      ...snapshotSelect,
      lectureId: true,
      kind: true,
      flashcard: { select: { topic: { select: { key: true } } } },
      question: { select: { topic: { select: { key: true } } } },
    },
  });
  return cards.map((card) => ({
    lectureId: card.lectureId,
    deck: DECK_OF_KIND[card.kind],
    topic: (card.flashcard ? card.flashcard.topic?.key : card.question?.topic?.key) ?? null,
    state: card.state,
    due: card.due,
    retrievability: retrievability(snapshotOf(card), now),
  }));
}

export interface StudentReviews {
  reviews: number;
  lastReviewedAt: Date;
}

/** Flashcard reviews of every student in every lecture (`get(userId, lectureId)`). Staff only. */
export async function getClassReviewCounts(viewer: Viewer): Promise<{ get(userId: string, lectureId: string): StudentReviews | undefined }> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await selectFlashcardReviewCounts(db);
  const byKey = new Map(rows.map((row) => [`${row.userId}|${row.lectureId}`, row]));
  return { get: (userId, lectureId) => byKey.get(`${userId}|${lectureId}`) };
}
