// The question editor against a real database: a changed key is a new version by its author with an
// audit entry in words; an unchanged save writes nothing; a draft with mistakes is refused with its
// problems in words and writes nothing; an attempt keeps the version it started with; students are
// refused by every loader and write.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyImport, previewImport } from "@/lib/bank/import/data";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { getAttemptForTaking } from "@/lib/quiz/data";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { getQuestionBank, getQuestionEditor, getQuestionHistory, getSlotQuestionIds } from "@/lib/question-editor/data";
import { previewQuestion, saveQuestion } from "@/lib/question-editor/save";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import { createUser } from "./helpers";

type User = Awaited<ReturnType<typeof createUser>>;
let instructor: User;
let admin: User;
let quizId = "";
const idOf = async (externalKey: string) => (await db.question.findUniqueOrThrow({ where: { externalKey }, select: { id: true } })).id;
const counts = async (questionId: string) => ({
  versions: await db.questionVersion.count({ where: { questionId } }),
  audits: await db.auditEntry.count({ where: { entityId: questionId } }),
  updatedAt: (await db.question.findUniqueOrThrow({ where: { id: questionId }, select: { updatedAt: true } })).updatedAt.toISOString(),
});

async function opened(questionId: string) {
  const editor = (await getQuestionEditor(instructor, questionId))!;
  return { editor, draft: structuredClone(editor.draft) as QuestionDraft };
}

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  const lecture = await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" }, select: { id: true, quizzes: { select: { id: true } } } });
  quizId = lecture.quizzes[0]!.id;
  [instructor, admin] = [await createUser("INSTRUCTOR"), await createUser("ADMIN")];
  const bytes = readFileSync(path.resolve(import.meta.dirname, "../fixtures/banks/moodle-every-type.xml"));
  const upload = { fileName: "moodle-every-type.xml", bytes, lectureId: lecture.id, convert: false };
  const preview = await previewImport(admin, upload);
  await applyImport(admin, { ...upload, fileHash: preview.fileHash, validOnly: true });
});

describe("saving", () => {
  it("makes version N+1 by its author (origin EDITOR) with an audit entry in words, for a changed key", async () => {
    const questionId = await idOf("alpha-q1");
    const { editor, draft } = await opened(questionId);
    expect(editor.version).toBe(1);
    expect(draft.options.map((o) => o.grade)).toEqual(["1", "0", "0", "0"]);
    draft.options[0]!.grade = "0";
    draft.options[1]!.grade = "1";
    const result = await saveQuestion(instructor, { questionId, draft, baseVersion: 1 });
    const summary = "Saved alpha-q1 as version 2: key changed from A to B; option A: credit changed from 100% to 0%; option B: credit changed from 0% to 100%.";
    expect(result).toEqual({ status: "saved", version: 2, summary, stale: [] });
    const version = await db.questionVersion.findUniqueOrThrow({
      where: { questionId_version: { questionId, version: 2 } },
      select: { origin: true, createdById: true, options: { orderBy: { position: "asc" }, select: { text: true, isCorrect: true, fraction: true } } },
    });
    expect(version).toEqual({
      origin: "EDITOR",
      createdById: instructor.id,
      options: [
        { text: "A", isCorrect: false, fraction: 0 },
        { text: "B", isCorrect: true, fraction: 1 },
        { text: "C", isCorrect: false, fraction: 0 },
        { text: "D", isCorrect: false, fraction: 0 },
      ],
    });
    const audits = await db.auditEntry.findMany({
      where: { entityType: "question", entityId: questionId },
      select: { actorId: true, action: true, summary: true, lectureId: true, before: true, after: true },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: instructor.id,
      action: "question.edit",
      summary,
      before: { version: 1, topic: "basics" },
      after: { version: 2, topic: "basics" },
    });
    expect(audits[0]!.lectureId).toBe((await db.lecture.findUniqueOrThrow({ where: { slug: "alpha" } })).id);
    expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).latestVersion).toBe(2);

    const history = (await getQuestionHistory(admin, questionId, { a: null, b: null }))!;
    expect(history.versions.map((v) => [v.version, v.origin, v.author])).toEqual([
      [2, "editor", instructor.name],
      [1, "course files", null],
    ]);
    expect([history.a, history.b]).toEqual([1, 2]);
    expect(history.diff.filter((r) => r.status !== "same").map((r) => [r.label, r.before, r.after])).toEqual([
      ["Option A: credit", "100%", "0%"],
      ["Option B: credit", "0%", "100%"],
    ]);
  });

  it("writes nothing for an unchanged draft, of every imported type", async () => {
    const keys = await db.question.findMany({ where: { lecture: { slug: "alpha" } }, select: { id: true, externalKey: true } });
    expect(keys.length).toBeGreaterThanOrEqual(10);
    for (const { id } of keys) {
      const { editor, draft } = await opened(id);
      const before = await counts(id);
      expect(await saveQuestion(instructor, { questionId: id, draft, baseVersion: editor.version }), editor.key).toEqual({
        status: "unchanged",
        version: editor.version,
      });
      expect(await counts(id)).toEqual(before);
    }
  });

  it("refuses a draft with mistakes, saying what is wrong in words, and writes nothing", async () => {
    const questionId = await idOf("alpha-q2");
    const { draft } = await opened(questionId);
    draft.stem = "   ";
    draft.options[2]!.grade = "0.42";
    draft.maxMark = "";
    const before = await counts(questionId);
    const result = await saveQuestion(instructor, { questionId, draft, baseVersion: 1 });
    expect(result).toEqual({
      status: "invalid",
      problems: [
        { field: "maxMark", message: "must be a positive number, such as 1 or 2.5", summary: "The default mark: must be a positive number, such as 1 or 2.5" },
        {
          field: "options.2.grade",
          message: "Option 3 has the grade 42%, which Moodle does not allow: use one of its grades, such as 40% (the nearest)",
          summary: "Option 3 has the grade 42%, which Moodle does not allow: use one of its grades, such as 40% (the nearest)",
        },
        { field: "stem", message: "must not be empty", summary: "The question text: must not be empty" },
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/options\.2\.fraction|"stem:|maxMark:/);
    expect(await counts(questionId)).toEqual(before);
    // The preview says the same, and shows nothing.
    expect(await previewQuestion(instructor, { questionId, draft, seed: 1 })).toEqual({ problems: (result as { problems: unknown }).problems, preview: null });
  });

  it("edits a cloze question in Moodle's gap syntax, and a topic change alone makes no version", async () => {
    const [cloze] = await db.question.findMany({
      where: { lecture: { slug: "alpha" }, versions: { some: { type: "CLOZE" } } },
      select: { id: true, externalKey: true },
    });
    const { draft } = await opened(cloze!.id);
    expect(draft.stem).toContain("{1:SHORTANSWER:%100%columnar#Right~%50%column*#Nearly}");
    draft.stem = draft.stem.replace("%50%column*#Nearly", "%50%column*#Nearly~%25%col*");
    draft.topic = "more";
    const saved = await saveQuestion(instructor, { questionId: cloze!.id, draft, baseVersion: 1 });
    expect(saved).toMatchObject({
      status: "saved",
      version: 2,
      summary: `Saved ${cloze!.externalKey} as version 2: question text (with its gaps) changed; topic changed from none to more.`,
    });
    const stored = await db.questionVersion.findUniqueOrThrow({
      where: { questionId_version: { questionId: cloze!.id, version: 2 } },
      select: { stem: true, data: true },
    });
    expect((stored.data as { parts: { answers: { text: string; fraction: number }[] }[] }).parts[0]!.answers.map((a) => [a.text, a.fraction])).toEqual([
      ["columnar", 1],
      ["column*", 0.5],
      ["col*", 0.25],
    ]);

    const again = (await opened(cloze!.id)).draft;
    again.topic = "basics";
    const before = await db.questionVersion.count({ where: { questionId: cloze!.id } });
    expect(await saveQuestion(instructor, { questionId: cloze!.id, draft: again, baseVersion: 2 })).toMatchObject({
      status: "topic-changed",
      version: 2,
      summary: `Changed ${cloze!.externalKey} without a new version (the topic belongs to the question): topic changed from more to basics.`,
    });
    expect(await db.questionVersion.count({ where: { questionId: cloze!.id } })).toBe(before);
    expect((await db.question.findUniqueOrThrow({ where: { id: cloze!.id }, select: { topic: { select: { key: true } } } })).topic?.key).toBe("basics");
    // The history knows each version's topic from the audit trail.
    const history = (await getQuestionHistory(instructor, cloze!.id, { a: 1, b: 2 }))!;
    expect(history.diff.find((r) => r.key === "topic")).toMatchObject({ before: "none", after: "basics", status: "changed" });
  });

  it("refuses a save over a newer version", async () => {
    const questionId = await idOf("alpha-q1");
    const { draft } = await opened(questionId);
    draft.explanation = "A is first.";
    await expect(saveQuestion(admin, { questionId, draft, baseVersion: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("attempts and versions", () => {
  it("keeps an attempt started before the edit on the old version; a new attempt gets the new one", async () => {
    const questionId = await idOf("alpha-q2");
    const v1 = await db.questionVersion.findUniqueOrThrow({ where: { questionId_version: { questionId, version: 1 } }, select: { id: true } });
    const early = await createUser();
    const { id: earlyAttempt } = await startOrResumeAttempt(early, quizId);
    const responseVersion = async (attemptId: string) =>
      (await db.response.findFirstOrThrow({ where: { attemptId, questionVersion: { questionId } }, select: { questionVersionId: true } })).questionVersionId;
    expect(await responseVersion(earlyAttempt)).toBe(v1.id);
    await submitAttempt(early, earlyAttempt, `early-${Date.now()}`);

    const { draft } = await opened(questionId);
    draft.stem = "Which of these letters are vowels?";
    const saved = await saveQuestion(instructor, { questionId, draft, baseVersion: 1 });
    const slot = await db.quizSlot.findFirstOrThrow({ where: { quizId, key: "vowels" }, select: { id: true } });
    expect(saved).toMatchObject({
      status: "saved",
      version: 2,
      summary: "Saved alpha-q2 as version 2: question text changed.",
      stale: [{ quizId, slotId: slot.id, attempts: 1, from: 1, href: `/instructor/quizzes/${quizId}/slots/${slot.id}/regrade?from=1` }],
    });
    const v2 = await db.questionVersion.findUniqueOrThrow({ where: { questionId_version: { questionId, version: 2 } }, select: { id: true } });
    expect(await responseVersion(earlyAttempt)).toBe(v1.id);
    const late = await createUser();
    const { id: lateAttempt } = await startOrResumeAttempt(late, quizId);
    expect(await responseVersion(lateAttempt)).toBe(v2.id);
    const shown = (await getAttemptForTaking(late, lateAttempt))!.questions.map((q) => q.stem as string);
    expect(shown).toContain("Which of these letters are vowels?");
    // The dashboard's slot page finds the question behind both versions.
    expect(await getSlotQuestionIds(instructor, quizId, slot.id)).toEqual({ [v1.id]: questionId, [v2.id]: questionId });
  });
});

describe("the preview", () => {
  it("shows the student's view without the key, and the after-submission view only when asked", async () => {
    const questionId = await idOf("alpha-q1");
    const { draft } = await opened(questionId);
    const plain = await previewQuestion(instructor, { questionId, draft, seed: 7 });
    expect(plain.problems).toEqual([]);
    expect(plain.preview?.review).toBeNull();
    expect(JSON.stringify(plain)).not.toMatch(/isCorrect|fraction|feedback|A comes first/);
    const options = plain.preview!.display.kind === "choice" ? plain.preview!.display.options.map((o) => o.value) : [];
    expect([...options].sort()).toEqual(["a", "b", "c", "d"]);
    expect((await previewQuestion(instructor, { questionId, draft, seed: 7 })).preview!.display).toEqual(plain.preview!.display);
    const reviewed = await previewQuestion(instructor, { questionId, draft, seed: 7, answer: { chosen: ["b"], text: null } });
    expect(reviewed.preview!.review!.review).toMatchObject({ credit: 1, isCorrect: true });
    expect(reviewed.preview!.review!.explanation).toBe("A comes first.");
  });
});

describe("access", () => {
  it("refuses students everywhere", async () => {
    const student = await createUser();
    const questionId = await idOf("alpha-q1");
    const { draft } = await opened(questionId);
    const before = await counts(questionId);
    for (const call of [
      () => getQuestionBank(student, { q: "" }),
      () => getQuestionEditor(student, questionId),
      () => getQuestionHistory(student, questionId, { a: null, b: null }),
      () => getSlotQuestionIds(student, quizId, "x"),
      () => previewQuestion(student, { questionId, draft, seed: 1 }),
      () => saveQuestion(student, { questionId, draft: { ...draft, stem: "Hacked" }, baseVersion: 2 }),
    ])
      await expect(call()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await counts(questionId)).toEqual(before);
  });

  it("lists each lecture's bank, filtered by text, type and topic", async () => {
    const bank = await getQuestionBank(instructor, { q: "vowel", type: "multiple", topic: "more" });
    const alpha = bank.lectures.find((l) => l.title === "Alpha")!;
    expect(alpha.questions.map((q) => [q.key, q.type, q.topic?.key, q.version, q.slots.length])).toEqual([["alpha-q2", "multiple", "more", 2, 1]]);
    expect((await getQuestionBank(instructor, { q: "vowel", type: "single" })).lectures.flatMap((l) => l.questions)).toEqual([]);
  });
});
