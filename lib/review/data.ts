import "server-only";
import { db } from "../db";
import type { DbTransaction } from "../db-client";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { describeInterval, newCard, previewRatings, rate, snapshotFromJson, snapshotToJson, type CardSnapshot, type CardState, type Rating } from "./fsrs";
import { buildQueue, startOfDay, type QueueCard, NEW_CARDS_PER_DAY } from "./queue";
import type { RateCardInput } from "./schemas";

export type Deck = "flashcards" | "mistakes";
const KIND = { flashcards: "FLASHCARD", mistakes: "MISTAKE" } as const;

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

export interface ReviewItem {
  /** The flashcard's id (flashcards deck) or the review card's id (mistakes deck). */
  itemId: string;
  state: CardState;
  front: string;
  /** Choices shown with a mistake's question. */
  options: string[];
  back: string;
  explanation: string;
  sectionKey: string | null;
  topic: string | null;
  previews: Record<Rating, { label: string; description: string }>;
}

export interface ReviewSession {
  lectureId: string;
  deck: Deck;
  counts: DeckCounts;
  current: ReviewItem | null;
  /** When the next card comes due, when nothing is due now. */
  nextDue: string | null;
}

interface DeckCard extends QueueCard {
  snapshot: CardSnapshot;
  front: string;
  options: string[];
  back: string;
  explanation: string;
  sectionKey: string | null;
  topic: string | null;
}

type Reader = typeof db | DbTransaction;

/** The FSRS state out of a row that has (at least) its columns. */
export function rowSnapshot(row: CardSnapshot): CardSnapshot {
  const { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview } = row;
  return { due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview };
}

/** The review card columns that make up its FSRS state (and its id). */
export const snapshotSelect = {
  id: true,
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const satisfies Prisma.ReviewCardSelect;

/** Every card of the deck with its scheduling state (a flashcard never reviewed is NEW, due now). */
async function loadDeck(reader: Reader, userId: string, lectureId: string, deck: Deck, now: Date): Promise<DeckCard[]> {
  if (deck === "flashcards") {
    const cards = await reader.flashcard.findMany({
      where: { lectureId, retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true, position: true, front: true, back: true, sectionKey: true, topic: { select: { name: true } }, reviewCards: { where: { userId }, select: snapshotSelect } },
    });
    return cards.map((card) => {
      const row = card.reviewCards[0];
      const snapshot = row ? rowSnapshot(row) : newCard(now);
      return { itemId: card.id, position: card.position, state: snapshot.state, due: snapshot.due, snapshot, front: card.front, options: [], back: card.back, explanation: "", sectionKey: card.sectionKey, topic: card.topic?.name ?? null };
    });
  }
  const rows = await reader.reviewCard.findMany({
    where: { userId, lectureId, kind: "MISTAKE", questionId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { ...snapshotSelect, question: { select: { latestVersion: true, topic: { select: { name: true } }, versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true, explanation: true, sectionKey: true, options: { orderBy: { position: "asc" }, select: { text: true, isCorrect: true } } } } } } },
  });
  return rows.flatMap((row, position) => {
    const version = row.question?.versions[0];
    if (!version) return [];
    const snapshot = rowSnapshot(row);
    const correct = version.options.filter((o) => o.isCorrect).map((o) => o.text);
    return [{ itemId: row.id, position, state: snapshot.state, due: snapshot.due, snapshot, front: version.stem, options: version.options.map((o) => o.text), back: correct.join("\n"), explanation: version.explanation, sectionKey: version.sectionKey, topic: row.question?.topic?.name ?? null }];
  });
}

/** New cards first seen today (ratings of a NEW card that were not undone). */
async function newSeenToday(reader: Reader, userId: string, lectureId: string, deck: Deck, now: Date): Promise<number> {
  return reader.reviewLog.count({ where: { userId, state: "NEW", undoneAt: null, reviewedAt: { gte: startOfDay(now) }, reviewCard: { lectureId, kind: KIND[deck] } } });
}

function countDeck(cards: DeckCard[], newLeftToday: number, now: Date): DeckCounts {
  const endOfDay = new Date(startOfDay(now).getTime() + 86_400_000);
  return {
    total: cards.length,
    dueToday: cards.filter((c) => c.state !== "NEW" && c.due < endOfDay).length,
    learning: cards.filter((c) => c.state === "LEARNING" || c.state === "RELEARNING").length,
    learned: cards.filter((c) => c.state === "REVIEW").length,
    new: cards.filter((c) => c.state === "NEW").length,
    newLeftToday: Math.min(newLeftToday, cards.filter((c) => c.state === "NEW").length),
  };
}

function toItem(card: DeckCard, now: Date): ReviewItem {
  const previews = previewRatings(card.snapshot, now);
  const shown = Object.fromEntries(
    Object.entries(previews).map(([rating, { due, label }]) => [rating, { label, description: describeInterval(due.getTime() - now.getTime()) }]),
  ) as ReviewItem["previews"];
  return { itemId: card.itemId, state: card.state, front: card.front, options: card.options, back: card.back, explanation: card.explanation, sectionKey: card.sectionKey, topic: card.topic, previews: shown };
}

async function lectureIdOf(lectureSlug: string): Promise<string> {
  const lecture = await db.lecture.findUnique({ where: { slug: lectureSlug }, select: { id: true } });
  if (!lecture) throw new NotFoundError("No such lecture.");
  return lecture.id;
}

/**
 * The student's review session on one deck of a lecture: the card to show now (the same one on every
 * reload until it is rated), the deck's counts, and when the next card is due if none is.
 */
export async function getReviewSession(user: SessionUser, lectureId: string, deck: Deck, options: { now?: Date; prefer?: string } = {}): Promise<ReviewSession> {
  assertRole(user, ROLES);
  const now = options.now ?? new Date();
  const [cards, seen] = await Promise.all([loadDeck(db, user.id, lectureId, deck, now), deck === "flashcards" ? newSeenToday(db, user.id, lectureId, deck, now) : 0]);
  const newLeft = Math.max(0, NEW_CARDS_PER_DAY - seen);
  const queue = buildQueue(cards, now, newLeft, options.prefer);
  const byId = new Map(cards.map((c) => [c.itemId, c]));
  const current = queue.current ? byId.get(queue.current)! : null;
  return { lectureId, deck, counts: countDeck(cards, newLeft, now), current: current ? toItem(current, now) : null, nextDue: queue.nextDue?.toISOString() ?? null };
}

export async function getReviewSessionBySlug(user: SessionUser, lectureSlug: string, deck: Deck): Promise<ReviewSession> {
  assertRole(user, ROLES);
  return getReviewSession(user, await lectureIdOf(lectureSlug), deck);
}

async function lockCard(tx: DbTransaction, userId: string, lectureId: string, deck: Deck, itemId: string, now: Date): Promise<{ id: string; snapshot: CardSnapshot }> {
  if (deck === "flashcards") {
    const flashcard = await tx.flashcard.findFirst({ where: { id: itemId, lectureId, retiredAt: null }, select: { id: true } });
    if (!flashcard) throw new NotFoundError("That flashcard is no longer in this lecture. Reload the page.");
    const fresh = newCard(now);
    await tx.$executeRaw`INSERT INTO review_cards (id, user_id, kind, flashcard_id, lecture_id, due, state, created_at, updated_at)
      VALUES (${`rc_${userId}_${itemId}`}, ${userId}, 'FLASHCARD', ${itemId}, ${lectureId}, ${fresh.due}, 'NEW', now(), now())
      ON CONFLICT (user_id, flashcard_id) DO NOTHING`;
  }
  const column = deck === "flashcards" ? Prisma.sql`flashcard_id` : Prisma.sql`id`;
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM review_cards WHERE user_id = ${userId} AND lecture_id = ${lectureId} AND kind = ${KIND[deck]}::"CardKind" AND ${column} = ${itemId} FOR UPDATE`;
  if (!locked) throw new NotFoundError("That card is not in your review queue. Reload the page.");
  const row = await tx.reviewCard.findUniqueOrThrow({ where: { id: locked.id }, select: snapshotSelect });
  return { id: row.id, snapshot: rowSnapshot(row) };
}

function cardData(card: CardSnapshot) {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsedDays,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.lastReview,
  };
}

/** Applies one rating to a locked card and logs it (with the card before, for undo). */
async function applyRating(tx: DbTransaction, userId: string, cardId: string, before: CardSnapshot, rating: Rating, now: Date, idempotencyKey: string): Promise<string> {
  const { card, log } = rate(before, rating, now);
  await tx.reviewCard.update({ where: { id: cardId }, data: cardData(card) });
  const created = await tx.reviewLog.create({
    data: { userId, reviewCardId: cardId, ...log, previousCard: snapshotToJson(before), idempotencyKey },
    select: { id: true },
  });
  return created.id;
}

/**
 * Rates the card shown to the student. Idempotent: a retry with the same key finds its log and changes
 * nothing. Returns the log's id (for undo) and the session with the next card.
 */
export async function rateReviewCard(user: SessionUser, input: RateCardInput, now = new Date()): Promise<{ logId: string; session: ReviewSession }> {
  assertRole(user, ROLES);
  const key = `${user.id}:${input.idempotencyKey}`;
  const logId = await db.$transaction(async (tx) => {
    const card = await lockCard(tx, user.id, input.lectureId, input.deck, input.itemId, now);
    // Checked under the card's lock: two deliveries of one request cannot both rate.
    const existing = await tx.reviewLog.findUnique({ where: { idempotencyKey: key }, select: { id: true, userId: true, reviewCardId: true } });
    if (existing) {
      if (existing.userId !== user.id || existing.reviewCardId !== card.id) throw new ActionError("CONFLICT", "That request key was already used for another card.");
      return existing.id;
    }
    return applyRating(tx, user.id, card.id, card.snapshot, input.rating, now, key);
  });
  return { logId, session: await getReviewSession(user, input.lectureId, input.deck, { now }) };
}

/**
 * Undoes a rating: the card gets back exactly the state it had before it, and the rating stops
 * counting. Only a card's latest rating can be undone; undoing twice changes nothing the second time.
 */
export async function undoRating(user: SessionUser, logId: string, now = new Date()): Promise<{ session: ReviewSession; restored: string }> {
  assertRole(user, ROLES);
  const result = await db.$transaction(async (tx) => {
    const log = await tx.reviewLog.findFirst({ where: { id: logId, userId: user.id }, select: { id: true, reviewCardId: true, reviewedAt: true, undoneAt: true, previousCard: true, reviewCard: { select: { lectureId: true, kind: true, flashcardId: true } } } });
    if (!log) throw new NotFoundError("There is no such rating to undo.");
    await tx.$queryRaw`SELECT id FROM review_cards WHERE id = ${log.reviewCardId} FOR UPDATE`;
    const deck: Deck = log.reviewCard.kind === "FLASHCARD" ? "flashcards" : "mistakes";
    const itemId = deck === "flashcards" ? log.reviewCard.flashcardId! : log.reviewCardId;
    if (log.undoneAt) return { lectureId: log.reviewCard.lectureId, deck, itemId };
    const later = await tx.reviewLog.count({ where: { reviewCardId: log.reviewCardId, undoneAt: null, reviewedAt: { gt: log.reviewedAt } } });
    if (later > 0) throw new ActionError("CONFLICT", "Only the card's latest rating can be undone.");
    await tx.reviewCard.update({ where: { id: log.reviewCardId }, data: cardData(snapshotFromJson(log.previousCard)) });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });
    return { lectureId: log.reviewCard.lectureId, deck, itemId };
  });
  return { session: await getReviewSession(user, result.lectureId, result.deck, { now, prefer: result.itemId }), restored: result.itemId };
}

/** Deck counts of every lecture for the student (flashcards and mistakes), for progress pages. */
export async function getDeckCountsByLecture(user: SessionUser, now = new Date()): Promise<Map<string, { flashcards: DeckCounts; mistakes: DeckCounts }>> {
  assertRole(user, ROLES);
  const lectures = await db.lecture.findMany({ select: { id: true } });
  const result = new Map<string, { flashcards: DeckCounts; mistakes: DeckCounts }>();
  for (const { id } of lectures) {
    const [flashcards, mistakes, seen] = await Promise.all([loadDeck(db, user.id, id, "flashcards", now), loadDeck(db, user.id, id, "mistakes", now), newSeenToday(db, user.id, id, "flashcards", now)]);
    result.set(id, { flashcards: countDeck(flashcards, Math.max(0, NEW_CARDS_PER_DAY - seen), now), mistakes: countDeck(mistakes, 0, now) });
  }
  return result;
}
