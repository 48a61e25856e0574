import "server-only";
// A student's review sessions: the card to show, rating it, undoing a rating. Every function takes the
// viewer and reads and writes only the viewer's own cards.
import { isChoiceType } from "../bank/answers/choice";
import { reviewAnswer } from "../bank/answers/review";
import { clozeBlanks } from "../bank/cloze-stem";
import { plainText, versionFormat } from "../bank/rich-text/format";
import { db } from "../db";
import type { DbTransaction } from "../db-client";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { ActionError, NotFoundError } from "../errors";
import { withPlannedDue, type DuePlanContext } from "./due-plan";
import { describeInterval, newCard, previewRatings, rate, snapshotFromJson, snapshotToJson, type CardSnapshot, type CardState, type Rating } from "./fsrs";
import { loadPlanContext, loadProfile } from "./internal/context";
import { CARD_KIND, DECK_OF_KIND, insertFlashcardCard, lockCard, lockDeckCard, snapshotOf, snapshotSelect } from "./internal/sql";
import { ensureOwnReviewCard, loadOwnDeck, ownItemOf } from "./own-cards/deck";
import { buildQueue, countDeck, newAllowance, startOfDay, UPCOMING_CARDS, type Deck, type DeckCard, type DeckCounts } from "./queue";
import type { RateCardInput } from "./schemas";
import { ratingTime } from "./rating-time";

export type { Deck, DeckCounts } from "./queue";

export interface ReviewItem {
  /** The flashcard's id (flashcards deck), the review card's id (mistakes deck), or the student card's id, `~r` for its reverse (own deck). */
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
  /** The next cards after the current one (at most UPCOMING_CARDS), for going on without a connection. */
  upcoming: ReviewItem[];
  /** When the next card comes due, when nothing is due now. */
  nextDue: string | null;
}

type Reader = typeof db | DbTransaction;

/** Every card of the deck with its scheduling state (a flashcard never reviewed is NEW, due now). */
async function loadDeck(reader: Reader, userId: string, lectureId: string, deck: Deck, now: Date): Promise<DeckCard[]> {
  if (deck === "own") return loadOwnDeck(reader, userId, lectureId, now);
  if (deck === "flashcards") {
    const cards = await reader.flashcard.findMany({
      // A lecture's cards unlock as the lecture does.
      where: { lectureId, retiredAt: null, lecture: { OR: [{ opensAt: null }, { opensAt: { lte: now } }] } },
      orderBy: { position: "asc" },
      select: {
        id: true,
        position: true,
        front: true,
        back: true,
        sectionKey: true,
        topic: { select: { name: true } },
        reviewCards: { where: { userId }, select: snapshotSelect },
      },
    });
    return cards.map((card) => {
      const row = card.reviewCards[0];
      const snapshot = row ? snapshotOf(row) : newCard(now);
      return {
        itemId: card.id,
        position: card.position,
        state: snapshot.state,
        due: snapshot.due,
        snapshot,
        front: card.front,
        options: [],
        back: card.back,
        explanation: "",
        sectionKey: card.sectionKey,
        topic: card.topic?.name ?? null,
      };
    });
  }
  const rows = await reader.reviewCard.findMany({
    where: { userId, lectureId, kind: "MISTAKE", questionId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: {
      ...snapshotSelect,
      question: {
        select: {
          latestVersion: true,
          topic: { select: { name: true } },
          versions: {
            orderBy: { version: "desc" },
            take: 1,
            select: {
              type: true,
              stem: true,
              explanation: true,
              sectionKey: true,
              data: true,
              options: { orderBy: { position: "asc" }, select: { key: true, text: true, isCorrect: true, fraction: true, feedback: true } },
            },
          },
        },
      },
    },
  });
  return rows.flatMap((row, position) => {
    const version = row.question?.versions[0];
    if (!version) return [];
    const snapshot = snapshotOf(row);
    // The card shows words: an HTML question's tags are dropped, a cloze question's gaps are blanks,
    // and the back is the right answer of any type (the right options, or the accepted answer, pairs, gaps).
    const plain = plainText(versionFormat(version.data));
    const choice = isChoiceType(version.type);
    const correct = choice ? version.options.filter((o) => o.isCorrect).map((o) => plain(o.text)) : reviewAnswer(version, { chosen: [], text: null }, []).right;
    return [
      {
        itemId: row.id,
        position,
        state: snapshot.state,
        due: snapshot.due,
        snapshot,
        front: plain(clozeBlanks(version.stem)),
        options: choice ? version.options.map((o) => plain(o.text)) : [],
        back: correct.join("\n"),
        explanation: plain(version.explanation),
        sectionKey: version.sectionKey,
        topic: row.question?.topic?.name ?? null,
      },
    ];
  });
}

/** New cards first seen today (ratings of a NEW card that were not undone). */
async function newSeenToday(reader: Reader, userId: string, lectureId: string, deck: Deck, now: Date): Promise<number> {
  return reader.reviewLog.count({
    where: { userId, state: "NEW", undoneAt: null, reviewedAt: { gte: startOfDay(now) }, reviewCard: { lectureId, kind: CARD_KIND[deck] } },
  });
}

function toItem(card: DeckCard, now: Date, plan: DuePlanContext): ReviewItem {
  // The intervals shown are those a rating will give: the student's profile, exams and load balancing.
  const previews = previewRatings(card.snapshot, now, plan.profile, (rated) => withPlannedDue(rated, now, plan).due);
  const shown = Object.fromEntries(
    Object.entries(previews).map(([rating, { due, label }]) => [rating, { label, description: describeInterval(due.getTime() - now.getTime()) }]),
  ) as ReviewItem["previews"];
  return {
    itemId: card.itemId,
    state: card.state,
    front: card.front,
    options: card.options,
    back: card.back,
    explanation: card.explanation,
    sectionKey: card.sectionKey,
    topic: card.topic,
    previews: shown,
  };
}

/**
 * The viewer's review session on one deck of a lecture: the card to show now (the same one on every
 * reload until it is rated), the deck's counts, and when the next card is due if none is.
 */
export async function getReviewSession(viewer: Viewer, lectureId: string, deck: Deck, options: { now?: Date; prefer?: string } = {}): Promise<ReviewSession> {
  assertRole(viewer, ROLES);
  const now = options.now ?? new Date();
  const [cards, seen, profile] = await Promise.all([
    loadDeck(db, viewer.id, lectureId, deck, now),
    deck !== "mistakes" ? newSeenToday(db, viewer.id, lectureId, deck, now) : 0,
    loadProfile(db, viewer.id),
  ]);
  const newLeft = newAllowance(seen);
  const queue = buildQueue(cards, now, newLeft, options.prefer);
  const byId = new Map(cards.map((c) => [c.itemId, c]));
  const current = queue.current ? byId.get(queue.current)! : null;
  const plan = current ? await loadPlanContext(db, viewer.id, lectureId, profile, now) : null;
  return {
    lectureId,
    deck,
    counts: countDeck(cards, newLeft, now),
    current: current && plan ? toItem(current, now, plan) : null,
    upcoming: plan ? queue.upcoming.slice(0, UPCOMING_CARDS).map((id) => toItem(byId.get(id)!, now, plan)) : [],
    nextDue: queue.nextDue?.toISOString() ?? null,
  };
}

/** How many questions are in the viewer's mistakes queue for a lecture (for the deck switcher). */
export async function countMistakes(viewer: Viewer, lectureId: string): Promise<number> {
  assertRole(viewer, ROLES);
  return db.reviewCard.count({ where: { userId: viewer.id, lectureId, kind: "MISTAKE", questionId: { not: null } } });
}

/** Locks the viewer's card for an item of a deck, creating a flashcard's (or own card's) review card on its first rating. */
async function lockItem(
  tx: DbTransaction,
  userId: string,
  lectureId: string,
  deck: Deck,
  itemId: string,
  now: Date,
): Promise<{ id: string; snapshot: CardSnapshot }> {
  if (deck === "flashcards") {
    const flashcard = await tx.flashcard.findFirst({
      where: { id: itemId, lectureId, retiredAt: null, lecture: { OR: [{ opensAt: null }, { opensAt: { lte: now } }] } },
      select: { id: true },
    });
    if (!flashcard) throw new NotFoundError("That flashcard is no longer in this lecture. Reload the page.");
    await insertFlashcardCard(tx, { id: `rc_${userId}_${itemId}`, userId, flashcardId: itemId, lectureId, snapshot: newCard(now) });
  }
  // The own deck's review cards are locked by their id (the item names the student card).
  const key = deck === "own" ? await ensureOwnReviewCard(tx, userId, lectureId, itemId, now) : itemId;
  const row = await lockDeckCard(tx, userId, lectureId, deck, key);
  if (!row) throw new NotFoundError("That card is not in your review queue. Reload the page.");
  return { id: row.id, snapshot: snapshotOf(row) };
}

/**
 * Applies one rating to a locked card by the student's profile, exams and daily load, and logs it
 * (with the card before, for undo).
 */
async function applyRating(
  tx: DbTransaction,
  userId: string,
  lectureId: string,
  cardId: string,
  before: CardSnapshot,
  rating: Rating,
  now: Date,
  idempotencyKey: string,
): Promise<string> {
  const profile = await loadProfile(tx, userId);
  const rated = rate(before, rating, now, profile);
  const card =
    rated.card.state === "REVIEW" ? withPlannedDue(rated.card, now, await loadPlanContext(tx, userId, lectureId, profile, now, [cardId])) : rated.card;
  const log = rated.log;
  await tx.reviewCard.update({ where: { id: cardId }, data: snapshotOf(card) });
  const created = await tx.reviewLog.create({
    data: { userId, reviewCardId: cardId, ...log, previousCard: snapshotToJson(before), idempotencyKey },
    select: { id: true },
  });
  return created.id;
}

/**
 * Rates the card shown to the viewer. Idempotent: a retry with the same key finds its log and changes
 * nothing. Returns the log's id (for undo) and the session with the next card.
 */
export async function rateReviewCard(viewer: Viewer, input: RateCardInput, now = new Date()): Promise<{ logId: string; session: ReviewSession }> {
  assertRole(viewer, ROLES);
  const key = `${viewer.id}:${input.idempotencyKey}`;
  const logId = await db.$transaction(async (tx) => {
    const card = await lockItem(tx, viewer.id, input.lectureId, input.deck, input.itemId, now);
    // Checked under the card's lock: two deliveries of one request cannot both rate.
    const existing = await tx.reviewLog.findUnique({ where: { idempotencyKey: key }, select: { id: true, userId: true, reviewCardId: true } });
    if (existing) {
      if (existing.userId !== viewer.id || existing.reviewCardId !== card.id)
        throw new ActionError("CONFLICT", "That request key was already used for another card.");
      return existing.id;
    }
    return applyRating(tx, viewer.id, input.lectureId, card.id, card.snapshot, input.rating, ratingTime(now, input.reviewedAt, card.snapshot.lastReview), key);
  });
  return { logId, session: await getReviewSession(viewer, input.lectureId, input.deck, { now }) };
}

/**
 * Undoes a rating: the card gets back exactly the state it had before it, and the rating stops
 * counting. Only a card's latest rating can be undone; undoing twice changes nothing the second time.
 */
export async function undoRating(viewer: Viewer, logId: string, now = new Date()): Promise<{ session: ReviewSession; restored: string }> {
  assertRole(viewer, ROLES);
  const result = await db.$transaction(async (tx) => {
    const log = await tx.reviewLog.findFirst({
      where: { id: logId, userId: viewer.id },
      select: {
        id: true,
        reviewCardId: true,
        reviewedAt: true,
        undoneAt: true,
        previousCard: true,
        reviewCard: { select: { lectureId: true, kind: true, flashcardId: true, studentCardId: true, reversed: true } },
      },
    });
    if (!log) throw new NotFoundError("There is no such rating to undo.");
    await lockCard(tx, log.reviewCardId);
    const deck: Deck = DECK_OF_KIND[log.reviewCard.kind];
    const itemId = deck === "flashcards" ? log.reviewCard.flashcardId! : deck === "own" ? ownItemOf(log.reviewCard) : log.reviewCardId;
    if (log.undoneAt) return { lectureId: log.reviewCard.lectureId, deck, itemId };
    const later = await tx.reviewLog.count({ where: { reviewCardId: log.reviewCardId, undoneAt: null, reviewedAt: { gt: log.reviewedAt } } });
    if (later > 0) throw new ActionError("CONFLICT", "Only the card's latest rating can be undone.");
    await tx.reviewCard.update({ where: { id: log.reviewCardId }, data: snapshotOf(snapshotFromJson(log.previousCard)) });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });
    return { lectureId: log.reviewCard.lectureId, deck, itemId };
  });
  return { session: await getReviewSession(viewer, result.lectureId, result.deck, { now, prefer: result.itemId }), restored: result.itemId };
}
