import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getLectureContent, recordSectionRead } from "@/lib/lectures/data";
import { saveListeningProgress } from "@/lib/podcast/data";
import { scriptHash } from "@/lib/podcast/timing-file";
import { getClassProgress } from "@/lib/progress/class-data";
import { getMyProgress } from "@/lib/progress/data";
import { getAttemptForTaking } from "@/lib/quiz/data";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { getReviewSession, rateReviewCard, undoRating } from "@/lib/review/data";
import { NEW_CARDS_PER_DAY } from "@/lib/review/queue";
import { getDeckCounts } from "@/lib/review/summaries";
import { createUser } from "./helpers";

const podcastDir = mkdtempSync(path.join(os.tmpdir(), "progress-test-"));
let alphaId = "";
let quizId = "";
let episodeId = "";
let counter = 0;
const key = () => `test-key-${++counter}-${Date.now()}`;

beforeAll(async () => {
  process.env.PODCAST_DIR = podcastDir;
  const tree = readContentTree(path.resolve(import.meta.dirname, "../fixtures/content"));
  await loadContentTree(db, tree);
  alphaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id;
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
  episodeId = (await db.podcastEpisode.findFirstOrThrow({ where: { lecture: { slug: "beta" } } })).id;
  // Beta's episode "built": 200 seconds long.
  const script = tree.lectures.find((l) => l.lecture.slug === "beta")!.podcast!;
  mkdirSync(path.join(podcastDir, "beta"), { recursive: true });
  writeFileSync(path.join(podcastDir, "beta", "episode-bbbbbbbbbbbb.mp3"), "ID3\0");
  writeFileSync(
    path.join(podcastDir, "beta", "timing.json"),
    JSON.stringify({
      version: 1,
      scriptHash: scriptHash(script),
      buildHash: "b".repeat(64),
      audioFile: "episode-bbbbbbbbbbbb.mp3",
      audioBytes: 4,
      mimeType: "audio/mpeg",
      duration: 200,
      lines: [
        { start: 0, end: 90 },
        { start: 90.35, end: 200 },
      ],
      chapters: [{ key: "intro", start: 0, end: 200 }],
    }),
  );
});

afterAll(() => {
  delete process.env.PODCAST_DIR;
  rmSync(podcastDir, { recursive: true, force: true });
});

const T0 = new Date("2026-05-04T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function cardRow(userId: string, flashcardId: string) {
  return db.reviewCard.findUnique({
    where: { userId_flashcardId: { userId, flashcardId } },
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
}

/** Takes alpha's quiz: answers each question rightly when `right(position)` says so, then submits. */
async function takeQuiz(student: Awaited<ReturnType<typeof createUser>>, right: (position: number) => boolean) {
  const attemptId = (await startOrResumeAttempt(student, quizId)).id;
  const responses = await db.response.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, questionVersion: { select: { questionId: true, options: { select: { key: true, isCorrect: true } } } } },
  });
  await getAttemptForTaking(student, attemptId);
  for (const r of responses) {
    const chosen = r.questionVersion.options
      .filter((o) => o.isCorrect === right(r.position))
      .map((o) => o.key)
      .slice(0, right(r.position) ? undefined : 1);
    await saveAnswer(student, { attemptId, position: r.position, chosen, flagged: false, timeSpentMs: 1000, idempotencyKey: key(), baseRevision: 0 });
  }
  await submitAttempt(student, attemptId, key());
  return { attemptId, questionIds: responses.map((r) => r.questionVersion.questionId) };
}

describe("flashcard review", () => {
  it("shows the same card until it is rated, counts a repeated rating once, and undo restores the card exactly", async () => {
    const student = await createUser();
    const first = await getReviewSession(student, alphaId, "flashcards", { now: T0 });
    expect(first.counts).toEqual({ total: 2, dueToday: 0, learning: 0, learned: 0, new: 2, newLeftToday: 2 });
    expect(first.current).toMatchObject({ front: "A", back: "The first letter.", state: "NEW", sectionKey: "basics", topic: "Basics" });
    expect(Object.values(first.current!.previews).map((p) => p.label)).toEqual(["1m", "6m", "10m", "8d"]);
    // A reload shows the same card.
    expect((await getReviewSession(student, alphaId, "flashcards", { now: at(1) })).current!.itemId).toBe(first.current!.itemId);

    const cardId = first.current!.itemId;
    const ratingKey = key();
    const rated = await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: cardId, rating: "GOOD", idempotencyKey: ratingKey }, T0);
    const again = await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: cardId, rating: "GOOD", idempotencyKey: ratingKey }, at(1));
    expect(again.logId).toBe(rated.logId);
    expect(await db.reviewLog.count({ where: { userId: student.id } })).toBe(1);
    expect(await cardRow(student.id, cardId)).toMatchObject({ state: "LEARNING", reps: 1, due: at(10) });
    expect(rated.session.current!.front).toBe("E");
    expect(rated.session.counts).toMatchObject({ learning: 1, new: 1, newLeftToday: 1, dueToday: 1 });

    // Rate E, then undo: E is exactly as before (a new card), and shown again.
    const eId = rated.session.current!.itemId;
    const beforeE = { state: "NEW", reps: 0 };
    const ratedE = await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: eId, rating: "EASY", idempotencyKey: key() }, at(2));
    expect(await cardRow(student.id, eId)).toMatchObject({ state: "REVIEW", reps: 1 });
    const undone = await undoRating(student, ratedE.logId, at(3));
    expect(await cardRow(student.id, eId)).toEqual({
      due: at(2),
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: "NEW",
      lastReview: null,
    });
    expect(undone.session.current!.itemId).toBe(eId);
    expect(undone.session.current!.state).toBe(beforeE.state);
    expect(undone.session.counts).toMatchObject({ new: 1, newLeftToday: 1 });
    // Undoing twice changes nothing more; the first card's rating can still be undone (it is its latest).
    await undoRating(student, ratedE.logId, at(4));
    expect(await db.reviewLog.count({ where: { userId: student.id, undoneAt: null } })).toBe(1);

    // Undo restores a reviewed card exactly too.
    const before = await cardRow(student.id, cardId);
    const second = await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: cardId, rating: "AGAIN", idempotencyKey: key() }, at(11));
    expect(await cardRow(student.id, cardId)).not.toEqual(before);
    await expect(undoRating(student, rated.logId, at(12))).rejects.toMatchObject({ code: "CONFLICT" });
    await undoRating(student, second.logId, at(12));
    expect(await cardRow(student.id, cardId)).toEqual(before);
  });

  it("keeps each student's reviews to themselves", async () => {
    const [ann, bob] = [await createUser(), await createUser()];
    const session = await getReviewSession(ann, alphaId, "flashcards", { now: T0 });
    const rated = await rateReviewCard(
      ann,
      { lectureId: alphaId, deck: "flashcards", itemId: session.current!.itemId, rating: "GOOD", idempotencyKey: key() },
      T0,
    );
    await expect(undoRating(bob, rated.logId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.reviewLog.count({ where: { id: rated.logId, undoneAt: null } })).toBe(1);
    expect((await getReviewSession(bob, alphaId, "flashcards", { now: T0 })).counts.new).toBe(2);
    // A rating key is per student: Bob reusing Ann's key rates his own card.
    const bobSession = await getReviewSession(bob, alphaId, "flashcards", { now: T0 });
    await rateReviewCard(
      bob,
      { lectureId: alphaId, deck: "flashcards", itemId: bobSession.current!.itemId, rating: "GOOD", idempotencyKey: "shared-key-1234" },
      T0,
    );
    await rateReviewCard(
      ann,
      { lectureId: alphaId, deck: "flashcards", itemId: session.current!.itemId, rating: "GOOD", idempotencyKey: "shared-key-1234" },
      at(10),
    );
    expect(await db.reviewLog.count({ where: { userId: bob.id } })).toBe(1);
    expect(await db.reviewLog.count({ where: { userId: ann.id } })).toBe(2);
    // Nobody can rate a card of another lecture or a made-up one.
    await expect(
      rateReviewCard(ann, { lectureId: alphaId, deck: "flashcards", itemId: "no-such-card", rating: "GOOD", idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("introduces at most the daily limit of new cards", async () => {
    expect(NEW_CARDS_PER_DAY).toBe(20);
    const student = await createUser();
    // Alpha has only 2 cards; the limit shows as the smaller of the two.
    expect((await getReviewSession(student, alphaId, "flashcards", { now: T0 })).counts.newLeftToday).toBe(2);
    // Twenty ratings of new cards today (recorded directly), and the limit is reached.
    const card = await db.flashcard.findFirstOrThrow({ where: { lectureId: alphaId, key: "alpha-fc-e" } });
    const reviewCard = await db.reviewCard.create({
      data: {
        userId: student.id,
        kind: "FLASHCARD",
        flashcardId: card.id,
        lectureId: alphaId,
        due: at(600),
        state: "REVIEW",
        stability: 5,
        difficulty: 5,
        reps: 1,
        lastReview: T0,
      },
    });
    await db.reviewLog.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        userId: student.id,
        reviewCardId: reviewCard.id,
        rating: "GOOD" as const,
        state: "NEW" as const,
        due: T0,
        stability: 0,
        difficulty: 0,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: 0,
        learningSteps: 0,
        reviewedAt: at(i),
        previousCard: {},
        idempotencyKey: `${student.id}:limit-${i}`,
      })),
    });
    const session = await getReviewSession(student, alphaId, "flashcards", { now: at(30) });
    expect(session.counts.newLeftToday).toBe(0);
    expect(session.current).toBeNull();
    expect(session.nextDue).toBe(at(600).toISOString());
    // The next day the allowance is back.
    const tomorrow = await getReviewSession(student, alphaId, "flashcards", { now: new Date("2026-05-05T08:00:00.000Z") });
    expect(tomorrow.counts.newLeftToday).toBe(1);
    expect(tomorrow.current!.front).toBe("E"); // the review card due since yesterday evening comes before the new one
  });
});

describe("deck counts for every lecture", () => {
  it("counts each deck in one grouped query exactly as the review session counts it", async () => {
    const student = await createUser();
    const betaId = (await db.lecture.findUniqueOrThrow({ where: { slug: "beta" } })).id;
    const first = await getReviewSession(student, alphaId, "flashcards", { now: T0 });
    await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: first.current!.itemId, rating: "GOOD", idempotencyKey: key() }, T0);
    const second = await getReviewSession(student, alphaId, "flashcards", { now: at(1) });
    await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: second.current!.itemId, rating: "EASY", idempotencyKey: key() }, at(1));
    await takeQuiz(student, (position) => position === 0); // one mistake in alpha

    for (const now of [at(2), at(20), new Date("2026-05-20T08:00:00.000Z")]) {
      const decks = await getDeckCounts(student, now);
      const [flashcards, mistakes, betaCards] = await Promise.all([
        getReviewSession(student, alphaId, "flashcards", { now }),
        getReviewSession(student, alphaId, "mistakes", { now }),
        getReviewSession(student, betaId, "flashcards", { now }),
      ]);
      expect(decks.get(alphaId).flashcards).toEqual(flashcards.counts);
      // The progress pages have always offered no new mistakes (the session's allowance is for flashcards).
      expect(decks.get(alphaId).mistakes).toEqual({ ...mistakes.counts, newLeftToday: 0 });
      expect(decks.get(betaId).flashcards).toEqual(betaCards.counts);
    }
    // A (Good at T0) is learning, due 10 minutes later; E (Easy) is learned, due in 8 days.
    const alphaDecks = (await getDeckCounts(student, at(2))).get(alphaId);
    expect(alphaDecks.flashcards).toEqual({ total: 2, dueToday: 1, learning: 1, learned: 1, new: 0, newLeftToday: 0 });
    expect(alphaDecks.mistakes).toMatchObject({ total: 1, learning: 1, learned: 0, new: 0, newLeftToday: 0 });
    const empty = { total: 0, dueToday: 0, learning: 0, learned: 0, new: 0, newLeftToday: 0 };
    expect((await getDeckCounts(student, at(2))).get("no-such-lecture")).toEqual({ flashcards: empty, mistakes: empty, own: empty });
  });
});

describe("the mistakes queue", () => {
  it("adds each missed question (Again) at submission, and a later right answer reschedules it (Good)", async () => {
    const student = await createUser();
    const { attemptId, questionIds } = await takeQuiz(student, (position) => position === 0);
    const mistakes = await db.reviewCard.findMany({
      where: { userId: student.id, kind: "MISTAKE" },
      select: { questionId: true, state: true, reps: true, lapses: true, logs: { select: { rating: true, idempotencyKey: true } } },
    });
    expect(mistakes).toEqual([
      {
        questionId: questionIds[1],
        state: "LEARNING",
        reps: 1,
        lapses: 0,
        logs: [{ rating: "AGAIN", idempotencyKey: `${student.id}:attempt:${attemptId}:${questionIds[1]}` }],
      },
    ]);

    const session = await getReviewSession(student, alphaId, "mistakes", { now: new Date(Date.now() + 2 * 60_000) });
    expect(session.counts).toMatchObject({ total: 1, learning: 1 });
    expect(session.current).toMatchObject({
      front: "Which of these are vowels?",
      back: "A\nE",
      options: ["A", "E", "K", "T"],
      explanation: "A and E are vowels.",
      sectionKey: "more",
      topic: "More",
    });

    // The second attempt gets it right: the card is rated Good; the first question, right again, stays out.
    await takeQuiz(student, () => true);
    const after = await db.reviewCard.findMany({
      where: { userId: student.id, kind: "MISTAKE" },
      select: { questionId: true, reps: true, logs: { orderBy: { reviewedAt: "asc" }, select: { rating: true } } },
    });
    expect(after).toEqual([{ questionId: questionIds[1], reps: 2, logs: [{ rating: "AGAIN" }, { rating: "GOOD" }] }]);
  });
});

describe("progress", () => {
  it("adds up a scripted journey exactly, for the student and for the instructor", async () => {
    const student = await createUser();
    const idle = await createUser();
    const alpha = (await getLectureContent(student, "alpha"))!;
    const beta = (await getLectureContent(student, "beta"))!;
    const now = new Date();

    // Nothing done yet: the next step is the first section.
    expect((await getMyProgress(student, now)).nextStep).toMatchObject({ kind: "read-section", href: "/lectures/alpha#basics" });

    await recordSectionRead(student, alpha.sections[0]!.id);
    await recordSectionRead(student, alpha.sections[1]!.id);
    await recordSectionRead(student, beta.sections[0]!.id);
    await saveListeningProgress(student, { episodeId, position: 50, heard: [[0, 50]], seeked: false });
    await takeQuiz(student, (position) => position === 0); // 1 of 2
    await takeQuiz(student, () => true); // 2 of 2
    const session = await getReviewSession(student, alphaId, "flashcards", { now });
    await rateReviewCard(student, { lectureId: alphaId, deck: "flashcards", itemId: session.current!.itemId, rating: "EASY", idempotencyKey: key() }, now);

    const progress = await getMyProgress(student, now);
    const [a, b] = progress.lectures;
    expect(a).toMatchObject({
      slug: "alpha",
      sectionsRead: 2,
      sectionCount: 2,
      hasPodcast: false,
      podcastPercent: null,
      quiz: { attemptsUsed: 2, attemptsAllowed: 3, bestPercent: 100, lastPercent: 100 },
      flashcards: { total: 2, learned: 1, new: 1, learning: 0, dueToday: 0, newLeftToday: 1 },
      mistakes: { total: 1, learning: 1, learned: 0 }, // Again, then Good: the second learning step
    });
    expect(b).toMatchObject({
      slug: "beta",
      sectionsRead: 1,
      sectionCount: 1,
      hasPodcast: true,
      podcastPercent: 25,
      quiz: { attemptsUsed: 0, attemptsAllowed: null, bestPercent: null, lastPercent: null },
    });
    // Mastery: "basics" from two right answers and the Easy card (recall 1 today): (1 + 1 + 1) / (2 + 1 + 1) = 0.75.
    const basics = a!.topics.find((t) => t.topic === "basics")!;
    expect(basics).toMatchObject({ answers: 2, cards: 1, sectionKey: "basics" });
    expect(basics.mastery).toBeCloseTo(0.75, 6);
    // "more": wrong, then right; its mistake card is still in its learning steps, so it says nothing yet: (0 + 1) / (2 + 1) = 1/3.
    const more = a!.topics.find((t) => t.topic === "more")!;
    expect(more).toMatchObject({ answers: 2, cards: 0 });
    expect(more.mastery).toBeCloseTo(1 / 3, 6);
    // Beta's notes are read and its quiz untaken: that comes before strengthening Alpha's weakest topic.
    expect(progress.nextStep).toMatchObject({ kind: "take-quiz", href: "/lectures/beta/quiz" });

    const instructor = await createUser("INSTRUCTOR");
    const classes = await getClassProgress(instructor, { sort: "bestPercent", dir: "desc" });
    const alphaClass = classes.find((c) => c.lecture.slug === "alpha")!;
    const mine = alphaClass.rows.find((r) => r.userId === student.id)!;
    expect(mine).toMatchObject({ sectionsRead: 2, attempts: 2, bestPercent: 100, cardsReviewed: 1, podcastPercent: null });
    expect(alphaClass.rows.find((r) => r.userId === idle.id)).toMatchObject({
      sectionsRead: 0,
      attempts: 0,
      bestPercent: null,
      cardsReviewed: 0,
      lastActive: null,
    });
    // Sorted by best score, highest first, students without a score last.
    const bests = alphaClass.rows.map((r) => r.bestPercent);
    expect(bests.indexOf(null) === -1 || bests.slice(bests.indexOf(null)).every((x) => x === null)).toBe(true);
    const betaClass = classes.find((c) => c.lecture.slug === "beta")!;
    expect(betaClass.rows.find((r) => r.userId === student.id)).toMatchObject({ sectionsRead: 1, podcastPercent: 25 });
    expect(betaClass.listened).toBeGreaterThanOrEqual(1);

    // Students never see the class.
    await expect(getClassProgress(student)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
