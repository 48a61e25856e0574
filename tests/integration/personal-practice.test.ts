// The personal practice quiz on Lecture 1's bank, for simulated students in a simulated class
// (./practice-class.ts): the class answers from a Rasch model with known difficulties; each scripted
// student's history is one submitted attempt with two topics all wrong and the rest all right.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { estimateAbility } from "@/lib/practice/personal/difficulty";
import { getBankCalibration } from "@/lib/practice/personal/difficulty-data";
import { getPersonalPracticeOptions, getPracticeSessionView, startPersonalPractice } from "@/lib/practice/personal/data";
import { loadPracticeBank } from "@/lib/practice/personal/internal/bank";
import { personalSettings, type PersonalSettings, type StartPersonalPracticeInput } from "@/lib/practice/personal/schemas";
import { successProbability } from "@/lib/practice/personal/select";
import { answerPracticeQuestion, getPracticeView, startPracticeSession } from "@/lib/quiz/practice-data";
import { REQUEUE_GAP } from "@/lib/quiz/practice";
import { seededRandom } from "@/lib/random";
import { createUser } from "./helpers";
import { prepareSimulatedClass, SLUG, WEAK } from "./practice-class";

let lectureId = "";
let quizId = "";
let trueDifficulty = new Map<string, number>();
let topicOf = new Map<string, string>();
const students: Record<string, SessionUser> = {};

const settingsOf = async (sessionId: string): Promise<PersonalSettings> =>
  personalSettings.parse((await db.practiceSession.findUniqueOrThrow({ where: { id: sessionId }, select: { settings: true } })).settings);

const request = (overrides: Partial<StartPersonalPracticeInput> = {}): StartPersonalPracticeInput => ({
  lectureSlug: SLUG,
  topics: "weak",
  length: 10,
  mode: "review",
  restart: false,
  ...overrides,
});

/** The questions of the student's latest attempt. */
async function attemptQuestions(userId: string): Promise<Set<string>> {
  const rows = await db.response.findMany({ where: { attempt: { userId } }, select: { questionVersion: { select: { questionId: true } } } });
  return new Set(rows.map((r) => r.questionVersion.questionId));
}

/** Answers the session's questions through the app, right when `right(questionId)` says; returns the outcomes. */
async function answerSession(student: SessionUser, sessionId: string, right: (questionId: string) => boolean) {
  const outcomes: { questionId: string; correct: boolean }[] = [];
  for (;;) {
    const view = (await getPracticeSessionView(student, sessionId))!;
    if (view.done) return { view, outcomes };
    const version = await db.questionVersion.findUniqueOrThrow({
      where: { id: view.question!.id },
      select: { questionId: true, options: { select: { key: true, isCorrect: true } } },
    });
    const correct = right(version.questionId);
    const chosen = correct ? version.options.filter((o) => o.isCorrect).map((o) => o.key) : [version.options.find((o) => !o.isCorrect)!.key];
    const result = await answerPracticeQuestion(student, { sessionId, questionVersionId: view.question!.id, chosen });
    expect(result.isCorrect).toBe(correct);
    outcomes.push({ questionId: version.questionId, correct });
  }
}

const countRows = async () => ({
  attempts: await db.attempt.count(),
  responses: await db.response.count(),
  questionStats: await db.questionStat.count(),
  quizStats: await db.quizStat.count(),
});

beforeAll(async () => {
  const simulated = await prepareSimulatedClass();
  ({ lectureId, quizId, trueDifficulty, topicOf } = simulated);
  // The scripted students, all before any difficulty is estimated: the class's first attempts are
  // then the same whenever (and however often) the cached estimate is made.
  for (const [name, seed] of [
    ["review", 1],
    ["stretch", 1],
    ["sessions", 2],
    ["chosen", 3],
    ["owner", 4],
    ["mistakes", 5],
  ] as const) {
    students[name] = await simulated.scriptedStudent(seed);
  }
});

describe("a personal practice quiz of my weak spots", () => {
  it("draws from the student's weakest topics at the chosen success rate, and a Rasch student of their ability gets about that", async () => {
    const student = students.review!;
    const options = (await getPersonalPracticeOptions(student, SLUG))!;
    expect(options.totalQuestions).toBe(70);
    expect(options.weakTopics[10].map((t) => t.key).sort()).toEqual([...WEAK].sort());
    expect(
      options.topics
        .filter((t) => t.label === "Needs work")
        .map((t) => t.key)
        .sort(),
    ).toEqual([...WEAK].sort());
    expect(options.topics.find((t) => t.key === "data-models")).toMatchObject({ questions: 15, mastery: 0 });

    const started = await startPersonalPractice(student, SLUG, request(), { seed: 11 });
    expect(started.resumed).toBe(false);
    const session = await db.practiceSession.findUniqueOrThrow({
      where: { id: started.sessionId },
      select: { kind: true, quizId: true, lectureId: true, userId: true },
    });
    expect(session).toEqual({ kind: "PERSONAL", quizId: null, lectureId, userId: student.id });
    const settings = await settingsOf(started.sessionId);
    expect(settings.items).toHaveLength(10);
    expect(settings.topics.map((t) => t.key).sort()).toEqual([...WEAK].sort());
    // Every question is of a weak topic, the topics alternate, and none was in the latest attempt.
    const topics = settings.items.map((i) => topicOf.get(i.questionId)!);
    expect(topics.every((t) => WEAK.includes(t))).toBe(true);
    expect(topics.filter((t, i) => i > 0 && t === topics[i - 1])).toEqual([]);
    const seen = await attemptQuestions(student.id);
    expect(settings.items.filter((i) => seen.has(i.questionId))).toEqual([]);
    expect(settings).toMatchObject({ reusedSeen: 0, short: false, target: 0.7, request: { topics: "weak", length: 10, mode: "review" } });

    // The same difficulties and ability, computed again: the stored expected rate is theirs, and on target.
    const bank = (await loadPracticeBank(SLUG, student.id))!;
    const calibration = await getBankCalibration(
      student,
      lectureId,
      bank.questions.map((q) => q.questionId),
    );
    expect([...calibration.difficulties.values()].filter((d) => d.source === "rasch").length).toBeGreaterThan(60);
    const own = await db.response.findMany({
      where: { attempt: { userId: student.id } },
      select: { isCorrect: true, questionVersion: { select: { questionId: true } } },
    });
    const ability = estimateAbility(
      own.map((r) => ({ difficulty: calibration.difficulties.get(r.questionVersion.questionId)!.difficulty, right: r.isCorrect === true })),
      calibration.classAbility,
    );
    expect(settings.ability).toBeCloseTo(ability, 9);
    const expected = settings.items.reduce((s, i) => s + successProbability(ability, calibration.difficulties.get(i.questionId)!.difficulty), 0) / 10;
    expect(settings.expectedRate).toBeCloseTo(expected, 9);
    expect(Math.abs(settings.expectedRate - 0.7)).toBeLessThanOrEqual(0.05);
    console.info(`review: ability ${ability.toFixed(3)}, expected success ${(settings.expectedRate * 100).toFixed(1)} %`);

    // A Rasch student of that ability answers the picked questions (their true difficulties) 500 times.
    const random = seededRandom(7);
    let right = 0;
    for (let round = 0; round < 500; round++)
      for (const item of settings.items) if (random() < successProbability(ability, trueDifficulty.get(item.questionId)!)) right++;
    const observed = right / 5000;
    console.info(`review: observed success over 5,000 simulated answers ${(observed * 100).toFixed(1)} %`);
    // The target's band (±5 points) plus the estimates' error and the simulation's (±3 SE ≈ 2 points).
    expect(Math.abs(observed - 0.7)).toBeLessThanOrEqual(0.08);

    // Answered once through the app by the same simulated student: each question once, wrong ones not again.
    const before = await countRows();
    const answerRandom = seededRandom(4);
    const { view, outcomes } = await answerSession(student, started.sessionId, (q) => answerRandom() < successProbability(ability, trueDifficulty.get(q)!));
    expect(outcomes.map((o) => o.questionId)).toEqual(settings.items.map((i) => i.questionId));
    const correct = outcomes.filter((o) => o.correct).length;
    console.info(`review: through the app, ${correct} of 10 right`);
    expect(correct).toBeGreaterThan(0);
    expect(correct).toBeLessThan(10); // some wrong: the mistakes queue below has something to show
    expect(view).toMatchObject({ done: true, answered: 10, correct, askOnce: true, personal: { target: 0.7, total: 10, abandoned: false } });
    // Practice never makes an attempt, a response or a class statistic...
    expect(await countRows()).toEqual(before);
    // ...but feeds the mistakes queue: each question answered wrong is now in it, and no right one is.
    const cards = await db.reviewCard.findMany({
      where: { userId: student.id, kind: "MISTAKE", questionId: { in: outcomes.map((o) => o.questionId) } },
      select: { questionId: true },
    });
    expect(cards.map((c) => c.questionId).sort()).toEqual(
      outcomes
        .filter((o) => !o.correct)
        .map((o) => o.questionId)
        .sort(),
    );
    expect((await db.practiceSession.findUniqueOrThrow({ where: { id: started.sessionId } })).completedAt).not.toBeNull();

    // The questions just asked now count as seen: of the 25 weak-topic questions, 13 were in the
    // attempt and 10 in that session, so the next quiz has the 2 unseen ones and 8 seen again (and says so).
    const next = await startPersonalPractice(student, SLUG, request(), { seed: 12 });
    const nextSettings = await settingsOf(next.sessionId);
    expect(nextSettings.items.every((i) => WEAK.includes(topicOf.get(i.questionId)!))).toBe(true);
    expect(nextSettings).toMatchObject({ reusedSeen: 8, short: false });
    const asked = new Set(settings.items.map((i) => i.questionId));
    expect(nextSettings.items.filter((i) => !seen.has(i.questionId) && !asked.has(i.questionId))).toHaveLength(2);
    expect(nextSettings.expectedRate).toBeCloseTo(nextSettings.items.reduce((s, i) => s + i.predicted, 0) / 10, 12);
  });

  it("aims lower when asked to stretch", async () => {
    // The same history as the review student's. Five questions: the 12 unseen weak-topic questions
    // cannot have ten that average 70 % for review and ten that average 50 % for stretch as well.
    const student = students.stretch!;
    const { sessionId } = await startPersonalPractice(student, SLUG, request({ mode: "stretch", length: 5 }), { seed: 11 });
    const settings = await settingsOf(sessionId);
    console.info(`stretch: ability ${settings.ability.toFixed(3)}, expected success ${(settings.expectedRate * 100).toFixed(1)} %`);
    expect(settings).toMatchObject({ target: 0.5, reusedSeen: 0, short: false });
    expect(settings.items.every((i) => WEAK.includes(topicOf.get(i.questionId)!))).toBe(true);
    expect(Math.abs(settings.expectedRate - 0.5)).toBeLessThanOrEqual(0.05);
    expect(settings.expectedRate).toBeLessThan(0.6);
    const random = seededRandom(8);
    let right = 0;
    for (let round = 0; round < 1000; round++)
      for (const item of settings.items) if (random() < successProbability(settings.ability, trueDifficulty.get(item.questionId)!)) right++;
    console.info(`stretch: observed success over 5,000 simulated answers ${((right / 5000) * 100).toFixed(1)} %`);
    expect(Math.abs(right / 5000 - 0.5)).toBeLessThanOrEqual(0.08);
  });

  it("avoids the last session's questions in the next, resumes the open one, and ends it when asked to start a new one", async () => {
    const student = students.sessions!;
    const first = await startPersonalPractice(student, SLUG, request({ length: 5 }), { seed: 1 });
    // Starting again resumes the open session, whatever is asked.
    expect(await startPersonalPractice(student, SLUG, request({ length: 20, mode: "stretch" }))).toEqual({ sessionId: first.sessionId, resumed: true });
    const firstView = (await getPracticeSessionView(student, first.sessionId))!;
    await answerPracticeQuestion(student, { sessionId: first.sessionId, questionVersionId: firstView.question!.id, chosen: ["a"] });
    expect((await getPersonalPracticeOptions(student, SLUG))!.open).toMatchObject({ id: first.sessionId, answered: 1, total: 5 });

    const second = await startPersonalPractice(student, SLUG, request({ length: 5, restart: true }), { seed: 1 });
    expect(second.resumed).toBe(false);
    expect(second.sessionId).not.toBe(first.sessionId);
    const ended = await db.practiceSession.findUniqueOrThrow({ where: { id: first.sessionId }, select: { completedAt: true, state: true } });
    expect(ended.completedAt).not.toBeNull();
    expect(ended.state).toMatchObject({ queue: [], answered: 1, abandoned: true });
    await expect(
      answerPracticeQuestion(student, { sessionId: first.sessionId, questionVersionId: firstView.question!.id, chosen: ["a"] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await getPracticeSessionView(student, first.sessionId))!).toMatchObject({ done: true, personal: { abandoned: true } });

    const [a, b] = [await settingsOf(first.sessionId), await settingsOf(second.sessionId)];
    const seen = await attemptQuestions(student.id);
    const firstIds = new Set(a.items.map((i) => i.questionId));
    expect(b.items.filter((i) => firstIds.has(i.questionId) || seen.has(i.questionId))).toEqual([]);
    expect(b.reusedSeen).toBe(0);
    const options = (await getPersonalPracticeOptions(student, SLUG))!;
    expect(options.open?.id).toBe(second.sessionId);
    expect(options.recent.map((r) => [r.id, r.abandoned, r.answered])).toEqual([[first.sessionId, true, 1]]);
  });

  it("draws chosen topics only, and says so when they have no questions or are not the lecture's", async () => {
    const student = students.chosen!;
    const started = await startPersonalPractice(student, SLUG, request({ topics: ["etl", "data-sources"], length: 5 }), { seed: 5 });
    const settings = await settingsOf(started.sessionId);
    // Two topics of two questions each: a short quiz of the four, all seen in the attempt.
    expect(settings.items.map((i) => topicOf.get(i.questionId)).sort()).toEqual(["data-sources", "data-sources", "etl", "etl"]);
    expect(settings).toMatchObject({ short: true, reusedSeen: 4 });
    await expect(startPersonalPractice(student, SLUG, request({ topics: ["no-such-topic"], restart: true }))).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { topics: ["Not a topic of this lecture: no-such-topic."] },
    });
    const course = await db.lecture.findUniqueOrThrow({ where: { id: lectureId }, select: { courseId: true } });
    const empty = await db.topic.create({ data: { courseId: course.courseId, lectureId, key: "empty-topic", name: "Empty" } });
    try {
      await expect(startPersonalPractice(student, SLUG, request({ topics: ["empty-topic"], restart: true }))).rejects.toMatchObject({
        code: "CONFLICT",
        message: "No questions in these topics yet.",
      });
    } finally {
      await db.topic.delete({ where: { id: empty.id } });
    }
    await expect(startPersonalPractice(student, "no-such-lecture", request())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("belongs to its student: another cannot open or answer it", async () => {
    const student = students.owner!;
    const { sessionId } = await startPersonalPractice(student, SLUG, request(), { seed: 2 });
    const view = (await getPracticeSessionView(student, sessionId))!;
    const other = await createUser();
    expect(await getPracticeSessionView(other, sessionId)).toBeNull();
    expect(await getPracticeView(other, sessionId)).toBeNull();
    await expect(answerPracticeQuestion(other, { sessionId, questionVersionId: view.question!.id, chosen: ["a"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The other student's own options know nothing of it.
    expect((await getPersonalPracticeOptions(other, SLUG))!).toMatchObject({ open: null, recent: [] });
    expect((await getPracticeSessionView(student, sessionId))!.answered).toBe(0);
  });

  it("leaves 'practise my mistakes' as it was: the missed questions, a wrong one back behind three others", async () => {
    const student = students.mistakes!;
    const sessionId = await startPracticeSession(student, quizId);
    const view = (await getPracticeSessionView(student, sessionId))!;
    expect(view).toMatchObject({ kind: "MISTAKES", askOnce: false, personal: null, remaining: 13 });
    const state = (await db.practiceSession.findUniqueOrThrow({ where: { id: sessionId }, select: { state: true } })).state as { queue: string[] };
    expect(Object.keys(state).sort()).toEqual(["answered", "correct", "queue"]);
    const current = view.question!.id;
    const wrong = (await db.questionOption.findFirstOrThrow({ where: { questionVersionId: current, isCorrect: false } })).key;
    const result = await answerPracticeQuestion(student, { sessionId, questionVersionId: current, chosen: [wrong] });
    expect(result).toMatchObject({ isCorrect: false, remaining: 13, done: false });
    const after = (await db.practiceSession.findUniqueOrThrow({ where: { id: sessionId }, select: { state: true } })).state as { queue: string[] };
    expect(after.queue.indexOf(current)).toBe(REQUEUE_GAP);
    expect(after).toEqual({ queue: after.queue, answered: 1, correct: 0 });
  });
});

describe("questions a quiz still holds", () => {
  it("are left out until the student has submitted an attempt at that quiz: practice would show their keys", async () => {
    const newcomer = await createUser();
    const held = await db.quizSlotVariant.findMany({
      where: { slot: { quiz: { lecture: { slug: SLUG } } } },
      distinct: ["questionId"],
      select: { questionId: true },
    });
    expect(held.length).toBeGreaterThan(0);
    const options = await getPersonalPracticeOptions(newcomer, SLUG);
    expect(options).toMatchObject({ heldForQuizzes: held.length });
    const bank = (await loadPracticeBank(SLUG, newcomer.id))!;
    // Lecture 1's quiz holds every question of its bank.
    expect(bank.questions).toEqual([]);
    await expect(startPersonalPractice(newcomer, SLUG, request(), { seed: 1 })).rejects.toThrow(/Submit an attempt at the quiz first/);
  });
});
