// The rule of instructor editing: no edit changes a submitted attempt except a recorded regrade or a
// hand grade. A submitted attempt and its answers are read before and after every other kind of edit
// (a new question version from the editor, quiz settings and slots, a content load that takes the
// files' side, an import) and must be exactly as they were; a regrade then changes them, on record.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { applyImport, previewImport } from "@/lib/bank/import/data";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { applyRegrade } from "@/lib/grading/regrade";
import { getQuestionEditor } from "@/lib/question-editor/data";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import { saveQuestion } from "@/lib/question-editor/save";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { updateQuizSettings } from "@/lib/quiz/editor/settings";
import { addSlot, moveSlot, removeSlot, setSlotMaxMark } from "@/lib/quiz/editor/slots";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { createUser } from "./helpers";

const content = readContentTree(path.resolve(import.meta.dirname, "../fixtures/content"));
let quizId = "";
let lectureId = "";
let attemptId = "";
let instructor: SessionUser;
let n = 0;
const key = () => `stays-${++n}-${Date.now()}`;

/** Everything a submitted attempt is: its row and its answers, as stored. */
async function snapshot() {
  return db.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      status: true,
      score: true,
      maxScore: true,
      submittedAt: true,
      responses: {
        orderBy: { position: "asc" },
        select: {
          slotId: true,
          questionVersionId: true,
          position: true,
          optionOrder: true,
          chosenOptionKeys: true,
          mark: true,
          maxMark: true,
          isCorrect: true,
        },
      },
      regrades: true,
    },
  });
}

beforeAll(async () => {
  await loadContentTree(db, content);
  const quiz = await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" }, select: { id: true, lectureId: true } });
  [quizId, lectureId] = [quiz.id, quiz.lectureId];
  instructor = await createUser("INSTRUCTOR");
  const student = await createUser();
  attemptId = (await startOrResumeAttempt(student, quizId)).id;
  const responses = await db.response.findMany({ where: { attemptId }, select: { position: true, optionOrder: true } });
  for (const r of responses)
    await saveAnswer(student, {
      attemptId,
      position: r.position,
      chosen: [r.optionOrder[0]!],
      flagged: false,
      timeSpentMs: 1_000,
      idempotencyKey: key(),
      baseRevision: 0,
    });
  await submitAttempt(student, attemptId, key());
});

describe("a submitted attempt", () => {
  it("stays exactly as it was through question edits, quiz edits, content loads and imports", async () => {
    const before = await snapshot();

    // A new version of every question the attempt saw, with its key moved.
    for (const { questionVersion } of await db.response.findMany({ where: { attemptId }, select: { questionVersion: { select: { questionId: true } } } })) {
      const editor = (await getQuestionEditor(instructor, questionVersion.questionId))!;
      const draft = structuredClone(editor.draft) as QuestionDraft;
      draft.options = draft.options.map((o, i) => ({ ...o, grade: i === draft.options.length - 1 ? "1" : "0" }));
      expect(await saveQuestion(instructor, { questionId: questionVersion.questionId, draft, baseVersion: editor.version })).toMatchObject({ status: "saved" });
    }
    // Quiz settings and slots.
    const slots = await db.quizSlot.findMany({ where: { quizId, retiredAt: null }, orderBy: { position: "asc" }, select: { id: true } });
    await updateQuizSettings(instructor, {
      quizId,
      title: "Renamed",
      attemptsAllowed: 1,
      gradingPolicy: "LAST",
      timeLimitMinutes: 5,
      shuffleOptions: false,
      shuffleSlots: true,
      opensAt: null,
      closesAt: null,
    });
    await setSlotMaxMark(instructor, { slotId: slots[0]!.id, maxMark: 4 });
    await moveSlot(instructor, { slotId: slots[1]!.id, direction: "up" });
    await removeSlot(instructor, slots[1]!.id);
    // The removed slot's question, in a new slot of its own.
    const freed = await db.quizSlotVariant.findFirstOrThrow({ where: { slotId: slots[1]!.id }, select: { questionId: true } });
    await addSlot(instructor, { quizId, questionIds: [freed.questionId], maxMark: 2 });
    // The files' side of every conflict, and an import into the same lecture.
    await loadContentTree(db, content, { force: true, prefer: "files" });
    const admin = await createUser("ADMIN");
    const upload = { fileName: "bank.gift", bytes: Buffer.from("::extra:: Which letter is a vowel? {=A ~B ~C}\n"), lectureId, convert: false };
    const preview = await previewImport(admin, upload);
    await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: false });

    expect(await snapshot()).toEqual(before);
  });

  it("changes through a regrade, which is on record", async () => {
    const before = await snapshot();
    const slotId = before.responses[0]!.slotId;
    const outcome = (await applyRegrade(instructor, { quizId, slotId, mode: "FULL", target: "ALL", idempotencyKey: key() }))!;
    const after = await snapshot();
    // Full marks out of the slot's maximum now (the quiz editor made it 4).
    expect(after.responses[0]).toMatchObject({ mark: 4, maxMark: 4, isCorrect: true });
    expect(after.maxScore).toBe(before.maxScore + 3);
    expect(after.regrades).toHaveLength(outcome.attemptsChanged);
    expect(await db.regrade.count({ where: { id: outcome.regradeId } })).toBe(1);
    expect(await db.auditEntry.count({ where: { entityId: outcome.regradeId, action: "regrade.apply" } })).toBe(1);
  });
});
