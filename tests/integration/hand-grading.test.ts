// Hand grading: answered essays (and answers a teacher asks for) wait in a queue; a mark with its
// comment updates the attempt's total, the class statistics (equal to a recompute) and the audit log;
// the student sees mark and comment; names can be hidden; students cannot grade.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeExactBundle, loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { foldPendingStatistics } from "@/lib/analytics/internal/fold";
import type { SessionUser } from "@/lib/auth/roles";
import { bankQuestion } from "@/lib/bank/schemas";
import { upsertQuestionVersion } from "@/lib/bank/internal/versioning";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getGradingQueue, gradeResponse, requestHandGrading } from "@/lib/grading/hand-grading";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { getAttemptResult } from "@/lib/quiz/data";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { expectSameBundle } from "./class-statistics";
import { createUser } from "./helpers";

let quizId = "";
let essaySlotId = "";
let instructor: SessionUser;
let writer: { user: SessionUser; attemptId: string };
let silent: { user: SessionUser; attemptId: string };
let n = 0;
const key = () => `hand-grading-${++n}-${Date.now()}`;

/** Takes the quiz: the essay answered with `essay` (or left blank), every other question left blank. */
async function take(user: SessionUser, essay: string | null) {
  const { id: attemptId } = await startOrResumeAttempt(user, quizId);
  const response = await db.response.findFirstOrThrow({ where: { attemptId, slotId: essaySlotId }, select: { position: true } });
  if (essay !== null)
    await saveAnswer(user, {
      attemptId,
      position: response.position,
      chosen: [],
      text: essay,
      flagged: false,
      timeSpentMs: 60_000,
      idempotencyKey: key(),
      baseRevision: 0,
    });
  await submitAttempt(user, attemptId, key());
  return { user, attemptId };
}

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  const lecture = await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true } });
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" }, select: { id: true } });
  quizId = quiz.id;
  const essay = bankQuestion.parse({ id: "alpha-essay", type: "essay", stem: "Why does A come first?", maxMark: 2 });
  const { questionId } = await db.$transaction((tx) => upsertQuestionVersion(tx, essay, { lectureId: lecture.id, topicId: null }));
  const slot = await db.quizSlot.create({ data: { quizId, key: "essay", position: 2, maxMark: 2, source: "EDITOR" }, select: { id: true } });
  await db.quizSlotVariant.create({ data: { slotId: slot.id, questionId } });
  essaySlotId = slot.id;
  instructor = await createUser("INSTRUCTOR");
  writer = await take(await createUser(), "Because the alphabet starts with it.");
  silent = await take(await createUser(), null);
  await foldPendingStatistics(quizId);
}, 120_000);

describe("hand grading", () => {
  it("queues answered essays only, and hides names when asked", async () => {
    const queue = await getGradingQueue(instructor, { quizId });
    expect(queue.waiting).toBe(1);
    expect(queue.item).toMatchObject({ student: writer.user.name, maxMark: 2, mark: 0, awaiting: true, attemptNumber: 1 });
    expect(queue.item!.rendered.review.given.join(" ")).toContain("Because the alphabet starts with it.");
    expect((await getGradingQueue(instructor, { quizId, blind: true })).item!.student).toBeNull();
    expect((await getAttemptResult(writer.user, writer.attemptId))!.responses.find((r) => r.type === "ESSAY")!.review.awaitingGrading).toBe(true);
  });

  it("records a mark with its comment: the total, the statistics and the audit log follow, and the student sees it", async () => {
    const before = (await db.attempt.findUniqueOrThrow({ where: { id: writer.attemptId }, select: { score: true } })).score!;
    await expect(
      gradeResponse(instructor, { responseId: (await getGradingQueue(instructor, { quizId })).item!.responseId, mark: 3, comment: "" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The mark can be at most 2.",
    });
    const { item } = await getGradingQueue(instructor, { quizId });
    const outcome = await gradeResponse(instructor, { responseId: item!.responseId, mark: 1.5, comment: "Good, but say why order matters." });
    expect(outcome.attemptScore).toBe(before + 1.5);
    expect((await getGradingQueue(instructor, { quizId })).waiting).toBe(0);
    expectSameBundle(await loadRunningBundle(quizId, "FIRST"), await computeExactBundle(quizId, { attempts: "first" }));
    expectSameBundle(await loadRunningBundle(quizId, "ALL"), await computeExactBundle(quizId, { attempts: "all" }));

    const result = (await getAttemptResult(writer.user, writer.attemptId))!;
    const essay = result.responses.find((r) => r.type === "ESSAY")!;
    expect(essay).toMatchObject({ mark: 1.5, maxMark: 2, graderComment: "Good, but say why order matters.", isCorrect: false });
    expect(essay.review.awaitingGrading).toBe(false);
    expect(essay.gradedAt).toBeInstanceOf(Date);
    expect(result.score).toBe(before + 1.5);

    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: item!.responseId } });
    expect(audit).toMatchObject({
      action: "response.grade",
      actorId: instructor.id,
      before: { mark: 0, comment: "" },
      after: { mark: 1.5, comment: "Good, but say why order matters." },
    });
    expect(audit.summary).toBe(`Marked question 3 of ${writer.user.name}'s attempt 1 on Alpha quiz: 0 → 1.5 of 2`);
  });

  it("overrides any answer a teacher asks for", async () => {
    const choice = await db.response.findFirstOrThrow({
      where: { attemptId: silent.attemptId, NOT: { slotId: essaySlotId } },
      select: { id: true, maxMark: true },
    });
    await requestHandGrading(instructor, choice.id);
    const queue = await getGradingQueue(instructor, { quizId });
    expect(queue.waiting).toBe(1);
    expect(queue.item!.responseId).toBe(choice.id);
    await gradeResponse(instructor, { responseId: choice.id, mark: choice.maxMark, comment: "Full marks: the question was unclear." });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: silent.attemptId }, select: { score: true } })).score).toBe(choice.maxMark);
    expect((await getGradingQueue(instructor, { quizId })).waiting).toBe(0);
    expectSameBundle(await loadRunningBundle(quizId, "ALL"), await computeExactBundle(quizId, { attempts: "all" }));
  });

  it("is for instructors and admins only", async () => {
    const student = writer.user;
    await expect(getGradingQueue(student)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(gradeResponse(student, { responseId: "x".repeat(25), mark: 1, comment: "" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requestHandGrading(student, "x".repeat(25))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
