// Students' own cards against a real database: writing, editing and deleting them (with undo), the
// messages of bad input, the "My cards" deck's reviews in both directions, and privacy — another
// student or an instructor gets "not found" or nothing through every function and action, and no
// one else's deck, counts or progress ever include them. The CSV round trip is in own-cards-csv.test.ts.
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getClassProgress } from "@/lib/progress/class-data";
import { getMyProgress } from "@/lib/progress/data";
import { getReviewSession, rateReviewCard, undoRating } from "@/lib/review/data";
import { createOwnCardAction, deleteOwnCardAction, restoreOwnCardAction, updateOwnCardAction } from "@/lib/review/own-cards/actions";
import { createOwnCard, deleteOwnCard, listOwnCards, restoreOwnCard, updateOwnCard } from "@/lib/review/own-cards/data";
import { getOwnCardsCsv } from "@/lib/review/own-cards/export";
import { getClassOwnCardTotals } from "@/lib/review/own-cards/summaries";
import { getDeckCounts } from "@/lib/review/summaries";
import { createUser } from "./helpers";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), getCurrentUser: async () => session.user }));

let alphaId = "";
let betaId = "";
let counter = 0;
const key = () => `own-test-key-${++counter}`;
const T0 = new Date("2026-11-02T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  alphaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
  betaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "beta" } })).id;
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};
const card = (overrides: Partial<Parameters<typeof createOwnCard>[1]> = {}) => ({
  lectureId: alphaId,
  front: "Feature store",
  back: "A shared store of features for training and serving.",
  sectionKey: "basics",
  reversible: false,
  ...overrides,
});
const reviewCardOf = (id: string) =>
  db.reviewCard.findUniqueOrThrow({
    where: { id },
    select: {
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
    },
  });

describe("writing, editing and deleting own cards", () => {
  it("creates, lists, edits and deletes; a delete drops the review cards and its undo brings back the card and its state", async () => {
    const student = await createUser();
    const created = await createOwnCard(student, card({ reversible: true }));
    expect(created).toMatchObject({
      front: "Feature store",
      sectionKey: "basics",
      reversible: true,
      forward: { state: "NEW", due: null },
      reverse: { state: "NEW", due: null },
    });
    expect((await listOwnCards(student, alphaId)).map((c) => c.id)).toEqual([created.id]);

    await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: created.id, rating: "GOOD", idempotencyKey: key() }, T0);
    await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: `${created.id}~r`, rating: "AGAIN", idempotencyKey: key() }, at(1));
    await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: created.id, rating: "GOOD", idempotencyKey: key() }, at(11));
    const forwardBefore = await reviewCardOf(`ro_${student.id}_${created.id}`);
    const reverseBefore = await reviewCardOf(`ro_${student.id}_${created.id}_r`);

    // An edit keeps the schedule; turning the reverse off drops that direction's review card and ratings.
    const edited = await updateOwnCard(student, { cardId: created.id, front: "Feature store?", back: "Shared features.", sectionKey: null, reversible: true });
    expect(edited).toMatchObject({ front: "Feature store?", back: "Shared features.", sectionKey: null, forward: { state: forwardBefore.state } });
    expect(await reviewCardOf(`ro_${student.id}_${created.id}`)).toEqual(forwardBefore);
    await updateOwnCard(student, { cardId: created.id, front: "Feature store?", back: "Shared features.", sectionKey: "more", reversible: false });
    expect(await db.reviewCard.count({ where: { studentCardId: created.id, reversed: true } })).toBe(0);
    await updateOwnCard(student, { cardId: created.id, front: "Feature store?", back: "Shared features.", sectionKey: "more", reversible: true });
    expect((await listOwnCards(student, alphaId))[0]).toMatchObject({ reverse: { state: "NEW", due: null }, forward: { state: forwardBefore.state } });
    await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: `${created.id}~r`, rating: "AGAIN", idempotencyKey: key() }, at(1));
    const reverseAgain = await reviewCardOf(`ro_${student.id}_${created.id}_r`);
    expect(reverseAgain).toEqual(reverseBefore);

    const { backup } = await deleteOwnCard(student, created.id);
    expect(backup).toMatchObject({ id: created.id, front: "Feature store?", reversible: true, sectionKey: "more" });
    expect(backup.reviews).toHaveLength(3);
    expect(await db.studentCard.count({ where: { userId: student.id } })).toBe(0);
    expect(await db.reviewCard.count({ where: { userId: student.id } })).toBe(0);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(0);
    await expect(deleteOwnCard(student, created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const restored = await restoreOwnCard(student, backup);
    expect(restored).toMatchObject({ id: created.id, front: "Feature store?", createdAt: created.createdAt });
    expect(await reviewCardOf(`ro_${student.id}_${created.id}`)).toEqual(forwardBefore);
    expect(await reviewCardOf(`ro_${student.id}_${created.id}_r`)).toEqual(reverseBefore);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(3);
    // Undoing twice gives the card back once; its last rating can still be undone as any other.
    expect((await restoreOwnCard(student, backup)).id).toBe(created.id);
    expect(await db.studentCard.count({ where: { userId: student.id } })).toBe(1);
    const last = await db.reviewLog.findFirstOrThrow({ where: { userId: student.id }, orderBy: { reviewedAt: "desc" } });
    await undoRating(student, last.id, at(20));
    expect((await reviewCardOf(`ro_${student.id}_${created.id}`)).reps).toBe(1);
  });

  it("answers bad input with a message for each field", async () => {
    const student = await createUser();
    session.user = student;
    const refused = await createOwnCardAction(null, form({ lectureId: alphaId, front: "   ", back: "x".repeat(4001), sectionKey: "no such" }));
    expect(refused).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        front: ["Write the front: the question or term you want to be asked."],
        back: ["The back is too long: at most 4,000 characters."],
        sectionKey: ["Choose a section of this lecture's notes, or none."],
      },
    });
    // A section of another lecture is not one of this lecture's.
    expect(await createOwnCardAction(null, form({ lectureId: alphaId, front: "F", back: "B", sectionKey: "only" }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { sectionKey: ["Choose a section of this lecture's notes, or none."] },
    });
    expect(await createOwnCardAction(null, form({ lectureId: "nosuchlecture", front: "F", back: "B" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await createOwnCardAction(null, form({ lectureId: alphaId, front: "x".repeat(2001), back: "" }))).toMatchObject({
      fieldErrors: { front: ["The front is too long: at most 2,000 characters."], back: ["Write the back: the answer you expect."] },
    });
    const made = await createOwnCardAction(null, form({ lectureId: alphaId, front: "  F \n", back: "\tB", sectionKey: "", reversible: "on" }));
    expect(made).toMatchObject({ ok: true, data: { front: "F", back: "B", sectionKey: null, reversible: true } });
    expect(await db.studentCard.count({ where: { userId: student.id } })).toBe(1);
    session.user = null;
    expect(await createOwnCardAction(null, form({ lectureId: alphaId, front: "F", back: "B" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("the My cards deck", () => {
  it("reviews each direction, counts a repeated rating once, undoes exactly, and counts as the session does", async () => {
    const student = await createUser();
    const plain = await createOwnCard(student, card({ front: "Plain", back: "One way" }));
    const both = await createOwnCard(student, card({ front: "Term", back: "Definition", reversible: true, sectionKey: "more" }));
    const first = await getReviewSession(student, alphaId, "own", { now: T0 });
    expect(first.counts).toEqual({ total: 3, dueToday: 0, learning: 0, learned: 0, new: 3, newLeftToday: 3 });
    expect(first.current).toMatchObject({ itemId: plain.id, front: "Plain", back: "One way", state: "NEW", topic: null });

    const ratingKey = key();
    const rated = await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: plain.id, rating: "GOOD", idempotencyKey: ratingKey }, T0);
    const retried = await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: plain.id, rating: "GOOD", idempotencyKey: ratingKey }, at(1));
    expect(retried.logId).toBe(rated.logId);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(1);
    expect(rated.session.current).toMatchObject({ itemId: both.id, front: "Term", back: "Definition" });

    // Every front before any reverse: the reverse of "Term" comes last, asking the definition.
    const second = await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: both.id, rating: "EASY", idempotencyKey: key() }, at(1));
    expect(second.session.current).toMatchObject({ itemId: `${both.id}~r`, front: "Definition", back: "Term", sectionKey: "more" });
    const reverse = await rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId: `${both.id}~r`, rating: "HARD", idempotencyKey: key() }, at(2));
    expect(await db.reviewCard.findUniqueOrThrow({ where: { id: `ro_${student.id}_${both.id}_r` } })).toMatchObject({
      kind: "OWN",
      studentCardId: both.id,
      reversed: true,
      state: "LEARNING",
    });
    const undone = await undoRating(student, reverse.logId, at(3));
    expect(undone.restored).toBe(`${both.id}~r`);
    expect(undone.session.current).toMatchObject({ itemId: `${both.id}~r`, state: "NEW" });
    expect(await reviewCardOf(`ro_${student.id}_${both.id}_r`)).toMatchObject({ state: "NEW", reps: 0, due: at(2), lastReview: null, stability: 0 });

    for (const now of [at(3), at(30), new Date("2026-11-20T08:00:00.000Z")]) {
      const [counts, own] = await Promise.all([getDeckCounts(student, now), getReviewSession(student, alphaId, "own", { now })]);
      expect(counts.get(alphaId).own).toEqual(own.counts);
    }
    expect((await getDeckCounts(student, at(3))).get(alphaId).own).toEqual({ total: 3, dueToday: 1, learning: 1, learned: 1, new: 1, newLeftToday: 1 });
    const progress = (await getMyProgress(student, at(30))).lectures.find((l) => l.slug === "alpha")!;
    expect(progress.own).toMatchObject({ total: 3, learning: 1, learned: 1 });
    expect(progress.mistakes.total).toBe(0);
    expect((await getMyProgress(student, at(30))).nextStep).toMatchObject({ kind: "review-own-cards", href: "/lectures/alpha/flashcards?deck=own" });

    // A reverse item of a one-way card, a made-up or malformed id: not in the deck.
    for (const itemId of [`${plain.id}~r`, "nosuchcard", `${both.id}~r~r`, `${both.id}~R`, ` ${both.id}`])
      await expect(rateReviewCard(student, { lectureId: alphaId, deck: "own", itemId, rating: "GOOD", idempotencyKey: key() }, at(4))).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    // The card is not in another lecture's deck either.
    await expect(
      rateReviewCard(student, { lectureId: betaId, deck: "own", itemId: plain.id, rating: "GOOD", idempotencyKey: key() }, at(4)),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("privacy", () => {
  it("gives another student and an instructor nothing of a student's cards, through every function and action", async () => {
    const [ann, bob, instructor] = [await createUser(), await createUser(), await createUser("INSTRUCTOR")];
    const secret = await createOwnCard(
      ann,
      card({ front: "Ann's secret front", back: "Ann's secret back", reversible: true, lectureId: betaId, sectionKey: "only" }),
    );
    await createOwnCard(ann, card({ lectureId: betaId, sectionKey: null }));
    const rated = await rateReviewCard(ann, { lectureId: betaId, deck: "own", itemId: secret.id, rating: "GOOD", idempotencyKey: key() }, T0);
    await createOwnCard(bob, card({ lectureId: betaId, sectionKey: null }));
    await createOwnCard(instructor, card({ lectureId: betaId, sectionKey: null }));
    const annBefore = await db.studentCard.findUniqueOrThrow({ where: { id: secret.id } });

    for (const other of [bob, instructor]) {
      expect((await listOwnCards(other, betaId)).some((c) => c.id === secret.id)).toBe(false);
      const edit = { cardId: secret.id, front: "Stolen", back: "Stolen", sectionKey: null, reversible: false };
      await expect(updateOwnCard(other, edit)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(deleteOwnCard(other, secret.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      for (const itemId of [secret.id, `${secret.id}~r`])
        await expect(rateReviewCard(other, { lectureId: betaId, deck: "own", itemId, rating: "EASY", idempotencyKey: key() }, at(1))).rejects.toMatchObject({
          code: "NOT_FOUND",
        });
      await expect(undoRating(other, rated.logId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      const theirs = await getReviewSession(other, betaId, "own", { now: at(1) });
      expect(JSON.stringify(theirs)).not.toContain("Ann's secret");
      expect((await getOwnCardsCsv(other)).csv).not.toContain("secret");
      expect((await getDeckCounts(other, at(1))).get(betaId).own.total).toBe(1);
      // A made-up undo naming Ann's card makes a card of the caller's own, and leaves Ann's alone.
      const forged = await restoreOwnCard(other, {
        id: secret.id,
        lectureId: betaId,
        front: "Mine",
        back: "Mine",
        sectionKey: null,
        reversible: false,
        createdAt: T0.toISOString(),
        reviews: [],
      });
      expect(forged.id).not.toBe(secret.id);
      session.user = other;
      expect(await updateOwnCardAction(null, form({ ...edit, sectionKey: "", reversible: "" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await deleteOwnCardAction(null, { cardId: secret.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await restoreOwnCardAction(null, { backup: { id: secret.id } })).toMatchObject({ ok: false, code: "VALIDATION" });
    }
    session.user = null;
    expect(await db.studentCard.findUniqueOrThrow({ where: { id: secret.id } })).toEqual(annBefore);
    expect(await db.reviewLog.count({ where: { id: rated.logId, undoneAt: null } })).toBe(1);

    // The course's flashcards deck and the mistakes queue hold none of them, for Ann or anyone.
    for (const viewer of [ann, bob]) {
      const flashcards = await getReviewSession(viewer, betaId, "flashcards", { now: at(1) });
      const beta = (await getDeckCounts(viewer, at(1))).get(betaId);
      expect(beta.flashcards.total).toBe(flashcards.counts.total);
      expect(beta.flashcards.total).toBe(await db.flashcard.count({ where: { lectureId: betaId, retiredAt: null } }));
      expect(beta.mistakes.total).toBe(0);
      expect(JSON.stringify(flashcards)).not.toContain("secret");
    }
    // Instructors see how many, never what or whose; the class's card reviews leave own cards out.
    // Ann's two, Bob's two (his own and the forged undo's); the instructor's are not a student's.
    expect((await getClassOwnCardTotals(instructor)).get(betaId)).toEqual({ students: 2, cards: 4 });
    await expect(getClassOwnCardTotals(ann)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const beta = (await getClassProgress(instructor)).find((c) => c.lecture.id === betaId)!;
    expect(beta.rows.find((r) => r.userId === ann.id)).toMatchObject({ cardsReviewed: 0 });
    expect(beta.ownCards).toEqual({ students: 2, cards: 4 });
    expect(JSON.stringify(beta)).not.toContain("secret");
  });
});
