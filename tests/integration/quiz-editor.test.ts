// The quiz editor: each change's effect and its audit entry, attempts in progress keeping their plan,
// the quiz's window enforced at the start, staff only, and bad input answered with field errors.
// The actions are called as the page calls them; only the session read (cookies) and the cache
// revalidation (a request's) are stood in for.
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getQuizOverview } from "@/lib/quiz/data";
import { saveAnswer } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { slotOrder } from "@/lib/quiz/scoring";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import {
  addSlotAction,
  addSlotVariantAction,
  moveSlotAction,
  removeSlotAction,
  removeSlotVariantAction,
  restoreSlotAction,
  setSlotMaxMarkAction,
  updateQuizSettingsAction,
} from "@/lib/quiz/editor/actions";
import { getQuizForEditing } from "@/lib/quiz/editor/data";
import { updateQuizSettings } from "@/lib/quiz/editor/settings";
import { addSlot, addSlotVariant, moveSlot, removeSlot, removeSlotVariant, restoreSlot, setSlotMaxMark } from "@/lib/quiz/editor/slots";
import { createUser } from "./helpers";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, getSessionClaims: async () => null }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let quizId = "";
let lectureId = "";
const question: Record<string, string> = {};
const slot: Record<string, string> = {};
let instructor: SessionUser;

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  const quiz = await db.quiz.findUniqueOrThrow({
    where: { key: "alpha-quiz" },
    select: { id: true, lectureId: true, slots: { select: { id: true, key: true } } },
  });
  quizId = quiz.id;
  lectureId = quiz.lectureId;
  for (const s of quiz.slots) slot[s.key] = s.id;
  for (const q of await db.question.findMany({ where: { lectureId }, select: { id: true, externalKey: true } })) question[q.externalKey] = q.id;
  instructor = await createUser("INSTRUCTOR");
});

const as = (user: SessionUser | null) => {
  session.user = user;
};
const lastAudit = () => db.auditEntry.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const auditCount = () => db.auditEntry.count();
const liveSlots = async () =>
  (await db.quizSlot.findMany({ where: { quizId, retiredAt: null }, orderBy: { position: "asc" }, select: { key: true, position: true, maxMark: true } })).map(
    (s) => [s.key, s.position, s.maxMark],
  );

/** Answers every question of an attempt right and submits it. */
async function answerAllRight(user: SessionUser, attemptId: string) {
  const responses = await db.response.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, questionVersion: { select: { options: { where: { isCorrect: true }, select: { key: true } } } } },
  });
  for (const r of responses) {
    const chosen = r.questionVersion.options.map((o) => o.key);
    await saveAnswer(user, {
      attemptId,
      position: r.position,
      chosen,
      flagged: false,
      timeSpentMs: 0,
      idempotencyKey: `key-${attemptId}-${r.position}`,
      baseRevision: 0,
    });
  }
  return submitAttempt(user, attemptId, `submit-${attemptId}`);
}

describe("who may edit", () => {
  it("refuses students in every loader and action, and anyone signed out, changing nothing", async () => {
    const student = await createUser();
    const before = await auditCount();
    await expect(getQuizForEditing(student, quizId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const settings = {
      quizId,
      title: "Hacked",
      attemptsAllowed: null,
      gradingPolicy: "BEST" as const,
      timeLimitMinutes: null,
      shuffleOptions: true,
      shuffleSlots: false,
      opensAt: null,
      closesAt: null,
    };
    const writes = [
      () => updateQuizSettings(student, settings),
      () => addSlot(student, { quizId, questionIds: [question["alpha-q1b"]!], maxMark: 1 }),
      () => removeSlot(student, slot.vowels!),
      () => restoreSlot(student, slot.vowels!),
      () => moveSlot(student, { slotId: slot.vowels!, direction: "up" }),
      () => addSlotVariant(student, { slotId: slot.vowels!, questionId: question["alpha-q1b"]! }),
      () => removeSlotVariant(student, { slotId: slot["first-letter"]!, questionId: question["alpha-q1b"]! }),
      () => setSlotMaxMark(student, { slotId: slot.vowels!, maxMark: 5 }),
    ];
    for (const write of writes) await expect(write()).rejects.toMatchObject({ code: "FORBIDDEN", message: "You do not have permission to do that." });

    const actions = [
      () => updateQuizSettingsAction(null, { ...settings, attemptsAllowed: "", timeLimitMinutes: "" }),
      () => addSlotAction(null, { quizId, questionIds: question["alpha-q1b"]!, maxMark: "1" }),
      () => removeSlotAction(null, { slotId: slot.vowels! }),
      () => restoreSlotAction(null, { slotId: slot.vowels! }),
      () => moveSlotAction(null, { slotId: slot.vowels!, direction: "up" }),
      () => addSlotVariantAction(null, { slotId: slot.vowels!, questionId: question["alpha-q1b"]! }),
      () => removeSlotVariantAction(null, { slotId: slot["first-letter"]!, questionId: question["alpha-q1b"]! }),
      () => setSlotMaxMarkAction(null, { slotId: slot.vowels!, maxMark: "5" }),
    ];
    as(student);
    for (const action of actions) expect(await action()).toEqual({ ok: false, code: "FORBIDDEN", message: "You do not have permission to do that." });
    as(null);
    for (const action of actions) expect(await action()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });

    expect(await auditCount()).toBe(before);
    expect(await db.quiz.findUniqueOrThrow({ where: { id: quizId }, select: { title: true, editedAt: true } })).toEqual({
      title: "Alpha quiz",
      editedAt: null,
    });
    expect(await liveSlots()).toEqual([
      ["first-letter", 0, 1],
      ["vowels", 1, 1],
    ]);
  });
});

describe("the editor's loader", () => {
  it("shows the settings, the live slots with their variants, and the lecture's bank", async () => {
    const admin = await createUser("ADMIN");
    expect(await getQuizForEditing(admin, "nosuchquiz")).toBeNull();
    const editing = (await getQuizForEditing(admin, quizId))!;
    expect(editing.quiz).toMatchObject({
      id: quizId,
      title: "Alpha quiz",
      attemptsAllowed: 3,
      gradingPolicy: "BEST",
      timeLimitSeconds: null,
      shuffleOptions: true,
      shuffleSlots: false,
      opensAt: null,
      closesAt: null,
      lecture: { id: lectureId, slug: "alpha" },
    });
    const variant = (externalKey: string, label: string, type: string) => ({ questionId: question[externalKey], externalKey, label, type, version: 1 });
    expect(editing.slots).toEqual([
      {
        id: slot["first-letter"],
        key: "first-letter",
        position: 0,
        maxMark: 1,
        source: "CONTENT",
        variants: [
          variant("alpha-q1", "Which is the first letter?", "SINGLE_CHOICE"),
          variant("alpha-q1b", "What letter starts the alphabet?", "SINGLE_CHOICE"),
        ],
      },
      {
        id: slot.vowels,
        key: "vowels",
        position: 1,
        maxMark: 1,
        source: "CONTENT",
        variants: [variant("alpha-q2", "Which of these are vowels?", "MULTIPLE_CHOICE")],
      },
    ]);
    expect(editing.bank.map((q) => [q.externalKey, q.inSlot])).toEqual([
      ["alpha-q1", "first-letter"],
      ["alpha-q1b", "first-letter"],
      ["alpha-q2", "vowels"],
    ]);
  });
});

describe("editing the slots", () => {
  it("writes each change with its audit entry; an attempt in progress keeps its plan, a new one sees the change", async () => {
    const early = await createUser();
    const inProgress = (await startOrResumeAttempt(early, quizId)).id;
    as(instructor);

    // A variant leaves its slot; the last one stays.
    expect(await removeSlotVariantAction(null, { slotId: slot["first-letter"]!, questionId: question["alpha-q1b"]! })).toMatchObject({ ok: true });
    const variantAudit = await lastAudit();
    expect(variantAudit).toMatchObject({
      actorId: instructor.id,
      lectureId,
      entityType: "slot",
      entityId: slot["first-letter"],
      action: "slot.variants",
      summary: "Removed alpha-q1b from the variants of slot first-letter in “Alpha quiz”",
      before: { variants: ["alpha-q1", "alpha-q1b"] },
      after: { variants: ["alpha-q1"] },
    });
    const editedAt = (await db.quiz.findUniqueOrThrow({ where: { id: quizId } })).editedAt;
    expect(editedAt).not.toBeNull();
    expect(Math.abs(editedAt!.getTime() - variantAudit.createdAt.getTime())).toBeLessThan(5_000);
    expect(await removeSlotVariantAction(null, { slotId: slot["first-letter"]!, questionId: question["alpha-q1"]! })).toEqual({
      ok: false,
      code: "CONFLICT",
      message: "A slot keeps at least one question: remove the slot instead.",
      fieldErrors: { questionId: ["A slot keeps at least one question: remove the slot instead."] },
    });

    // A new slot from the bank.
    expect(await addSlotAction(null, { quizId, questionIds: [], maxMark: "0" })).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { questionIds: ["Choose at least one question."], maxMark: ["Enter a max mark above 0."] },
    });
    expect(await addSlotAction(null, { quizId, questionIds: question["alpha-q1"]!, maxMark: "1" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { questionIds: ["alpha-q1 is already a variant of slot first-letter."] },
    });
    const added = await addSlotAction(null, { quizId, questionIds: question["alpha-q1b"]!, maxMark: "2" });
    expect(added).toMatchObject({ ok: true, data: { key: "editor-alpha-q1b" }, message: "Slot editor-alpha-q1b added." });
    slot.editor = added.ok ? added.data.slotId : "";
    expect(await lastAudit()).toMatchObject({
      entityType: "slot",
      entityId: slot.editor,
      action: "slot.add",
      summary: "Added slot 3 (editor-alpha-q1b) to “Alpha quiz” with alpha-q1b, max mark 2",
      before: null,
      after: { key: "editor-alpha-q1b", position: 3, maxMark: 2, variants: ["alpha-q1b"] },
    });
    expect(await db.quizSlot.findUniqueOrThrow({ where: { id: slot.editor }, select: { source: true } })).toEqual({ source: "EDITOR" });

    // Max mark, order.
    expect(await setSlotMaxMarkAction(null, { slotId: slot.vowels!, maxMark: "-1" })).toMatchObject({
      ok: false,
      fieldErrors: { maxMark: ["Enter a max mark above 0."] },
    });
    expect(await setSlotMaxMarkAction(null, { slotId: slot.vowels!, maxMark: "3" })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await lastAudit()).toMatchObject({
      action: "slot.max-mark",
      entityId: slot.vowels,
      summary: "Changed the max mark of slot vowels in “Alpha quiz” from 1 to 3",
      before: { maxMark: 1 },
      after: { maxMark: 3 },
    });
    expect(await moveSlotAction(null, { slotId: slot.editor, direction: "up" })).toMatchObject({ ok: true, data: { moved: true, position: 1 } });
    expect(await lastAudit()).toMatchObject({
      action: "slot.move",
      summary: "Moved slot editor-alpha-q1b of “Alpha quiz” up from position 3 to 2",
      before: { position: 3 },
      after: { position: 2 },
    });
    const count = await auditCount();
    expect(await moveSlotAction(null, { slotId: slot["first-letter"]!, direction: "up" })).toMatchObject({ ok: true, data: { moved: false } });
    expect(await auditCount()).toBe(count);
    expect(await moveSlotAction(null, { slotId: slot.vowels!, direction: "sideways" })).toMatchObject({
      ok: false,
      fieldErrors: { direction: ["Move up or down."] },
    });
    expect(await liveSlots()).toEqual([
      ["first-letter", 0, 1],
      ["editor-alpha-q1b", 1, 2],
      ["vowels", 2, 3],
    ]);

    // Remove (retire) and undo.
    expect(await removeSlotAction(null, { slotId: slot.editor })).toMatchObject({ ok: true, message: "Slot editor-alpha-q1b removed." });
    const removal = await lastAudit();
    const retiredAt = (await db.quizSlot.findUniqueOrThrow({ where: { id: slot.editor } })).retiredAt!;
    expect(removal).toMatchObject({
      action: "slot.remove",
      summary: "Removed slot 2 (editor-alpha-q1b) from “Alpha quiz”",
      before: { position: 2, retiredAt: null },
      after: { position: null, retiredAt: retiredAt.toISOString() },
    });
    expect(await liveSlots()).toEqual([
      ["first-letter", 0, 1],
      ["vowels", 1, 3],
    ]);
    expect(await addSlotVariantAction(null, { slotId: slot.editor, questionId: question["alpha-q2"]! })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await restoreSlotAction(null, { slotId: slot.editor })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({
      action: "slot.restore",
      summary: "Restored slot editor-alpha-q1b to “Alpha quiz” as slot 2",
      before: { position: null, retiredAt: retiredAt.toISOString() },
      after: { position: 2, retiredAt: null },
    });
    expect(await liveSlots()).toEqual([
      ["first-letter", 0, 1],
      ["editor-alpha-q1b", 1, 2],
      ["vowels", 2, 3],
    ]);
    expect(await restoreSlotAction(null, { slotId: slot.editor })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "Slot editor-alpha-q1b is already in the quiz.",
    });

    // A variant joins a slot (and cannot be in two).
    expect(await addSlotVariantAction(null, { slotId: slot.vowels!, questionId: question["alpha-q1b"]! })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await removeSlotAction(null, { slotId: slot.editor })).toMatchObject({ ok: true });
    expect(await addSlotVariantAction(null, { slotId: slot["first-letter"]!, questionId: question["alpha-q1b"]! })).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({
      action: "slot.variants",
      summary: "Added alpha-q1b as a variant of slot first-letter in “Alpha quiz”",
      before: { variants: ["alpha-q1"] },
      after: { variants: ["alpha-q1", "alpha-q1b"] },
    });
    // The removed slot cannot come back while its question is in another slot.
    expect(await restoreSlotAction(null, { slotId: slot.editor })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "alpha-q1b is already a variant of slot first-letter.",
    });

    // The attempt started before all this keeps its two questions worth 1 each.
    const planned = await db.attempt.findUniqueOrThrow({
      where: { id: inProgress },
      select: { maxScore: true, responses: { orderBy: { position: "asc" }, select: { slotId: true, maxMark: true } } },
    });
    expect(planned).toEqual({
      maxScore: 2,
      responses: [
        { slotId: slot["first-letter"], maxMark: 1 },
        { slotId: slot.vowels, maxMark: 1 },
      ],
    });
    expect(await answerAllRight(early, inProgress)).toMatchObject({ score: 2, maxScore: 2 });

    // A new attempt sees the slots as they are now: vowels is worth 3.
    const late = await createUser();
    const fresh = (await startOrResumeAttempt(late, quizId)).id;
    const seen = await db.attempt.findUniqueOrThrow({
      where: { id: fresh },
      select: { maxScore: true, responses: { orderBy: { position: "asc" }, select: { slotId: true, maxMark: true } } },
    });
    expect(seen).toEqual({
      maxScore: 4,
      responses: [
        { slotId: slot["first-letter"], maxMark: 1 },
        { slotId: slot.vowels, maxMark: 3 },
      ],
    });
    expect(await answerAllRight(late, fresh)).toMatchObject({ score: 4, maxScore: 4 });

    // The last live slot stays.
    expect(await removeSlotAction(null, { slotId: slot.vowels! })).toMatchObject({ ok: true });
    expect(await removeSlotAction(null, { slotId: slot["first-letter"]! })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "A quiz needs at least one question slot: add another before removing this one.",
    });
    expect(await restoreSlotAction(null, { slotId: slot.vowels! })).toMatchObject({ ok: true });
    expect(await liveSlots()).toEqual([
      ["first-letter", 0, 1],
      ["vowels", 1, 3],
    ]);
  });
});

describe("editing the settings", () => {
  it("saves the settings with their audit entry, and answers bad input with field errors", async () => {
    as(instructor);
    const form = {
      quizId,
      title: "  Alpha quiz, edited ",
      attemptsAllowed: "",
      gradingPolicy: "LAST",
      timeLimitMinutes: "30",
      shuffleOptions: "on",
      opensAt: "2027-03-03T09:00",
      closesAt: "2027-03-10T17:30",
    };
    expect(await updateQuizSettingsAction(null, form)).toEqual({
      ok: true,
      data: { changed: true },
      message: "Settings saved. They apply to attempts started from now on.",
    });
    const quiz = await db.quiz.findUniqueOrThrow({ where: { id: quizId } });
    expect(quiz).toMatchObject({
      title: "Alpha quiz, edited",
      attemptsAllowed: null,
      gradingPolicy: "LAST",
      timeLimitSeconds: 1800,
      shuffleOptions: true,
      shuffleSlots: false,
      opensAt: new Date("2027-03-03T09:00:00.000Z"),
      closesAt: new Date("2027-03-10T17:30:00.000Z"),
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      actorId: instructor.id,
      lectureId,
      entityType: "quiz",
      entityId: quizId,
      action: "quiz.settings",
      summary:
        "Changed the settings of “Alpha quiz”: title “Alpha quiz” → “Alpha quiz, edited”; attempts allowed 3 → unlimited; grade best attempt → last attempt; " +
        "time limit none → 30 minutes; opens any time → 3 March 2027, 09:00 UTC; closes never → 10 March 2027, 17:30 UTC",
      before: { title: "Alpha quiz", attemptsAllowed: 3, gradingPolicy: "BEST", timeLimitMinutes: null, opensAt: null, closesAt: null },
      after: {
        title: "Alpha quiz, edited",
        attemptsAllowed: null,
        gradingPolicy: "LAST",
        timeLimitMinutes: 30,
        opensAt: "2027-03-03T09:00:00.000Z",
        closesAt: "2027-03-10T17:30:00.000Z",
      },
    });
    expect(quiz.editedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);

    // The same again changes nothing and writes no entry.
    const count = await auditCount();
    expect(await updateQuizSettingsAction(null, form)).toMatchObject({ ok: true, data: { changed: false } });
    expect(await auditCount()).toBe(count);

    expect(
      await updateQuizSettingsAction(null, {
        quizId,
        title: "  ",
        attemptsAllowed: "0",
        gradingPolicy: "MOST",
        timeLimitMinutes: "-5",
        opensAt: "soon",
        closesAt: "",
      }),
    ).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        title: ["Give the quiz a title."],
        attemptsAllowed: ["Enter a whole number of attempts (1 or more), or leave it empty for unlimited."],
        gradingPolicy: ["Choose the first, the last or the best attempt."],
        timeLimitMinutes: ["Enter a time limit in minutes above 0, or leave it empty for none."],
        opensAt: ["Enter the opening date and time (UTC), or leave it empty."],
      },
    });
    expect(await updateQuizSettingsAction(null, { ...form, attemptsAllowed: "2.5", opensAt: "2027-03-10T09:00", closesAt: "2027-03-03T09:00" })).toMatchObject({
      ok: false,
      fieldErrors: { attemptsAllowed: ["Enter a whole number of attempts (1 or more), or leave it empty for unlimited."] },
    });
    expect(await updateQuizSettingsAction(null, { ...form, opensAt: "2027-03-10T09:00", closesAt: "2027-03-03T09:00" })).toEqual({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { closesAt: ["The quiz must close after it opens."] },
    });
    expect(await auditCount()).toBe(count);
    expect(await updateQuizSettingsAction(null, { ...form, quizId: "nosuchquiz" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("the quiz's window", () => {
  const settings = { quizId: "", title: "Alpha quiz", attemptsAllowed: null, gradingPolicy: "BEST" as const, shuffleOptions: true, shuffleSlots: false };

  it("refuses a start before it opens and after it closes, in words, on the page too", async () => {
    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: null, opensAt: new Date("2027-03-03T09:00:00Z"), closesAt: null });
    const student = await createUser();
    await expect(startOrResumeAttempt(student, quizId)).rejects.toMatchObject({ code: "FORBIDDEN", message: "This quiz opens on 3 March 2027, 09:00 UTC" });
    expect(await getQuizOverview(student, "alpha")).toMatchObject({
      canStart: false,
      window: { state: "NOT_YET_OPEN", refusal: "This quiz opens on 3 March 2027, 09:00 UTC" },
    });

    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: null, opensAt: null, closesAt: new Date("2026-01-05T16:45:00Z") });
    await expect(startOrResumeAttempt(student, quizId)).rejects.toMatchObject({ code: "FORBIDDEN", message: "This quiz closed on 5 January 2026, 16:45 UTC" });
    expect(await getQuizOverview(student, "alpha")).toMatchObject({ canStart: false, window: { state: "CLOSED" } });
    expect(await db.attempt.count({ where: { userId: student.id } })).toBe(0);
  });

  it("caps an attempt's deadline at the closing time", async () => {
    const closesAt = new Date(Math.ceil((Date.now() + 10 * 60_000) / 1000) * 1000);
    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: 30, opensAt: new Date("2020-01-01T00:00:00Z"), closesAt });
    const capped = await createUser();
    const id = (await startOrResumeAttempt(capped, quizId)).id;
    expect((await db.attempt.findUniqueOrThrow({ where: { id } })).deadlineAt).toEqual(closesAt);
    expect(await getQuizOverview(capped, "alpha")).toMatchObject({ canStart: true, window: { state: "OPEN", refusal: null } });

    // A time limit that ends first is kept.
    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: 5, opensAt: null, closesAt });
    const limited = await createUser();
    const limitedId = (await startOrResumeAttempt(limited, quizId)).id;
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: limitedId } });
    expect(attempt.deadlineAt!.getTime() - attempt.startedAt.getTime()).toBe(5 * 60_000);

    // No limit: the closing is the deadline.
    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: null, opensAt: null, closesAt });
    const open = await createUser();
    const openId = (await startOrResumeAttempt(open, quizId)).id;
    expect((await db.attempt.findUniqueOrThrow({ where: { id: openId } })).deadlineAt).toEqual(closesAt);
  });

  it("shuffles the slots of attempts started after “shuffle questions” is ticked, by each attempt's seed", async () => {
    await updateQuizSettings(instructor, { ...settings, quizId, timeLimitMinutes: null, opensAt: null, closesAt: null, shuffleSlots: true });
    const slots = await db.quizSlot.findMany({ where: { quizId, retiredAt: null }, orderBy: { position: "asc" }, select: { id: true } });
    for (let i = 0; i < 6; i++) {
      const student = await createUser();
      const attemptId = (await startOrResumeAttempt(student, quizId)).id;
      const { seed } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { seed: true } });
      const shown = await db.response.findMany({ where: { attemptId }, orderBy: { position: "asc" }, select: { slotId: true } });
      expect(shown.map((r) => r.slotId)).toEqual(slotOrder(seed, slots, true).map((s) => s.id));
    }
  });
});
