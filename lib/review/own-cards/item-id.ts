// The "My cards" deck's item ids (pure). A student card is one item asking its front; a reversible
// card is a second item, `${id}~r`, asking its back. Each item has its own review card, created on
// its first rating with an id derived from the student and the card, so a retried first rating
// finds the row the first try made.

export const REVERSE_SUFFIX = "~r";

/** A card id (a record id, lib/ids.ts), then optionally the reverse suffix: nothing else. */
const ITEM_ID = /^([a-z0-9]{1,64})(~r)?$/;

export interface OwnItem {
  cardId: string;
  /** True for the item that asks the back and expects the front. */
  reversed: boolean;
}

/** The deck item of one direction of a card. */
export function ownItemId(cardId: string, reversed: boolean): string {
  return reversed ? `${cardId}${REVERSE_SUFFIX}` : cardId;
}

/** The card and direction an item id names, or null when it is not exactly one of ours. */
export function parseOwnItemId(itemId: string): OwnItem | null {
  const match = ITEM_ID.exec(itemId);
  return match ? { cardId: match[1]!, reversed: match[2] !== undefined } : null;
}

/** The id of the student's review card for one direction of their card. */
export function ownReviewCardId(userId: string, cardId: string, reversed: boolean): string {
  return `ro_${userId}_${cardId}${reversed ? "_r" : ""}`;
}
