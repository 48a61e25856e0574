// Flashcard ratings made without a connection and sent later (lib/review/data.ts): the rating counts
// when the student made it, within reason; a repeated delivery counts once; and a session carries the
// cards after the current one, so the page can go on offline.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { advanceSession } from "@/lib/offline/review-offline";
import { getReviewSession, rateReviewCard } from "@/lib/review/data";
import { UPCOMING_CARDS } from "@/lib/review/queue";
import { NEW_CARDS_PER_DAY } from "@/lib/review/queue";
import { rateCardInput } from "@/lib/review/schemas";
import { createUser } from "./helpers";

const SLUG = "ml-systems-and-data-engineering";
let lectureId = "";
/** Lecture 1's flashcards in deck order. */
let deck: { id: string; position: number; front: string; back: string }[] = [];
let counter = 0;
const newKey = () => `offline-rating-${++counter}`;

const NOW = new Date("2026-05-04T08:00:00.000Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../../content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: SLUG } })).id;
  deck = await db.flashcard.findMany({
    where: { lectureId, retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true, position: true, front: true, back: true },
  });
});

async function cardRow(userId: string, flashcardId: string) {
  return db.reviewCard.findUniqueOrThrow({
    where: { userId_flashcardId: { userId, flashcardId } },
    select: { due: true, stability: true, difficulty: true, reps: true, lapses: true, state: true, lastReview: true, learningSteps: true },
  });
}

const logsOf = (userId: string) =>
  db.reviewLog.findMany({ where: { userId }, orderBy: { reviewedAt: "asc" }, select: { id: true, rating: true, state: true, reviewedAt: true } });

/** The rating request as the page sends it (through the action's schema). */
const request = (itemId: string, reviewedAt: Date | string | undefined, rating: "AGAIN" | "HARD" | "GOOD" | "EASY" = "GOOD", idempotencyKey = newKey()) =>
  rateCardInput.parse({
    lectureId,
    deck: "flashcards",
    itemId,
    rating,
    idempotencyKey,
    ...(reviewedAt === undefined ? {} : { reviewedAt: typeof reviewedAt === "string" ? reviewedAt : reviewedAt.toISOString() }),
  });

describe("a rating made offline and sent later", () => {
  it("deck: Lecture 1 has more flashcards than a day's new cards and a session's upcoming ones", () => {
    expect(deck).toHaveLength(37);
    expect(deck.length).toBeGreaterThan(NEW_CARDS_PER_DAY);
    expect(deck.length).toBeGreaterThan(UPCOMING_CARDS + 1);
  });

  it("counts at the time the student rated (two hours ago), and the same request again changes nothing", async () => {
    const student = await createUser();
    const card = deck[0]!.id;
    const madeAt = ago(2 * HOUR);
    const input = request(card, madeAt);
    const first = await rateReviewCard(student, input, NOW);

    expect(await logsOf(student.id)).toEqual([{ id: first.logId, rating: "GOOD", state: "NEW", reviewedAt: madeAt }]);
    const row = await cardRow(student.id, card);
    // GOOD on a new card: learning, due ten minutes after the rating (not after it arrived).
    expect(row).toMatchObject({ state: "LEARNING", reps: 1, lapses: 0, lastReview: madeAt, due: new Date(madeAt.getTime() + 10 * MINUTE) });
    // Due 1 h 50 min ago: the card comes up again at once.
    expect(first.session.current!.itemId).toBe(card);

    const again = await rateReviewCard(student, input, new Date(NOW.getTime() + MINUTE));
    expect(again.logId).toBe(first.logId);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(1);
    expect(await cardRow(student.id, card)).toEqual(row);
  });

  it("a time ten days back counts as when the rating arrived", async () => {
    const student = await createUser();
    const card = deck[1]!.id;
    const before = Date.now();
    const { logId } = await rateReviewCard(student, request(card, ago(10 * DAY, new Date(before)), "EASY"));
    const after = Date.now();
    const [log] = await logsOf(student.id);
    expect(log!.id).toBe(logId);
    expect(log!.reviewedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(log!.reviewedAt.getTime()).toBeLessThanOrEqual(after);
    expect(after - before).toBeLessThan(1000);
    expect((await cardRow(student.id, card)).lastReview).toEqual(log!.reviewedAt);

    // With the server's clock fixed: exactly then.
    const other = await createUser();
    await rateReviewCard(other, request(card, ago(10 * DAY)), NOW);
    expect((await logsOf(other.id)).map((l) => l.reviewedAt)).toEqual([NOW]);
    expect((await cardRow(other.id, card)).lastReview).toEqual(NOW);
  });

  it("a week back exactly still counts then; a millisecond more counts as now", async () => {
    const student = await createUser();
    await rateReviewCard(student, request(deck[2]!.id, ago(7 * DAY)), NOW);
    await rateReviewCard(student, request(deck[3]!.id, ago(7 * DAY + 1)), NOW);
    expect((await cardRow(student.id, deck[2]!.id)).lastReview).toEqual(ago(7 * DAY));
    expect((await cardRow(student.id, deck[3]!.id)).lastReview).toEqual(NOW);
  });

  it("a time in the future counts as now", async () => {
    const student = await createUser();
    const card = deck[4]!.id;
    await rateReviewCard(student, request(card, new Date(NOW.getTime() + 3 * HOUR)), NOW);
    expect((await logsOf(student.id)).map((l) => l.reviewedAt)).toEqual([NOW]);
    expect(await cardRow(student.id, card)).toMatchObject({ lastReview: NOW, due: new Date(NOW.getTime() + 10 * MINUTE) });
  });

  it("an offset time counts at the instant it names", async () => {
    const student = await createUser();
    await rateReviewCard(student, request(deck[5]!.id, "2026-05-04T09:30:00+03:00"), NOW); // 06:30Z
    expect((await logsOf(student.id)).map((l) => l.reviewedAt)).toEqual([new Date("2026-05-04T06:30:00.000Z")]);
  });

  it("never counts before the card's last review (ratings arriving out of order)", async () => {
    const student = await createUser();
    const card = deck[6]!.id;
    await rateReviewCard(student, request(card, ago(HOUR), "AGAIN"), NOW);
    await rateReviewCard(student, request(card, ago(2 * HOUR), "GOOD"), NOW);
    expect((await logsOf(student.id)).map((l) => [l.rating, l.reviewedAt])).toEqual([
      ["AGAIN", ago(HOUR)],
      ["GOOD", ago(HOUR)],
    ]);
    expect((await cardRow(student.id, card)).lastReview).toEqual(ago(HOUR));
  });

  it("without a time, counts now (as before)", async () => {
    const student = await createUser();
    await rateReviewCard(student, request(deck[7]!.id, undefined), NOW);
    expect((await logsOf(student.id)).map((l) => l.reviewedAt)).toEqual([NOW]);
  });
});

describe("getReviewSession carries the cards after the current one", () => {
  it("a new student: the first new card, then the rest of the day's new cards in deck order", async () => {
    const student = await createUser();
    const session = await getReviewSession(student, lectureId, "flashcards", { now: NOW });
    expect(session.counts).toEqual({ total: 37, dueToday: 0, learning: 0, learned: 0, new: 37, newLeftToday: 20 });
    expect(session.current!.itemId).toBe(deck[0]!.id);
    // Twenty new cards today: the current one and 19 more, fewer than UPCOMING_CARDS.
    expect(session.upcoming.map((card) => card.itemId)).toEqual(deck.slice(1, 20).map((card) => card.id));
    expect(session.upcoming[0]).toMatchObject({ itemId: deck[1]!.id, state: "NEW", front: deck[1]!.front, back: deck[1]!.back });
    expect(Object.keys(session.upcoming[0]!.previews)).toEqual(["AGAIN", "HARD", "GOOD", "EASY"]);
  });

  it("after a rating: what the page predicted offline, with the card in learning coming back after", async () => {
    const student = await createUser();
    const before = await getReviewSession(student, lectureId, "flashcards", { now: NOW });
    const predicted = advanceSession(before, deck[0]!.id);
    const { session } = await rateReviewCard(student, request(deck[0]!.id, undefined), NOW);
    expect(session.current!.itemId).toBe(predicted.current!.itemId);
    expect(session.current!.itemId).toBe(deck[1]!.id);
    // The learning card is due in ten minutes, within the learn-ahead time: it comes after the new ones.
    expect(session.upcoming.map((card) => card.itemId)).toEqual([...predicted.upcoming.map((card) => card.itemId), deck[0]!.id]);
    expect(session.upcoming.map((card) => card.itemId)).toEqual([...deck.slice(2, 20).map((card) => card.id), deck[0]!.id]);
    expect(session.counts).toEqual({ total: 37, dueToday: 1, learning: 1, learned: 0, new: 36, newLeftToday: 19 });
    expect(predicted.counts).toMatchObject({ new: 36, newLeftToday: 19 });
  });

  it("a long queue: at most UPCOMING_CARDS after the current one, due cards by due date, then new cards in deck order", async () => {
    const student = await createUser();
    // Day one: the day's twenty new cards, each rated EASY (to review in days).
    for (let i = 0; i < NEW_CARDS_PER_DAY; i++) {
      const { session } = await rateReviewCard(student, request(deck[i]!.id, undefined, "EASY"), NOW);
      expect(session.current?.itemId ?? null).toBe(i + 1 < NEW_CARDS_PER_DAY ? deck[i + 1]!.id : null);
    }
    // Two months on: all twenty are due, and seventeen new cards are left (all allowed today).
    const later = new Date(NOW.getTime() + 60 * DAY);
    const session = await getReviewSession(student, lectureId, "flashcards", { now: later });
    expect(session.counts).toEqual({ total: 37, dueToday: 20, learning: 0, learned: 20, new: 17, newLeftToday: 17 });

    const position = new Map(deck.map((card) => [card.id, card.position]));
    const reviewed = await db.reviewCard.findMany({ where: { userId: student.id, lectureId }, select: { flashcardId: true, due: true, state: true } });
    expect(reviewed).toHaveLength(20);
    expect(reviewed.every((card) => card.state === "REVIEW" && card.due <= later)).toBe(true);
    const dueOrder = reviewed
      .sort((a, b) => a.due.getTime() - b.due.getTime() || position.get(a.flashcardId!)! - position.get(b.flashcardId!)!)
      .map((card) => card.flashcardId!);
    const queue = [...dueOrder, ...deck.slice(20).map((card) => card.id)];
    expect(queue).toHaveLength(37);

    expect(session.current!.itemId).toBe(queue[0]);
    expect(session.upcoming).toHaveLength(UPCOMING_CARDS);
    expect(session.upcoming.map((card) => card.itemId)).toEqual(queue.slice(1, 1 + UPCOMING_CARDS));
    expect(session.upcoming.some((card) => card.itemId === session.current!.itemId)).toBe(false);
    expect(new Set(session.upcoming.map((card) => card.itemId)).size).toBe(UPCOMING_CARDS);
    expect(session.upcoming.map((card) => card.state)).toEqual([...Array<string>(19).fill("REVIEW"), ...Array<string>(6).fill("NEW")]);
  });

  it("nothing to show: no upcoming cards either", async () => {
    const student = await createUser();
    for (let i = 0; i < NEW_CARDS_PER_DAY; i++) await rateReviewCard(student, request(deck[i]!.id, undefined, "EASY"), NOW);
    const session = await getReviewSession(student, lectureId, "flashcards", { now: new Date(NOW.getTime() + HOUR) });
    expect(session.current).toBeNull();
    expect(session.upcoming).toEqual([]);
    expect(session.counts).toMatchObject({ new: 17, newLeftToday: 0, dueToday: 0 });
    expect(session.nextDue).not.toBeNull();
  });
});
