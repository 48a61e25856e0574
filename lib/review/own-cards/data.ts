import "server-only";
// A student's own cards: list, write, edit, delete and undo a delete. Every function takes the viewer
// and names them in each query (`userId: viewer.id`): another user's card, whatever their role, is
// "not found", exactly as a card that never existed.
import { randomBytes } from "node:crypto";
import { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { assertRole, ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { ActionError, NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import type { CardState } from "../fsrs";
import { loadProfile } from "../internal/context";
import { emptyPlan, planRatings, writeHistory } from "./history";
import { FIELD_MESSAGES, type CreateOwnCardInput, type OwnCardBackup, type UpdateOwnCardInput } from "./schemas";

/** Cards one student may keep in one lecture (a bound on what one account can make the table hold). */
export const MAX_CARDS_PER_LECTURE = 5_000;

export interface OwnCardSchedule {
  state: CardState;
  /** When it is due next; null while it has never been rated. */
  due: string | null;
}

export interface OwnCardView {
  id: string;
  lectureId: string;
  front: string;
  back: string;
  sectionKey: string | null;
  reversible: boolean;
  /** The sentence of the notes it was generated from, when it was added from a generated item (shown as "generated"). */
  generatedFrom: string | null;
  createdAt: string;
  updatedAt: string;
  forward: OwnCardSchedule;
  /** The back → front direction; null when the card is not reversible. */
  reverse: OwnCardSchedule | null;
}

type Reader = typeof db | DbTransaction;

const cardSelect = (userId: string) =>
  ({
    id: true,
    lectureId: true,
    front: true,
    back: true,
    sectionKey: true,
    reversible: true,
    createdAt: true,
    updatedAt: true,
    generatedItem: { select: { source: true } },
    reviewCards: { where: { userId, kind: "OWN" }, select: { reversed: true, state: true, due: true } },
  }) satisfies Prisma.StudentCardSelect;

type CardRow = Prisma.StudentCardGetPayload<{ select: ReturnType<typeof cardSelect> }>;

function toView(row: CardRow): OwnCardView {
  const schedule = (reversed: boolean): OwnCardSchedule => {
    const card = row.reviewCards.find((c) => c.reversed === reversed);
    return !card || card.state === "NEW" ? { state: "NEW", due: null } : { state: card.state, due: card.due.toISOString() };
  };
  return {
    id: row.id,
    lectureId: row.lectureId,
    front: row.front,
    back: row.back,
    sectionKey: row.sectionKey,
    reversible: row.reversible,
    generatedFrom: row.generatedItem?.source ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    forward: schedule(false),
    reverse: row.reversible ? schedule(true) : null,
  };
}

const notFound = () => new NotFoundError("That card does not exist, or it was deleted.");

/** The section must be a current section of the card's lecture (or none). */
async function checkSection(reader: Reader, lectureId: string, sectionKey: string | null): Promise<void> {
  if (sectionKey === null) return;
  const section = await reader.noteSection.findFirst({ where: { lectureId, key: sectionKey, retiredAt: null }, select: { id: true } });
  if (!section) throw new ActionError("VALIDATION", FIELD_MESSAGES.section, { sectionKey: [FIELD_MESSAGES.section] });
}

async function checkLecture(reader: Reader, userId: string, lectureId: string, adding: number): Promise<void> {
  const [lecture, count] = await Promise.all([
    reader.lecture.findUnique({ where: { id: lectureId }, select: { id: true } }),
    reader.studentCard.count({ where: { userId, lectureId } }),
  ]);
  if (!lecture) throw new NotFoundError("That lecture does not exist.");
  if (count + adding > MAX_CARDS_PER_LECTURE)
    throw new ActionError(
      "VALIDATION",
      `You have ${count.toLocaleString("en-US")} cards in this lecture: it holds at most ${MAX_CARDS_PER_LECTURE.toLocaleString("en-US")}.`,
    );
}

/** The viewer's cards of a lecture, newest first. */
export async function listOwnCards(viewer: Viewer, lectureId: string): Promise<OwnCardView[]> {
  assertRole(viewer, ROLES);
  const rows = await db.studentCard.findMany({
    where: { userId: viewer.id, lectureId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: cardSelect(viewer.id),
  });
  return rows.map(toView);
}

/** How many cards the viewer wrote for a lecture (for the deck switcher). */
export async function countOwnCards(viewer: Viewer, lectureId: string): Promise<number> {
  assertRole(viewer, ROLES);
  return db.studentCard.count({ where: { userId: viewer.id, lectureId } });
}

/** Writes a card into the viewer's own deck of a lecture. */
export async function createOwnCard(viewer: Viewer, input: CreateOwnCardInput, origin: { generatedItemId?: string } = {}): Promise<OwnCardView> {
  assertRole(viewer, ROLES);
  await Promise.all([checkLecture(db, viewer.id, input.lectureId, 1), checkSection(db, input.lectureId, input.sectionKey)]);
  const row = await db.studentCard.create({
    data: {
      userId: viewer.id,
      lectureId: input.lectureId,
      front: input.front,
      back: input.back,
      sectionKey: input.sectionKey,
      reversible: input.reversible,
      generatedItemId: origin.generatedItemId ?? null,
    },
    select: cardSelect(viewer.id),
  });
  return toView(row);
}

/**
 * Edits one of the viewer's cards; its schedule stays. Turning "the other way round" off drops that
 * direction's review card and its ratings, so no count or queue holds a direction no longer asked.
 */
export async function updateOwnCard(viewer: Viewer, input: UpdateOwnCardInput): Promise<OwnCardView> {
  assertRole(viewer, ROLES);
  return db.$transaction(async (tx) => {
    const card = await tx.studentCard.findFirst({ where: { id: input.cardId, userId: viewer.id }, select: { lectureId: true } });
    if (!card) throw notFound();
    await checkSection(tx, card.lectureId, input.sectionKey);
    // The card row first, the review card after: the order a rating takes its locks in (no deadlock).
    const row = await tx.studentCard.update({
      where: { id: input.cardId, userId: viewer.id },
      data: { front: input.front, back: input.back, sectionKey: input.sectionKey, reversible: input.reversible },
      select: cardSelect(viewer.id),
    });
    if (!input.reversible) await tx.reviewCard.deleteMany({ where: { userId: viewer.id, studentCardId: input.cardId, reversed: true } });
    return toView(row);
  });
}

/**
 * Deletes one of the viewer's cards with its review cards and ratings. Returns what the undo needs to
 * put it back: the card and its ratings (undone ones left out), read under the card's lock.
 */
export async function deleteOwnCard(viewer: Viewer, cardId: string): Promise<{ backup: OwnCardBackup }> {
  assertRole(viewer, ROLES);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM student_cards WHERE id = ${cardId} AND user_id = ${viewer.id} FOR UPDATE`;
    if (locked.length === 0) throw notFound();
    const card = await tx.studentCard.findFirstOrThrow({
      where: { id: cardId, userId: viewer.id },
      select: {
        id: true,
        lectureId: true,
        front: true,
        back: true,
        sectionKey: true,
        reversible: true,
        createdAt: true,
        reviewCards: {
          where: { userId: viewer.id, kind: "OWN" },
          select: {
            reversed: true,
            logs: { where: { userId: viewer.id, undoneAt: null }, orderBy: { reviewedAt: "asc" }, select: { rating: true, reviewedAt: true } },
          },
        },
      },
    });
    await tx.studentCard.delete({ where: { id: cardId, userId: viewer.id } });
    const { reviewCards, createdAt, ...kept } = card;
    const reviews = reviewCards
      .filter((c) => card.reversible || !c.reversed)
      .flatMap((c) => c.logs.map((log) => ({ reversed: c.reversed, rating: log.rating, reviewedAt: log.reviewedAt.toISOString() })));
    return { backup: { ...kept, createdAt: createdAt.toISOString(), reviews } };
  });
}

/**
 * The undo of a delete: the card comes back with its ratings, its state rebuilt from them (as the CSV
 * import does). Undoing twice gives the card back once.
 */
export async function restoreOwnCard(viewer: Viewer, backup: OwnCardBackup, now = new Date()): Promise<OwnCardView> {
  assertRole(viewer, ROLES);
  const reviews = backup.reviews.map((r) => ({ ...r, reviewedAt: new Date(r.reviewedAt) })).filter((r) => backup.reversible || !r.reversed);
  const moments = new Set(reviews.map((r) => `${r.reversed}|${r.reviewedAt.getTime()}`));
  if (moments.size !== reviews.length || reviews.some((r) => r.reviewedAt > now))
    throw new ActionError("VALIDATION", "That card's ratings cannot be restored: two share a moment, or one is in the future.");
  await Promise.all([checkLecture(db, viewer.id, backup.lectureId, 1), checkSection(db, backup.lectureId, backup.sectionKey)]);
  return db.$transaction(async (tx) => {
    const taken = await tx.studentCard.findUnique({ where: { id: backup.id }, select: { userId: true } });
    if (taken?.userId === viewer.id)
      return toView(await tx.studentCard.findFirstOrThrow({ where: { id: backup.id, userId: viewer.id }, select: cardSelect(viewer.id) }));
    // An id in use by someone else (a made-up backup) is not reused; the card gets a fresh one.
    const id = taken ? `o${randomBytes(12).toString("hex")}` : backup.id;
    const plan = emptyPlan(await loadProfile(tx, viewer.id));
    plan.cards.push({
      id,
      userId: viewer.id,
      lectureId: backup.lectureId,
      front: backup.front,
      back: backup.back,
      sectionKey: backup.sectionKey,
      reversible: backup.reversible,
      createdAt: new Date(backup.createdAt),
    });
    for (const reversed of [false, true])
      planRatings(
        plan,
        { userId: viewer.id, lectureId: backup.lectureId, cardId: id, reversed },
        null,
        reviews.filter((r) => r.reversed === reversed),
      );
    await writeHistory(tx, plan);
    return toView(await tx.studentCard.findFirstOrThrow({ where: { id, userId: viewer.id }, select: cardSelect(viewer.id) }));
  });
}
