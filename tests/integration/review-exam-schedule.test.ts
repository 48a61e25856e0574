// The exam promise, end to end through the data layer: a student reviews for weeks, the instructor
// sets an exam date, the student raises their retention; following the schedule, every learned
// card's predicted recall through the exam day is at least the retention they asked for.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { addExamDate, getExamDates, removeExamDate } from "@/lib/review/exams/data";
import { getReviewSession, rateReviewCard, undoRating } from "@/lib/review/data";
import { DAY_MS } from "@/lib/review/due-plan";
import { newCard, recallAt, type Rating } from "@/lib/review/fsrs";
import { loadProfile } from "@/lib/review/internal/context";
import { snapshotOf, snapshotSelect } from "@/lib/review/internal/sql";
import { rescheduleStudent } from "@/lib/review/reschedule";
import { getReviewPlan, getWorkloadForecast, setDesiredRetention } from "@/lib/review/settings/data";
import { seededRandom } from "@/lib/random";
import { createUser } from "./helpers";

let lectureId = "";
const START = new Date("2027-02-01T09:00:00Z");
const EXAM = new Date("2027-03-01T00:00:00Z");
let counter = 0;

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  lectureId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
  await db.flashcard.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({ lectureId, key: `exam-card-${i}`, position: 100 + i, front: `Term ${i}`, back: `Definition ${i}` })),
  });
});

/** Rates every card due at `now` (new ones within the day's allowance), with seeded ratings. */
async function reviewAll(viewer: Awaited<ReturnType<typeof createUser>>, now: Date, random: () => number): Promise<number> {
  let rated = 0;
  for (let guard = 0; guard < 200; guard++) {
    const session = await getReviewSession(viewer, lectureId, "flashcards", { now });
    if (!session.current) return rated;
    const roll = random();
    const rating: Rating = roll < 0.1 ? "AGAIN" : roll < 0.25 ? "HARD" : roll < 0.9 ? "GOOD" : "EASY";
    await rateReviewCard(viewer, { lectureId, deck: "flashcards", itemId: session.current.itemId, rating, idempotencyKey: `exam-${++counter}-key` }, now);
    rated++;
  }
  throw new Error("the review session did not end");
}

describe("exam dates in scheduling", () => {
  it("keeps every learned card's predicted recall on the exam date at the desired retention", async () => {
    const student = await createUser();
    const instructor = await createUser("INSTRUCTOR");
    const random = seededRandom(7);
    for (let day = 0; day < 28; day++) {
      const morning = new Date(START.getTime() + day * DAY_MS);
      if (day === 8) {
        const exam = await addExamDate(instructor, { lectureId, title: "Midterm", date: EXAM }, morning);
        expect(exam).toMatchObject({ title: "Midterm", date: "2027-03-01", own: false });
        await rescheduleStudent(student.id, morning);
      }
      if (day === 12) {
        await setDesiredRetention(student, 0.95);
        await rescheduleStudent(student.id, morning);
      }
      await reviewAll(student, morning, random);
      // A second session in the evening, as a student catching up before the exam would.
      await reviewAll(student, new Date(morning.getTime() + 13 * 3_600_000), random);
    }
    // Following the schedule to the end: every review due before the exam is done when it is due.
    for (let guard = 0; ; guard++) {
      expect(guard).toBeLessThan(20);
      const next = await db.reviewCard.findFirst({ where: { userId: student.id, state: { not: "NEW" }, due: { lt: EXAM } }, orderBy: { due: "asc" } });
      if (!next) break;
      await reviewAll(student, next.due, random);
    }
    const profile = await loadProfile(db, student.id);
    expect(profile.desiredRetention).toBe(0.95);
    const cards = await db.reviewCard.findMany({ where: { userId: student.id, state: "REVIEW" }, select: snapshotSelect });
    expect(cards.length).toBeGreaterThan(25);
    const examEnd = new Date(EXAM.getTime() + DAY_MS);
    let throughTheDay = 0;
    for (const row of cards) {
      const card = snapshotOf(row);
      // Nothing learned is left due before the exam, and recall on the exam's date is at least 95 %.
      expect(card.due.getTime()).toBeGreaterThanOrEqual(EXAM.getTime());
      expect(recallAt(card, EXAM, profile)).toBeGreaterThanOrEqual(0.95);
      if (recallAt(card, examEnd, profile) >= 0.95) throughTheDay++;
    }
    // Planned for the whole exam day: only cards reviewed late on its eve hold for its start alone.
    expect(throughTheDay / cards.length).toBeGreaterThan(0.8);
    // Ratings logged the retention and the prediction they were made with.
    const logs = await db.reviewLog.findMany({ where: { userId: student.id, state: "REVIEW" }, select: { retrievability: true, desiredRetention: true } });
    expect(logs.every((log) => log.retrievability !== null && log.retrievability > 0 && log.retrievability <= 1)).toBe(true);
    expect(new Set(logs.map((log) => log.desiredRetention))).toEqual(new Set([0.9, 0.95]));
  });

  it("undo after an exam-shortened rating restores the card exactly, and a repeated rating counts once", async () => {
    const student = await createUser();
    const now = new Date("2027-02-26T10:00:00Z");
    // Easy on a new card: FSRS's default model brings it back in 8 days, on 6 March at 10:00, the exam's day.
    await addExamDate(student, { lectureId, title: "My mock exam", date: new Date("2027-03-06T00:00:00Z") }, now);
    const session = await getReviewSession(student, lectureId, "flashcards", { now });
    const itemId = session.current!.itemId;
    const before = await db.reviewCard.findFirst({ where: { userId: student.id, flashcardId: itemId }, select: snapshotSelect });
    expect(before).toBeNull();
    const input = { lectureId, deck: "flashcards" as const, itemId, rating: "EASY" as const, idempotencyKey: "undo-exam-key-1" };
    const first = await rateReviewCard(student, input, now);
    const again = await rateReviewCard(student, input, now);
    expect(again.logId).toBe(first.logId);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(1);
    const after = await db.reviewCard.findFirstOrThrow({ where: { userId: student.id, flashcardId: itemId }, select: snapshotSelect });
    // Recall would fall below 90 % during the exam day: the review moved to the day before it.
    expect(after.due.toISOString()).toBe("2027-03-05T10:00:00.000Z");
    expect(after.scheduledDays).toBe(7);
    await undoRating(student, first.logId, now);
    const restored = await db.reviewCard.findFirstOrThrow({ where: { userId: student.id, flashcardId: itemId }, select: snapshotSelect });
    expect(snapshotOf(restored)).toEqual(newCard(now));
  });

  it("each student sees the class's exam dates and only their own, and removes only what is theirs", async () => {
    const a = await createUser();
    const b = await createUser();
    const now = new Date("2027-02-01T10:00:00Z");
    const own = await addExamDate(a, { lectureId, title: "A's own", date: new Date("2027-02-20T00:00:00Z") }, now);
    const seenByB = await getExamDates(b, now);
    expect(seenByB.some((d) => d.id === own.id)).toBe(false);
    expect((await getExamDates(a, now)).find((d) => d.id === own.id)).toMatchObject({ own: true, title: "A's own" });
    await expect(removeExamDate(b, own.id)).rejects.toThrow(/no such exam date/);
    await expect(addExamDate(a, { lectureId, title: "Past", date: new Date("2027-01-01T00:00:00Z") }, now)).rejects.toThrow(/has passed/);
    await removeExamDate(a, own.id);
    expect(await db.examDate.count({ where: { id: own.id } })).toBe(0);
  });

  it("the plan shows the forecast at the chosen retention and its neighbours, and next week's counts", async () => {
    const student = await createUser();
    const now = new Date("2027-02-01T10:00:00Z");
    const random = seededRandom(3);
    await reviewAll(student, now, random);
    await setDesiredRetention(student, 0.8);
    const plan = await getReviewPlan(student, new Date(now.getTime() + 60_000));
    expect(plan.desiredRetention).toBe(0.8);
    const forecast = await getWorkloadForecast(student, new Date(now.getTime() + 60_000));
    expect(forecast.chosen).toBe(0.8);
    expect(forecast.series.map((series) => series.retention)).toEqual([0.75, 0.8, 0.85]);
    expect(forecast.series.every((series) => series.perDay.length === 30)).toBe(true);
    expect(forecast.series[0]!.total).toBeLessThan(forecast.series[2]!.total);
    expect(plan.upcoming).toHaveLength(7);
    expect(plan.reviewsNeeded).toBe(plan.minReviews - plan.reviews);
    expect(plan.inUse).toBeNull();
  });
});
