import "server-only";
// The "My cards" deck as the review session sees it (lib/review/data.ts): the viewer's own cards of a
// lecture, each direction one item, and the review card a first rating creates. Every query names
// the student: another student's card is "not in your deck", never read.
import { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { NotFoundError } from "../../errors";
import { newCard } from "../fsrs";
import { snapshotOf, snapshotSelect } from "../internal/sql";
import type { DeckCard } from "../queue";
import { ownItemId, ownReviewCardId, parseOwnItemId } from "./item-id";

type Reader = typeof db | DbTransaction;

/** One item of the deck, in the shape of the session's other decks. */
export type OwnDeckItem = DeckCard;

/**
 * Every item of the student's own deck for a lecture (a card never rated is NEW, due now). New items
 * come in the order the cards were written, every card's front before any card's reverse, so the
 * two directions of one card are not asked one after the other.
 */
export async function loadOwnDeck(reader: Reader, userId: string, lectureId: string, now: Date): Promise<OwnDeckItem[]> {
  const cards = await reader.studentCard.findMany({
    where: { userId, lectureId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      front: true,
      back: true,
      sectionKey: true,
      reversible: true,
      generatedItem: { select: { source: true } },
      reviewCards: { where: { userId, kind: "OWN" }, select: { ...snapshotSelect, reversed: true } },
    },
  });
  return cards.flatMap((card, index) => {
    const item = (reversed: boolean): OwnDeckItem => {
      const row = card.reviewCards.find((c) => c.reversed === reversed);
      const snapshot = row ? snapshotOf(row) : newCard(now);
      return {
        itemId: ownItemId(card.id, reversed),
        position: reversed ? cards.length + index : index,
        state: snapshot.state,
        due: snapshot.due,
        snapshot,
        front: reversed ? card.back : card.front,
        options: [],
        back: reversed ? card.front : card.back,
        // A card added from a generated item keeps its label and the sentence it came from.
        explanation: card.generatedItem ? `Generated from the notes: “${card.generatedItem.source}”` : "",
        sectionKey: card.sectionKey,
        topic: null,
      };
    };
    return card.reversible ? [item(false), item(true)] : [item(false)];
  });
}

/**
 * Creates the student's review card for a deck item on its first rating (nothing when it exists) and
 * returns its id, for the session to lock. The student card is held (FOR SHARE) until the rating
 * commits, so an edit that stops the reverse direction, or a delete, waits for it or is seen by it.
 */
export async function ensureOwnReviewCard(tx: DbTransaction, userId: string, lectureId: string, itemId: string, now: Date): Promise<string> {
  const item = parseOwnItemId(itemId);
  const gone = new NotFoundError("That card is no longer in your deck. Reload the page.");
  if (!item) throw gone;
  const [card] = await tx.$queryRaw<{ reversible: boolean }[]>`SELECT reversible FROM student_cards
    WHERE id = ${item.cardId} AND user_id = ${userId} AND lecture_id = ${lectureId} FOR SHARE`;
  if (!card || (item.reversed && !card.reversible)) throw gone;
  const id = ownReviewCardId(userId, item.cardId, item.reversed);
  await tx.reviewCard.createMany({
    data: [{ id, userId, kind: "OWN", studentCardId: item.cardId, reversed: item.reversed, lectureId, ...newCard(now) }],
    skipDuplicates: true,
  });
  return id;
}

/** The deck item a review card of the student's own deck stands for (undo shows it again). */
export function ownItemOf(reviewCard: { studentCardId: string | null; reversed: boolean }): string {
  return ownItemId(reviewCard.studentCardId!, reviewCard.reversed);
}
