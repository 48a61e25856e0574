import "server-only";
// What a student does with a generated item: answer a question (checked here, the key returned only
// then), turn a card over, add it to "My cards", report a problem, or propose it for the course bank.
// Each reads the item through the one visibility rule (./internal/access.ts).
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { isUniqueViolation } from "../db-errors";
import { ActionError } from "../errors";
import { createOwnCard } from "../review/own-cards/data";
import { BACK_MAX_CHARS, FRONT_MAX_CHARS } from "../review/own-cards/limits";
import { loadVisibleItem } from "./internal/access";

export interface ItemAnswer {
  correct: boolean;
  /** The right answer (a question's right option, a card's back). */
  answer: string;
  /** The sentence of the notes it came from, and its section. */
  source: string;
  sectionKey: string;
}

/** Checks a question's answer, or turns a card over (`chosen` is then ignored). */
export async function answerGeneratedItem(viewer: Viewer, itemId: string, chosen: string | null): Promise<ItemAnswer> {
  assertRole(viewer, ROLES);
  const item = await loadVisibleItem(db, viewer.id, itemId);
  if (item.kind === "MCQ") {
    if (chosen === null) throw new ActionError("VALIDATION", "Choose an answer.");
    if (!item.options.includes(chosen)) throw new ActionError("VALIDATION", "Choose one of the options.");
  }
  const answer = item.kind === "MCQ" ? item.answer : item.back;
  return { correct: item.kind === "MCQ" ? chosen === item.answer : true, answer, source: item.source, sectionKey: item.sectionKey };
}

/** The card a generated item makes in "My cards": a question becomes its stem → its right answer. */
export function ownCardOf(item: { kind: string; front: string; back: string; stem: string; answer: string }): { front: string; back: string } {
  return item.kind === "MCQ" ? { front: item.stem, back: item.answer } : { front: item.front, back: item.back };
}

/** Adds the item to the viewer's own deck of its lecture (once: adding it again finds the card already there). */
export async function addItemToMyCards(viewer: Viewer, itemId: string): Promise<{ cardId: string; added: boolean }> {
  assertRole(viewer, ROLES);
  const item = await loadVisibleItem(db, viewer.id, itemId);
  const card = ownCardOf(item);
  if (card.front.length > FRONT_MAX_CHARS || card.back.length > BACK_MAX_CHARS) throw new ActionError("VALIDATION", "This item is too long for a card.");
  const existing = () => db.studentCard.findFirst({ where: { userId: viewer.id, generatedItemId: item.id }, select: { id: true } });
  const before = await existing();
  if (before) return { cardId: before.id, added: false };
  let created: { id: string };
  try {
    created = await createOwnCard(
      viewer,
      { lectureId: item.lectureId, front: card.front, back: card.back, sectionKey: item.sectionKey, reversible: false },
      { generatedItemId: item.id },
    );
  } catch (error) {
    // Added by a parallel request a moment ago (student_cards_user_generated_item_key): it is there once.
    const after = isUniqueViolation(error) ? await existing() : null;
    if (!after) throw error;
    return { cardId: after.id, added: false };
  }
  return { cardId: created.id, added: true };
}

/** Records the viewer's report of a problem with the item (one per student: a second one replaces the first). */
export async function reportGeneratedItem(viewer: Viewer, itemId: string, message: string): Promise<{ reported: true }> {
  assertRole(viewer, ROLES);
  await loadVisibleItem(db, viewer.id, itemId);
  await db.generatedItemReport.upsert({
    where: { itemId_userId: { itemId, userId: viewer.id } },
    create: { itemId, userId: viewer.id, message },
    update: { message, createdAt: new Date() },
  });
  return { reported: true };
}

/** Puts the item in the instructors' review queue. An item the linter flags cannot be proposed. */
export async function proposeGeneratedItem(viewer: Viewer, itemId: string, now = new Date()): Promise<{ status: "PROPOSED" }> {
  assertRole(viewer, ROLES);
  const item = await loadVisibleItem(db, viewer.id, itemId);
  if (item.status === "PROPOSED") return { status: "PROPOSED" };
  const updated = await db.generatedItem.updateMany({
    where: { id: item.id, status: "DRAFT" },
    data: { status: "PROPOSED", proposedById: viewer.id, proposedAt: now },
  });
  if (updated.count === 0) throw new ActionError("CONFLICT", "This item was just reviewed: reload the page.");
  return { status: "PROPOSED" };
}
