// Regrading a slot after its key was fixed: the dry run lists exactly the hand-computed changes, the
// apply rewrites marks, totals, the running statistics (equal to an exact recompute, before and after
// the fold) and the mistakes queues, once, with a record; students see it; students cannot do it.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { computeExactBundle, loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { foldPendingStatistics } from "@/lib/analytics/internal/fold";
import type { SessionUser } from "@/lib/auth/roles";
import type { BankQuestion } from "@/lib/bank/schemas";
import { upsertQuestionVersion } from "@/lib/bank/internal/versioning";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { applyRegrade, dryRunRegrade } from "@/lib/grading/regrade";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { getAttemptResult } from "@/lib/quiz/data";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { expectSameBundle } from "./class-statistics";
import { createUser } from "./helpers";

const content = readContentTree(path.resolve(import.meta.dirname, "../fixtures/content"));
let quizId = "";
let slotId = "";
let vowelsSlotId = "";
let instructor: SessionUser;
const students: { user: SessionUser; attemptId: string; picked: string }[] = [];
let n = 0;
const key = () => `regrade-${++n}-${Date.now()}`;

/** Answers the attempt: `letter` on the first-letter question, A and E (right) on the vowels question. */
async function take(user: SessionUser, letter: string): Promise<string> {
  const { id: attemptId } = await startOrResumeAttempt(user, quizId);
  const responses = await db.response.findMany({
    where: { attemptId },
    select: { position: true, slotId: true, questionVersion: { select: { options: { select: { key: true, text: true } } } } },
  });
  for (const r of responses) {
    const texts = r.slotId === slotId ? [letter] : ["A", "E"];
    const chosen = r.questionVersion.options.filter((o) => texts.includes(o.text)).map((o) => o.key);
    await saveAnswer(user, { attemptId, position: r.position, chosen, flagged: false, timeSpentMs: 5_000, idempotencyKey: key(), baseRevision: 0 });
  }
  await submitAttempt(user, attemptId, key());
  return attemptId;
}

async function expectExactStatistics() {
  expectSameBundle(await loadRunningBundle(quizId, "FIRST"), await computeExactBundle(quizId, { attempts: "first" }));
  expectSameBundle(await loadRunningBundle(quizId, "ALL"), await computeExactBundle(quizId, { attempts: "all" }));
}

beforeAll(async () => {
  await loadContentTree(db, content);
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" }, select: { id: true, slots: { select: { id: true, key: true } } } });
  quizId = quiz.id;
  slotId = quiz.slots.find((s) => s.key === "first-letter")!.id;
  vowelsSlotId = quiz.slots.find((s) => s.key === "vowels")!.id;
  // One variant, so that every attempt sees alpha-q1 (its key is about to be "fixed" from A to B).
  const q1b = await db.question.findUniqueOrThrow({ where: { externalKey: "alpha-q1b" }, select: { id: true } });
  await db.quizSlotVariant.deleteMany({ where: { slotId, questionId: q1b.id } });
  instructor = await createUser("INSTRUCTOR");
  for (const picked of ["A", "B", "B", "C"]) {
    const user = await createUser();
    students.push({ user, attemptId: await take(user, picked), picked });
  }
  // The fourth student's second attempt, after the first ones were counted.
  await foldPendingStatistics(quizId);
  students.push({ user: students[3]!.user, attemptId: await take(students[3]!.user, "B"), picked: "B" });

  const q1 = content.lectures[0]!.bank.questions.find((q) => q.id === "alpha-q1")! as BankQuestion & { options: { text: string; correct: boolean }[] };
  const fixed = { ...q1, options: q1.options.map((o) => ({ ...o, correct: o.text === "B" })) } as BankQuestion;
  const lecture = await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true } });
  await db.$transaction((tx) => upsertQuestionVersion(tx, fixed, { lectureId: lecture.id, topicId: null }, { origin: "EDITOR", createdById: instructor.id }));
}, 120_000);

describe("regrade after a fixed key", () => {
  it("dry-runs the hand-computed changes and writes nothing", async () => {
    const preview = (await dryRunRegrade(instructor, { quizId, slotId, mode: "KEY", target: "OLD_VERSION" }))!;
    // Every attempt scored 1 on vowels; first-letter: A was right (1), B and C wrong (0). Now B is right.
    const rows = preview.changed.map((c) => [c.student, c.attemptNumber, c.oldMark, c.newMark, c.oldScore, c.newScore]);
    expect(rows).toEqual([
      [students[0]!.user.name, 1, 1, 0, 2, 1],
      [students[1]!.user.name, 1, 0, 1, 1, 2],
      [students[2]!.user.name, 1, 0, 1, 1, 2],
      [students[3]!.user.name, 2, 0, 1, 1, 2],
    ]);
    expect(preview.unchanged).toBe(1); // C stays wrong
    expect(preview.classAttempts).toBe(5);
    // Totals 2,1,1,1,1 (mean 1.2) become 1,2,2,1,2 (mean 1.6).
    expect(preview.mean.before).toBeCloseTo(1.2, 12);
    expect(preview.mean.after).toBeCloseTo(1.6, 12);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: students[0]!.attemptId }, select: { score: true } })).toEqual({ score: 2 });
    expect(await db.regrade.count()).toBe(0);
  });

  it("applies once: marks, totals, statistics equal to a recompute, mistakes queues, the record and the student's note", async () => {
    const idempotencyKey = key();
    const outcome = (await applyRegrade(instructor, { quizId, slotId, mode: "KEY", target: "OLD_VERSION", idempotencyKey }))!;
    expect(outcome).toMatchObject({ repeated: false, attemptsChanged: 4 });
    const scores = await db.attempt.findMany({ where: { quizId }, orderBy: [{ startedAt: "asc" }], select: { id: true, score: true, maxScore: true } });
    expect(scores.map((s) => s.score)).toEqual([1, 2, 2, 1, 2]);
    await expectExactStatistics();
    expect(await db.attempt.count({ where: { quizId, statsCountedAt: null } })).toBe(0);

    // The student who picked A no longer has it right: the question joins their mistakes queue.
    const q1 = await db.question.findUniqueOrThrow({ where: { externalKey: "alpha-q1" }, select: { id: true } });
    expect(await db.reviewCard.count({ where: { userId: students[0]!.user.id, questionId: q1.id, kind: "MISTAKE" } })).toBe(1);
    // Those who picked B were queued by their submission only: the card leaves.
    expect(await db.reviewCard.count({ where: { userId: students[1]!.user.id, questionId: q1.id } })).toBe(0);
    // C is still wrong: still queued.
    expect(await db.reviewCard.count({ where: { userId: students[3]!.user.id, questionId: q1.id } })).toBe(1);

    const result = (await getAttemptResult(students[1]!.user, students[1]!.attemptId))!;
    expect(result.regrades).toEqual([expect.objectContaining({ oldScore: 1, newScore: 2, maxScore: 2 })]);

    // A retry with the same key changes nothing and says so.
    const again = (await applyRegrade(instructor, { quizId, slotId, mode: "KEY", target: "OLD_VERSION", idempotencyKey }))!;
    expect(again).toMatchObject({ repeated: true, regradeId: outcome.regradeId, attemptsChanged: 4 });
    // A new regrade of the same kind finds nothing left to change.
    const second = (await applyRegrade(instructor, { quizId, slotId, mode: "KEY", target: "ALL", idempotencyKey: key() }))!;
    expect(second.attemptsChanged).toBe(0);
    expect(await db.attemptRegrade.count()).toBe(4);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: outcome.regradeId } });
    expect(audit.summary).toBe(
      "Regraded question 1 of Alpha quiz (score with the newest version, attempts that saw an older version): 4 attempts changed, mean 1.20 → 1.60",
    );
  });

  it("gives full marks, or drops the slot, with the statistics still exact", async () => {
    await applyRegrade(instructor, { quizId, slotId: vowelsSlotId, mode: "DROP", target: "ALL", idempotencyKey: key() });
    const dropped = await db.attempt.findMany({ where: { quizId }, orderBy: [{ startedAt: "asc" }], select: { score: true, maxScore: true } });
    expect(dropped).toEqual([0, 1, 1, 0, 1].map((score) => ({ score, maxScore: 1 })));
    await expectExactStatistics();
    await applyRegrade(instructor, { quizId, slotId, mode: "FULL", target: "ALL", idempotencyKey: key() });
    const full = await db.attempt.findMany({ where: { quizId }, orderBy: [{ startedAt: "asc" }], select: { score: true } });
    expect(full.map((a) => a.score)).toEqual([1, 1, 1, 1, 1]);
    await expectExactStatistics();
  });

  it("is for instructors and admins only", async () => {
    const student = students[0]!.user;
    await expect(dryRunRegrade(student, { quizId, slotId, mode: "KEY", target: "ALL" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(applyRegrade(student, { quizId, slotId, mode: "FULL", target: "ALL", idempotencyKey: key() })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
