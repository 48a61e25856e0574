import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { optionsOf } from "@/lib/quiz/question-display";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { foldPendingStatistics } from "@/lib/analytics/internal/fold";
import { db } from "@/lib/db";
import { getAttemptForTaking, getAttemptResult, getQuizOverview } from "@/lib/quiz/data";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { sweepOverdueAttemptsUnchecked } from "@/lib/quiz/submission/internal/sweep";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";
import { createUser } from "./helpers";

let quizId = "";
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
});

let keyCounter = 0;
const key = () => `save-key-${++keyCounter}-${Date.now()}`;

type OptionSums = Record<string, { count: number; sumX: number; sumT: number }>;

/** What a row's option sums gained since `before`: the options whose sums changed, by how much. */
function keysOfRow(after: unknown, before: unknown): OptionSums {
  const [a, b] = [after as OptionSums, (before ?? {}) as OptionSums];
  const gained: OptionSums = {};
  for (const [k, v] of Object.entries(a)) {
    const was = b[k] ?? { count: 0, sumX: 0, sumT: 0 };
    if (v.count !== was.count) gained[k] = { count: v.count - was.count, sumX: v.sumX - was.sumX, sumT: v.sumT - was.sumT };
  }
  return gained;
}

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
    const ids = await Promise.all(Array.from({ length: 5 }, async () => (await startOrResumeAttempt(student, quizId)).id));
    expect(new Set(ids).size).toBe(1);
    expect(await db.attempt.count({ where: { userId: student.id } })).toBe(1);

    const view = (await getAttemptForTaking(student, ids[0]!))!;
    expect(view.status).toBe("IN_PROGRESS");
    expect(view.questions.map((q) => q.position)).toEqual([0, 1]);
    expect(
      optionsOf(view.questions[1]!.display)
        .map((o) => o.text)
        .sort(),
    ).toEqual(["A", "E", "K", "T"]);
    const serialized = JSON.stringify(view);
    for (const secret of ["isCorrect", "fraction", "explanation", "A comes first.", "A and E are vowels."]) expect(serialized).not.toContain(secret);
    // Resuming keeps the option order.
    expect((await getAttemptForTaking(student, ids[0]!))!.questions.map((q) => optionsOf(q.display).map((o) => o.key))).toEqual(
      view.questions.map((q) => optionsOf(q.display).map((o) => o.key)),
    );
    expect((await startOrResumeAttempt(student, quizId)).id).toBe(ids[0]);
  });

  it("saves idempotently, reports a save based on an old revision as stale, and rejects answers that are not options", async () => {
    const student = await createUser();
    const attemptId = (await startOrResumeAttempt(student, quizId)).id;
    const view = (await getAttemptForTaking(student, attemptId))!;
    expect(view.questions[0]!.revision).toBe(0);
    const [first, second] = optionsOf(view.questions[0]!.display).map((o) => o.key);
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
    await expect(saveAnswer(student, { ...request, position: 99, idempotencyKey: key() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That question is not part of this attempt.",
    });
  });

  it("scores on submission (partial credit), updates the statistics once under concurrent submissions, and then refuses changes", async () => {
    const student = await createUser();
    const attemptId = (await startOrResumeAttempt(student, quizId)).id;
    // Started a minute ago, so the 2 s claimed below is within the time that really passed.
    await db.attempt.update({ where: { id: attemptId }, data: { startedAt: new Date(Date.now() - 60_000) } });
    const keys = await answerKey(attemptId);
    await saveAnswer(student, { attemptId, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 2000, idempotencyKey: key(), baseRevision: 0 });
    // Position 1 is the vowels question (A and E right): choose only one of the two right options.
    await saveAnswer(student, { attemptId, position: 1, chosen: [keys[1]![0]!], flagged: false, timeSpentMs: 3000, idempotencyKey: key(), baseRevision: 0 });

    const slot = await db.quizSlot.findFirstOrThrow({ where: { quizId, key: "first-letter" } });
    const slotRow = () =>
      db.questionStat.findUnique({
        where: { slotId_variantKey_scope: { slotId: slot.id, variantKey: "", scope: "ALL" } },
        select: { n: true, sumX: true, sumX2: true, sumT: true, sumT2: true, sumXT: true, sumTimeMs: true, optionSums: true },
      });
    const firstTotals = () => db.quizStat.findUnique({ where: { quizId_scope: { quizId, scope: "FIRST" } }, select: { n: true, sumT: true, sumT2: true } });
    await foldPendingStatistics(quizId); // earlier tests' attempts
    const [rowBefore, totalsBefore] = [await slotRow(), await firstTotals()];

    const results = await Promise.all(Array.from({ length: 6 }, () => submitAttempt(student, attemptId, key())));
    expect(results).toEqual(Array.from({ length: 6 }, () => ({ score: 1.5, maxScore: 2, lectureSlug: "alpha" })));

    // Submitted once; the class statistics count it at once (readers add waiting attempts), and the
    // fold then moves it into the stored sums, once.
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { statsCountedAt: true } })).toEqual({ statsCountedAt: null });
    expect((await loadRunningBundle(quizId, "FIRST")).totals.n).toBe((totalsBefore?.n ?? 0) + 1);
    expect(await foldPendingStatistics(quizId)).toBe(1);
    expect(await foldPendingStatistics(quizId)).toBe(0);
    expect((await loadRunningBundle(quizId, "FIRST")).totals.n).toBe((totalsBefore?.n ?? 0) + 1);
    const row = (await slotRow())!;
    const grew = (k: "n" | "sumX" | "sumX2" | "sumT" | "sumT2" | "sumXT" | "sumTimeMs") => row[k] - (rowBefore?.[k] ?? 0);
    expect({
      n: grew("n"),
      sumX: grew("sumX"),
      sumX2: grew("sumX2"),
      sumT: grew("sumT"),
      sumT2: grew("sumT2"),
      sumXT: grew("sumXT"),
      ms: grew("sumTimeMs"),
    }).toEqual({
      n: 1,
      sumX: 1,
      sumX2: 1,
      sumT: 1.5,
      sumT2: 2.25,
      sumXT: 1.5,
      ms: 2000,
    });
    const totals = (await firstTotals())!;
    expect({ n: totals.n - (totalsBefore?.n ?? 0), sumT: totals.sumT - (totalsBefore?.sumT ?? 0) }).toEqual({ n: 1, sumT: 1.5 });
    const chosen = Object.values(keysOfRow(row.optionSums, rowBefore?.optionSums));
    expect(chosen).toEqual([{ count: 1, sumX: 1, sumT: 1.5 }]);

    await expect(
      saveAnswer(student, { attemptId, position: 0, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 1 }),
    ).rejects.toMatchObject({
      code: "ATTEMPT_CLOSED",
      reason: "SUBMITTED",
      message: "This attempt has already been submitted, so its answers can no longer change.",
    });
    expect((await db.response.findFirstOrThrow({ where: { attemptId, position: 0 } })).chosenOptionKeys).toEqual(keys[0]);
    // Closed comes first, whatever the request: even for a question the attempt does not have.
    await expect(
      saveAnswer(student, { attemptId, position: 99, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 }),
    ).rejects.toMatchObject({ code: "ATTEMPT_CLOSED", reason: "SUBMITTED" });

    const result = (await getAttemptResult(student, attemptId))!;
    expect(result.score).toBe(1.5);
    expect(result.responses.map((r) => [r.isCorrect, r.mark])).toEqual([
      [true, 1],
      [false, 0.5],
    ]);
    expect(result.responses[0]!.explanation).toBe("A comes first.");
    expect(
      result.responses[1]!.review.options.filter((o) => o.isCorrect)
        .map((o) => o.text)
        .sort(),
    ).toEqual(["A", "E"]);
  });

  it("keeps other students out of an attempt, by every door", async () => {
    const [owner, other] = [await createUser(), await createUser()];
    const attemptId = (await startOrResumeAttempt(owner, quizId)).id;
    expect(await getAttemptForTaking(other, attemptId)).toBeNull();
    await expect(
      saveAnswer(other, { attemptId, position: 0, chosen: [], flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitAttempt(other, attemptId, key())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
    await submitAttempt(owner, attemptId, key());
    expect(await getAttemptResult(other, attemptId)).toBeNull();
    expect(await getAttemptResult(owner, attemptId)).not.toBeNull();
  });

  it("enforces the time limit on the server: a late save is refused and submits that attempt only, as of its deadline", async () => {
    const student = await createUser();
    await db.quiz.update({ where: { id: quizId }, data: { timeLimitSeconds: 600 } });
    try {
      // Another student's attempt, also past its time: a save of the first student's must not touch it.
      const absent = await createUser();
      const forgotten = (await startOrResumeAttempt(absent, quizId)).id;
      const attemptId = (await startOrResumeAttempt(student, quizId)).id;
      const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
      expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(600_000);
      const keys = await answerKey(attemptId);
      await saveAnswer(student, { attemptId, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 });
      const deadline = new Date(Date.now() - 1000);
      await db.attempt.updateMany({ where: { id: { in: [attemptId, forgotten] } }, data: { deadlineAt: deadline } });
      const late = { attemptId, position: 1, chosen: keys[1]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 };
      const timeUp = {
        code: "ATTEMPT_CLOSED",
        reason: "TIME_UP",
        message: "Time is up for this attempt: it has been submitted with the answers saved before the limit.",
      };
      await expect(saveAnswer(student, late)).rejects.toMatchObject(timeUp);
      // Scored with the answer saved before the limit (position 0 right), not the late one.
      expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "SUBMITTED", score: 1, submittedAt: deadline });
      expect((await db.response.findFirstOrThrow({ where: { attemptId, position: 1 } })).chosenOptionKeys).toEqual([]);
      expect((await db.attempt.findUniqueOrThrow({ where: { id: forgotten } })).status).toBe("IN_PROGRESS");
      // Once submitted by the server, a save still learns that the time was up (not a manual submission).
      await expect(saveAnswer(student, { ...late, idempotencyKey: key() })).rejects.toMatchObject(timeUp);
      expect((await getAttemptResult(student, attemptId))!.score).toBe(1);
      // Its own student's submission closes the other one (as of its deadline).
      expect(await submitAttempt(absent, forgotten, key())).toEqual({ score: 0, maxScore: 2, lectureSlug: "alpha" });
      expect(await db.attempt.findUniqueOrThrow({ where: { id: forgotten } })).toMatchObject({ status: "SUBMITTED", submittedAt: deadline });
    } finally {
      await db.quiz.update({ where: { id: quizId }, data: { timeLimitSeconds: null } });
    }
  });

  it("shows an attempt whose time is up as closed without writing; opening it, starting anew or the sweep submits it", async () => {
    const expire = async (attemptId: string) => {
      const deadline = new Date(Date.now() - 60_000);
      await db.attempt.update({ where: { id: attemptId }, data: { deadlineAt: deadline } });
      return deadline;
    };
    const stored = (id: string) =>
      db.attempt.findUniqueOrThrow({ where: { id }, select: { status: true, score: true, submittedAt: true, attemptNumber: true } });

    // Readers: the quiz overview (the owner's and anyone else's) and the attempt page only read.
    const student = await createUser();
    const first = (await startOrResumeAttempt(student, quizId)).id;
    const keys = await answerKey(first);
    await saveAnswer(student, { attemptId: first, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 });
    const deadline = await expire(first);
    await getQuizOverview(await createUser(), "alpha");
    const overview = (await getQuizOverview(student, "alpha"))!;
    expect(overview.attempts.map((a) => [a.attemptNumber, a.state])).toEqual([[1, "OVERDUE"]]);
    expect(overview).toMatchObject({ inProgress: null, counting: null, canStart: true });
    expect((await getAttemptForTaking(student, first))!.state).toBe("OVERDUE");
    expect(await getAttemptResult(student, first)).toBeNull();
    expect(await stored(first)).toMatchObject({ status: "IN_PROGRESS", score: null, submittedAt: null });

    // The attempt page's time-up step submits it: as of its deadline, with the answer saved in time.
    expect(await submitAttempt(student, first, key())).toEqual({ score: 1, maxScore: 2, lectureSlug: "alpha" });
    expect(await stored(first)).toMatchObject({ status: "SUBMITTED", score: 1, submittedAt: deadline });
    expect((await getAttemptForTaking(student, first))!.state).toBe("TIMED_OUT");

    // Starting anew submits the overdue attempt first: numbering and "one in progress" hold.
    const second = (await startOrResumeAttempt(student, quizId)).id;
    const secondDeadline = await expire(second);
    const countedAll = async () => (await loadRunningBundle(quizId, "ALL")).totals.n;
    const countedBefore = await countedAll();
    const third = (await startOrResumeAttempt(student, quizId)).id;
    expect(new Set([first, second, third]).size).toBe(3);
    expect(await stored(second)).toMatchObject({ status: "SUBMITTED", score: 0, submittedAt: secondDeadline, attemptNumber: 2 });
    expect(await stored(third)).toMatchObject({ status: "IN_PROGRESS", attemptNumber: 3 });
    expect(await db.attempt.count({ where: { userId: student.id, status: "IN_PROGRESS" } })).toBe(1);
    // Attempt 2 counts in the class statistics once, like any submission.
    expect(await countedAll()).toBe(countedBefore + 1);
    expect((await getQuizOverview(student, "alpha"))!.attempts.map((a) => a.state)).toEqual(["TIMED_OUT", "TIMED_OUT", "OPEN"]);

    // A student who never comes back: only the sweep, for staff, submits their attempt.
    const absent = await createUser();
    const forgotten = (await startOrResumeAttempt(absent, quizId)).id;
    const forgottenDeadline = await expire(forgotten);
    await expect(sweepOverdueAttempts(student, { quizId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const instructor = await createUser("INSTRUCTOR");
    expect(await sweepOverdueAttempts(instructor, { quizId: "no-such-quiz" })).toBe(0);
    expect(await stored(forgotten)).toMatchObject({ status: "IN_PROGRESS" });
    expect(await sweepOverdueAttempts(instructor, { quizId })).toBe(1);
    expect(await stored(forgotten)).toMatchObject({ status: "SUBMITTED", score: 0, submittedAt: forgottenDeadline });
    expect(await stored(third)).toMatchObject({ status: "IN_PROGRESS" }); // not overdue: untouched
    expect(await sweepOverdueAttempts(instructor, {})).toBe(0);
    await submitAttempt(student, third, key());

    // A sweep is bounded (a page's by PAGE_SWEEP_LIMIT): past its limit, the rest wait for the next one.
    const abandoned = await Promise.all(Array.from({ length: 3 }, async () => (await startOrResumeAttempt(await createUser(), quizId)).id));
    for (const id of abandoned) await expire(id);
    expect(await sweepOverdueAttemptsUnchecked({ quizId }, new Date(), 2)).toBe(2);
    expect((await Promise.all(abandoned.map(stored))).filter((a) => a.status === "IN_PROGRESS")).toHaveLength(1);
    expect(await sweepOverdueAttempts(instructor, { quizId })).toBe(1);
  });

  it("allows the quiz's number of attempts and reports the grade that counts", async () => {
    const student = await createUser();
    for (let i = 0; i < 3; i++) {
      const attemptId = (await startOrResumeAttempt(student, quizId)).id;
      if (i === 1) {
        const keys = await answerKey(attemptId);
        await saveAnswer(student, { attemptId, position: 0, chosen: keys[0]!, flagged: false, timeSpentMs: 0, idempotencyKey: key(), baseRevision: 0 });
      }
      await submitAttempt(student, attemptId, key());
    }
    await expect(startOrResumeAttempt(student, quizId)).rejects.toMatchObject({ code: "FORBIDDEN", message: "You have used all 3 attempts at this quiz." });
    const overview = (await getQuizOverview(student, "alpha"))!;
    expect(overview.attempts.map((a) => [a.attemptNumber, a.score])).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
    ]);
    expect(overview.counting?.attemptNumber).toBe(2); // BEST
    expect(overview).toMatchObject({ attemptsLeft: 0, canStart: false, slotCount: 2 });
  });
});

describe("practising mistakes", () => {
  it("queues the missed questions, brings a wrong one back, ends when all are right, and never touches grades or statistics", async () => {
    const { answerPracticeQuestion, getMissedQuestions, getPracticeView, startPracticeSession } = await import("@/lib/quiz/practice-data");
    const student = await createUser();
    const attemptId = (await startOrResumeAttempt(student, quizId)).id;
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
    const wrong = optionsOf(view.question!.display)
      .map((o) => o.key)
      .filter((k) => !correct.includes(k));

    const first = await answerPracticeQuestion(student, { sessionId, questionVersionId: missed[0]!, chosen: [wrong[0]!] });
    expect(first).toMatchObject({ isCorrect: false, explanation: "A comes first.", sectionKey: "basics", remaining: 1, done: false });
    // The options come back in the order they were shown, with the student's and the right ones marked.
    expect(first.review.options.map((o) => o.key)).toEqual(optionsOf(view.question!.display).map((o) => o.key));
    expect(first.review.options.filter((o) => o.isCorrect).map((o) => o.key)).toEqual(correct);
    expect(first.review.options.filter((o) => o.chosen).map((o) => o.key)).toEqual([wrong[0]]);
    await expect(answerPracticeQuestion(await createUser(), { sessionId, questionVersionId: missed[0]!, chosen: correct })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const second = await answerPracticeQuestion(student, { sessionId, questionVersionId: missed[0]!, chosen: correct });
    expect(second).toMatchObject({ isCorrect: true, remaining: 0, done: true });
    expect(await getPracticeView(student, sessionId)).toMatchObject({ done: true, answered: 2, correct: 1 });
    // The missed question's card in the mistakes queue: Again at submission, then Again and Good in practice.
    const questionId = (await db.questionVersion.findUniqueOrThrow({ where: { id: missed[0]! } })).questionId;
    const card = await db.reviewCard.findFirstOrThrow({
      where: { userId: student.id, kind: "MISTAKE", questionId },
      select: { reps: true, logs: { orderBy: { reviewedAt: "asc" }, select: { rating: true } } },
    });
    expect(card).toEqual({ reps: 3, logs: [{ rating: "AGAIN" }, { rating: "AGAIN" }, { rating: "GOOD" }] });

    expect({ questions: await db.questionStat.aggregate({ _sum: { n: true } }), attempts: await db.attempt.count() }).toEqual(stats);
  });
});
