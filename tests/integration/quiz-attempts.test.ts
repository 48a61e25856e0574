import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getAttemptForTaking, getAttemptResult, getQuizOverview, saveAnswer, startOrResumeAttempt, submitAttempt } from "@/lib/quiz/data";
import { createUser } from "./helpers";

let quizId = "";
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
});

let keyCounter = 0;
const key = () => `save-key-${++keyCounter}-${Date.now()}`;

/** The correct option keys of each position of an attempt, read straight from the database. */
async function answerKey(attemptId: string) {
  const responses = await db.response.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, questionVersion: { select: { options: { where: { isCorrect: true }, select: { key: true } } } } },
  });
  return responses.map((r) => r.questionVersion.options.map((o) => o.key));
}

describe("taking a quiz", () => {
  it("starts one attempt, resumes it, and never shows the answer key while it is open", async () => {
    const student = await createUser();
    const ids = await Promise.all(Array.from({ length: 5 }, () => startOrResumeAttempt(student, quizId)));
    expect(new Set(ids).size).toBe(1);
    expect(await db.attempt.count({ where: { userId: student.id } })).toBe(1);

    const view = (await getAttemptForTaking(student, ids[0]!))!;
    expect(view.status).toBe("IN_PROGRESS");
    expect(view.questions.map((q) => q.position)).toEqual([0, 1]);
    expect(view.questions[1]!.options.map((o) => o.text).sort()).toEqual(["A", "E", "K", "T"]);
    const serialized = JSON.stringify(view);
    for (const secret of ["isCorrect", "fraction", "explanation", "A comes first.", "A and E are vowels."]) expect(serialized).not.toContain(secret);
    // Resuming keeps the option order.
    expect((await getAttemptForTaking(student, ids[0]!))!.questions.map((q) => q.options.map((o) => o.key))).toEqual(view.questions.map((q) => q.options.map((o) => o.key)));
    expect(await startOrResumeAttempt(student, quizId)).toBe(ids[0]);
  });

  it("saves idempotently, reports a save based on an old revision as stale, and rejects answers that are not options", async () => {
    const student = await createUser();
    const attemptId = await startOrResumeAttempt(student, quizId);
    const view = (await getAttemptForTaking(student, attemptId))!;
    expect(view.questions[0]!.revision).toBe(0);
    const [first, second] = view.questions[0]!.options.map((o) => o.key);
    const saveKey = key();
    const request = { attemptId, position: 0, chosen: [first!], flagged: true, timeSpentMs: 0, idempotencyKey: saveKey, baseRevision: 0 };
    expect(await saveAnswer(student, request)).toMatchObject({ status: "saved", revision: 1 });
    expect(await saveAnswer(student, request)).toMatchObject({ status: "saved", revision: 1 }); // a retry: same key
    expect(await saveAnswer(student, { ...request, chosen: [second!], flagged: false, idempotencyKey: key() })).toMatchObject({
      status: "stale",
      revision: 1,
      chosen: [first],
      flagged: true,
    });
    const response = await db.response.findFirstOrThrow({ where: { attemptId, position: 0 } });
    expect(response).toMatchObject({ chosenOptionKeys: [first], flagged: true, saveSeq: 1n, lastSaveKey: saveKey });
    expect((await getAttemptForTaking(student, attemptId))!.questions[0]).toMatchObject({ chosen: [first], flagged: true, revision: 1 });
    await expect(saveAnswer(student, { ...request, chosen: ["zz"], idempotencyKey: key(), baseRevision: 1 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(saveAnswer(student, { ...request, chosen: [first!, second!], idempotencyKey: key(), baseRevision: 1 })).rejects.toMatchObject({
      message: "Choose only one answer for this question.",
    });
  });

  it("scores on submission (partial credit), updates the statistics once under concurrent submissions, and then refuses changes", async () => {
    const student = await createUser();
    const attemptId = await startOrResumeAttempt(student, quizId);
    // Started a minute ago, so the 2 s claimed below is within the time that really passed.
    await db.attempt.update({ where: { id: attemptId }, data: { startedAt: new Date(Date.now() - 60_000) } });
    const keys = await answerKey(attemptId);
    await saveAnswer(student, { attemptId, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 2000, idempotencyKey: key(), baseRevision: 0 });
    // Position 1 is the vowels question (A and E right): choose only one of the two right options.
    await saveAnswer(student, { attemptId, position: 1, chosen: [keys[1]![0]!], flagged: false, timeSpentMs: 3000, idempotencyKey: key(), baseRevision: 0 });

    const before = await db.questionStat.count();
    const results = await Promise.all(Array.from({ length: 6 }, () => submitAttempt(student, attemptId, key())));
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ score: 1.5, maxScore: 2 })));

    const slot = await db.quizSlot.findFirstOrThrow({ where: { quizId, key: "first-letter" } });
    const stat = await db.questionStat.findUniqueOrThrow({ where: { slotId_variantKey_scope: { slotId: slot.id, variantKey: "", scope: "ALL" } } });
    expect(stat).toMatchObject({ n: 1, sumX: 1, sumX2: 1, sumT: 1.5, sumT2: 2.25, sumXT: 1.5, sumTimeMs: 2000 });
    expect(Object.values(stat.optionSums as Record<string, unknown>)).toEqual([{ count: 1, sumX: 1, sumT: 1.5 }]);
    expect(await db.questionStat.count()).toBe(before + 8); // 2 slots × (slot + variant) × (ALL + FIRST)
    expect(await db.quizStat.findUniqueOrThrow({ where: { quizId_scope: { quizId, scope: "FIRST" } } })).toMatchObject({ n: 1, sumT: 1.5, sumT2: 2.25 });

    expect(await saveAnswer(student, { attemptId, position: 0, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 1 })).toEqual({
      status: "closed",
      reason: "SUBMITTED",
      message: "This attempt has already been submitted, so its answers can no longer change.",
    });
    expect((await db.response.findFirstOrThrow({ where: { attemptId, position: 0 } })).chosenOptionKeys).toEqual(keys[0]);

    const result = (await getAttemptResult(student, attemptId))!;
    expect(result.score).toBe(1.5);
    expect(result.responses.map((r) => [r.isCorrect, r.mark])).toEqual([[true, 1], [false, 0.5]]);
    expect(result.responses[0]!.explanation).toBe("A comes first.");
    expect(result.responses[1]!.options.filter((o) => o.isCorrect).map((o) => o.text).sort()).toEqual(["A", "E"]);
  });

  it("keeps other students out of an attempt, by every door", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const attemptId = await startOrResumeAttempt(owner, quizId);
    expect(await getAttemptForTaking(other, attemptId)).toBeNull();
    await expect(saveAnswer(other, { attemptId, position: 0, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitAttempt(other, attemptId, key())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
    await submitAttempt(owner, attemptId, key());
    expect(await getAttemptResult(other, attemptId)).toBeNull();
    expect(await getAttemptResult(owner, attemptId)).not.toBeNull();
  });

  it("enforces the time limit on the server: a late save is refused and the attempt submitted", async () => {
    const student = await createUser();
    await db.quiz.update({ where: { id: quizId }, data: { timeLimitSeconds: 600 } });
    try {
      const attemptId = await startOrResumeAttempt(student, quizId);
      const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
      expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(600_000);
      await db.attempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
      const late = { attemptId, position: 0, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 };
      const timeUp = { status: "closed", reason: "TIME_UP", message: "Time is up for this attempt: it has been submitted with the answers saved before the limit." };
      expect(await saveAnswer(student, late)).toEqual(timeUp);
      expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "SUBMITTED", score: 0 });
      // Once submitted by the server, a save still learns that the time was up (not a manual submission).
      expect(await saveAnswer(student, { ...late, idempotencyKey: key() })).toEqual(timeUp);

      // A student who never comes back: their expired attempt is submitted when anyone opens the quiz.
      const absent = await createUser();
      const forgotten = await startOrResumeAttempt(absent, quizId);
      await db.attempt.update({ where: { id: forgotten }, data: { deadlineAt: new Date(Date.now() - 1000) } });
      await getQuizOverview(await createUser(), "alpha");
      expect(await db.attempt.findUniqueOrThrow({ where: { id: forgotten } })).toMatchObject({ status: "SUBMITTED", score: 0 });
    } finally {
      await db.quiz.update({ where: { id: quizId }, data: { timeLimitSeconds: null } });
    }
  });

  it("allows the quiz's number of attempts and reports the grade that counts", async () => {
    const student = await createUser();
    for (let i = 0; i < 3; i++) {
      const attemptId = await startOrResumeAttempt(student, quizId);
      if (i === 1) {
        const keys = await answerKey(attemptId);
        await saveAnswer(student, { attemptId, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 });
      }
      await submitAttempt(student, attemptId, key());
    }
    await expect(startOrResumeAttempt(student, quizId)).rejects.toMatchObject({ code: "FORBIDDEN", message: "You have used all 3 attempts at this quiz." });
    const overview = (await getQuizOverview(student, "alpha"))!;
    expect(overview.attempts.map((a) => [a.attemptNumber, a.score])).toEqual([[1, 0], [2, 1], [3, 0]]);
    expect(overview.counting?.attemptNumber).toBe(2); // BEST
    expect(overview).toMatchObject({ attemptsLeft: 0, canStart: false, slotCount: 2 });
  });
});

describe("practising mistakes", () => {
  it("queues the missed questions, brings a wrong one back, ends when all are right, and never touches grades or statistics", async () => {
    const { answerPracticeQuestion, getMissedQuestions, getPracticeView, startPracticeSession } = await import("@/lib/quiz/practice-data");
    const student = await createUser();
    const attemptId = await startOrResumeAttempt(student, quizId);
    const keys = await answerKey(attemptId);
    await saveAnswer(student, { attemptId, position: 1, chosen: keys[1]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 });
    await submitAttempt(student, attemptId, key()); // position 0 unanswered (missed), position 1 right

    const missed = await getMissedQuestions(student, quizId);
    expect(missed).toHaveLength(1);
    await expect(startPracticeSession({ ...student, id: (await createUser()).id }, quizId)).rejects.toMatchObject({ code: "CONFLICT" });
    const sessionId = await startPracticeSession(student, quizId);
    expect(await startPracticeSession(student, quizId)).toBe(sessionId);

    const stats = { questions: await db.questionStat.aggregate({ _sum: { n: true } }), attempts: await db.attempt.count() };
    const view = (await getPracticeView(student, sessionId))!;
    expect(view).toMatchObject({ done: false, remaining: 1 });
    expect(JSON.stringify(view)).not.toMatch(/isCorrect|explanation|fraction/);
    const correct = (await db.questionOption.findMany({ where: { questionVersionId: missed[0], isCorrect: true } })).map((o) => o.key);
    const wrong = view.question!.options.map((o) => o.key).filter((k) => !correct.includes(k));

    const first = await answerPracticeQuestion(student, { sessionId, questionVersionId: missed[0]!, chosen: [wrong[0]!] });
    expect(first).toMatchObject({ isCorrect: false, correctKeys: correct, explanation: "A comes first.", sectionKey: "basics", remaining: 1, done: false });
    await expect(answerPracticeQuestion(await createUser(), { sessionId, questionVersionId: missed[0]!, chosen: correct })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const second = await answerPracticeQuestion(student, { sessionId, questionVersionId: missed[0]!, chosen: correct });
    expect(second).toMatchObject({ isCorrect: true, remaining: 0, done: true });
    expect(await getPracticeView(student, sessionId)).toMatchObject({ done: true, answered: 2, correct: 1 });
    // The missed question's card in the mistakes queue: Again at submission, then Again and Good in practice.
    const questionId = (await db.questionVersion.findUniqueOrThrow({ where: { id: missed[0]! } })).questionId;
    const card = await db.reviewCard.findFirstOrThrow({ where: { userId: student.id, kind: "MISTAKE", questionId }, select: { reps: true, logs: { orderBy: { reviewedAt: "asc" }, select: { rating: true } } } });
    expect(card).toEqual({ reps: 3, logs: [{ rating: "AGAIN" }, { rating: "AGAIN" }, { rating: "GOOD" }] });

    expect({ questions: await db.questionStat.aggregate({ _sum: { n: true } }), attempts: await db.attempt.count() }).toEqual(stats);
  });
});
