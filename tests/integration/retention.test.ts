import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { CardKind, Rating } from "@/lib/generated/prisma/enums";
import { getClassRetention, getMyRetention } from "@/lib/review/retention/data";
import type { RatePoint } from "@/lib/review/retention/measures";
import { createUser } from "./helpers";

const OWN_FRONT = "My private mnemonic for alpha";
let alphaId = "";
let betaId = "";
let a: SessionUser;
let b: SessionUser;
let instructor: SessionUser;
const others: SessionUser[] = [];
let counter = 0;

interface Scripted {
  rating: Rating;
  reviewedAt: string;
  scheduledDays: number;
  state?: "NEW" | "LEARNING" | "REVIEW" | "RELEARNING";
  elapsedDays?: number;
  retrievability?: number | null;
  desiredRetention?: number | null;
  undone?: boolean;
}

async function cardOf(userId: string, kind: CardKind, lectureId: string, link: { flashcardKey?: string; questionKey?: string; ownFront?: string }) {
  const flashcardId = link.flashcardKey ? (await db.flashcard.findUniqueOrThrow({ where: { key: link.flashcardKey } })).id : null;
  const questionId = link.questionKey ? (await db.question.findUniqueOrThrow({ where: { externalKey: link.questionKey } })).id : null;
  const studentCardId = link.ownFront ? (await db.studentCard.create({ data: { userId, lectureId, front: link.ownFront, back: "Its secret back" } })).id : null;
  return (await db.reviewCard.create({ data: { userId, kind, lectureId, flashcardId, questionId, studentCardId, due: new Date(), state: "REVIEW" } })).id;
}

/** Logs ratings of a card as they were: each with the card's state before it. */
async function logRatings(userId: string, reviewCardId: string, ratings: Scripted[]) {
  await db.reviewLog.createMany({
    data: ratings.map((r) => {
      const reviewedAt = new Date(`${r.reviewedAt}Z`);
      return {
        userId,
        reviewCardId,
        rating: r.rating,
        state: r.state ?? "REVIEW",
        due: reviewedAt,
        stability: 10,
        difficulty: 5,
        elapsedDays: r.elapsedDays ?? r.scheduledDays,
        lastElapsedDays: 0,
        scheduledDays: r.scheduledDays,
        learningSteps: 0,
        reviewedAt,
        previousCard: {},
        idempotencyKey: `retention-${++counter}`,
        undoneAt: r.undone ? new Date(reviewedAt.getTime() + 5000) : null,
        retrievability: r.retrievability ?? null,
        desiredRetention: r.desiredRetention ?? null,
      };
    }),
  });
}

const shown = (p: RatePoint) => (p.hidden ? "hidden" : `${p.recalled}/${p.reviews}`);

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  alphaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
  betaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "beta" } })).id;
  [a, b, instructor] = await Promise.all([createUser(), createUser(), createUser("INSTRUCTOR")]);
  others.push(...(await Promise.all([1, 2, 3, 4].map(() => createUser()))));
  await db.reviewSettings.create({ data: { userId: a.id, desiredRetention: 0.85 } });

  // Student A, in alpha: the log of the unit tests' LOG (tests/unit/retention-measures.test.ts).
  const [f1, f2, m1, o1, beta] = await Promise.all([
    cardOf(a.id, "FLASHCARD", alphaId, { flashcardKey: "alpha-fc-a" }),
    cardOf(a.id, "FLASHCARD", alphaId, { flashcardKey: "alpha-fc-e" }),
    cardOf(a.id, "MISTAKE", alphaId, { questionKey: "alpha-q1" }),
    cardOf(a.id, "OWN", alphaId, { ownFront: OWN_FRONT }),
    cardOf(a.id, "FLASHCARD", betaId, { flashcardKey: "beta-fc-1" }),
  ]);
  await logRatings(a.id, f1, [
    { rating: "GOOD", scheduledDays: 2, reviewedAt: "2026-05-04T09:00:00", retrievability: 0.95 },
    { rating: "AGAIN", scheduledDays: 3, reviewedAt: "2026-05-06T09:00:00", retrievability: 0.85 },
    { rating: "GOOD", scheduledDays: 0, reviewedAt: "2026-05-06T09:01:00", state: "RELEARNING", retrievability: 0.99 },
    { rating: "EASY", scheduledDays: 5, reviewedAt: "2026-05-24T23:00:00", retrievability: 0.91 },
  ]);
  // No stored prediction: 30 days on a stability of 10 gives 0.8093881 on the default curve.
  await logRatings(a.id, m1, [{ rating: "HARD", scheduledDays: 25, elapsedDays: 30, reviewedAt: "2026-05-08T09:00:00", desiredRetention: 0.8 }]);
  await logRatings(a.id, f2, [{ rating: "GOOD", scheduledDays: 30, reviewedAt: "2026-05-09T09:00:00", retrievability: 0.97, undone: true }]);
  await logRatings(a.id, o1, [{ rating: "AGAIN", scheduledDays: 21, reviewedAt: "2026-05-18T09:00:00", retrievability: 0.72, desiredRetention: 0.85 }]);
  await logRatings(a.id, beta, [{ rating: "GOOD", scheduledDays: 40, reviewedAt: "2026-05-05T09:00:00", retrievability: 0.9 }]);

  // Student B forgets twice, then recalls a mature card; four more students recall theirs.
  await logRatings(b.id, await cardOf(b.id, "FLASHCARD", alphaId, { flashcardKey: "alpha-fc-a" }), [
    { rating: "AGAIN", scheduledDays: 10, reviewedAt: "2026-05-05T10:00:00", retrievability: 0.6 },
    { rating: "AGAIN", scheduledDays: 10, reviewedAt: "2026-05-05T11:00:00", retrievability: 0.6 },
    { rating: "GOOD", scheduledDays: 22, reviewedAt: "2026-05-12T10:00:00", retrievability: 0.88 },
  ]);
  for (const student of others) {
    await logRatings(student.id, await cardOf(student.id, "FLASHCARD", alphaId, { flashcardKey: "alpha-fc-e" }), [
      { rating: "GOOD", scheduledDays: 4, reviewedAt: "2026-05-05T10:00:00", retrievability: 0.9 },
      // Logged before predictions were kept: the class's SQL computes 0.8093881, as ts-fsrs does.
      { rating: "GOOD", scheduledDays: 30, elapsedDays: 30, reviewedAt: "2026-05-12T10:00:00" },
      { rating: "AGAIN", scheduledDays: 30, reviewedAt: "2026-05-13T10:00:00", retrievability: 0.5, undone: true },
    ]);
  }
  // Staff's own reviews are not the class's.
  await logRatings(instructor.id, await cardOf(instructor.id, "FLASHCARD", alphaId, { flashcardKey: "alpha-fc-a" }), [
    { rating: "AGAIN", scheduledDays: 3, reviewedAt: "2026-05-05T10:00:00", retrievability: 0.9 },
  ]);
});

describe("a student's own retention", () => {
  it("gives exact figures per ISO week for a scripted log, without learning steps or undone ratings", async () => {
    const mine = await getMyRetention(a, { lectureId: alphaId });
    expect(mine.desiredRetention).toBe(0.85);
    const all = mine.decks.ALL;
    expect(all.weeks.map((w) => [w.week, shown(w.mature), shown(w.young)])).toEqual([
      ["2026-05-04", "1/1", "1/2"],
      ["2026-05-11", "0/0", "0/0"],
      ["2026-05-18", "0/1", "1/1"],
    ]);
    expect(all.weeks[0]!.desired).toBeCloseTo(2.6 / 3, 12);
    expect([shown(all.mature), shown(all.young)]).toEqual(["1/2", "2/3"]);
    expect(all.headline).toEqual({ kind: "too-few-mature", reviews: 2, needed: 30 });
    expect([shown(mine.decks.FLASHCARD.young), shown(mine.decks.FLASHCARD.mature)]).toEqual(["2/3", "0/0"]);
    expect([shown(mine.decks.MISTAKE.mature), shown(mine.decks.OWN.mature)]).toEqual(["1/1", "0/1"]);
    const calibration = all.calibration;
    if (calibration.hidden) throw new Error("a student's own calibration is never withheld");
    expect(calibration).toMatchObject({ reviews: 5, actual: 0.6 });
    expect(calibration.meanPredicted).toBeCloseTo(4.2393881 / 5, 7);
    expect(calibration.error).toBeCloseTo(1.5193881 / 5, 7);
    expect(calibration.bins).toMatchObject([{ hidden: false, from: 0.7, to: 1, reviews: 5, recalled: 3, students: null }]);
  });

  it("narrows to a lecture, or takes every lecture", async () => {
    const everywhere = await getMyRetention(a);
    expect([shown(everywhere.decks.ALL.mature), shown(everywhere.decks.ALL.young)]).toEqual(["2/3", "2/3"]);
    const beta = await getMyRetention(a, { lectureId: betaId });
    expect(beta.decks.ALL.weeks.map((w) => [w.week, shown(w.mature)])).toEqual([["2026-05-04", "1/1"]]);
  });

  it("never sees another student's rows, in either direction", async () => {
    const theirs = await getMyRetention(b, { lectureId: alphaId });
    expect(theirs.desiredRetention).toBe(0.9);
    expect(theirs.decks.ALL.weeks.map((w) => [w.week, shown(w.mature), shown(w.young)])).toEqual([
      ["2026-05-04", "0/0", "0/2"],
      ["2026-05-11", "1/1", "0/0"],
    ]);
    expect(shown((await getMyRetention(others[0]!)).decks.ALL.young)).toBe("1/1");
    expect(await getMyRetention(await createUser())).toMatchObject({ decks: { ALL: { weeks: [], mature: { reviews: 0 }, young: { reviews: 0 } } } });
  });
});

describe("the class's retention for staff", () => {
  it("aggregates the students' reviews of a lecture, withholding cells of fewer than five students and leaving them out of totals", async () => {
    const view = await getClassRetention(instructor, alphaId);
    expect(view).toMatchObject({ lectureId: alphaId, students: 6, minStudents: 5 });
    const all = view.decks.ALL;
    expect(all.weeks.map((w) => [w.week, shown(w.mature), shown(w.young)])).toEqual([
      ["2026-05-04", "hidden", "5/8"], // A's mistake card alone is mature this week
      ["2026-05-11", "5/5", "0/0"],
      ["2026-05-18", "hidden", "hidden"], // A alone
    ]);
    expect(all.weeks[1]!.mature).toMatchObject({ students: 5 });
    // The totals add up the shown cells only: A's withheld reviews cannot be found by subtraction.
    expect([shown(all.mature), shown(all.young)]).toEqual(["5/5", "5/8"]);
    expect([shown(view.decks.FLASHCARD.mature), shown(view.decks.FLASHCARD.young)]).toEqual(["5/5", "5/8"]);
    expect(all.headline).toEqual({ kind: "too-few-mature", reviews: 5, needed: 30 });
    // Only A has mistake and own cards: withheld whole.
    expect([shown(view.decks.MISTAKE.mature), shown(view.decks.OWN.mature), view.decks.OWN.calibration]).toEqual(["hidden", "hidden", { hidden: true }]);
  });

  it("computes the class's calibration in SQL, with the default curve where no prediction was stored", async () => {
    const calibration = (await getClassRetention(instructor, alphaId)).decks.ALL.calibration;
    if (calibration.hidden) throw new Error("six students stand behind it");
    expect(calibration).toMatchObject({ reviews: 14, actual: 11 / 14 });
    // Bins 6: B's 2 × 0.6; 8: 0.85 + 0.88 + 4 × 0.8093881 (no stored prediction); 9: 0.95 + 0.91 + 4 × 0.9. A's mistake and own cards are withheld.
    expect(calibration.meanPredicted).toBeCloseTo((1.2 + 4.9675524 + 5.46) / 14, 7);
    expect(calibration.error).toBeCloseTo((1.2 + Math.abs(4.9675524 - 5) + Math.abs(5.46 - 6)) / 14, 7);
    expect(calibration.bins).toMatchObject([{ hidden: false, from: 0.6, to: 1, reviews: 14, recalled: 11, students: 6 }]);
  });

  it("returns aggregate numbers only: no student's id, name, email or card text", async () => {
    const text = JSON.stringify(await getClassRetention(instructor, alphaId));
    for (const student of [a, b, ...others]) for (const value of [student.id, student.email, student.name]) expect(text).not.toContain(value);
    for (const secret of [OWN_FRONT, "Its secret back", "The first letter.", "userId", "front"]) expect(text).not.toContain(secret);
  });

  it("refuses students and anonymous callers", async () => {
    await expect(getClassRetention(a, alphaId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getClassRetention(null as unknown as SessionUser, alphaId)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(getMyRetention(null as unknown as SessionUser)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
