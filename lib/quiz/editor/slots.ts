import "server-only";
// The quiz editor's slot changes: add, remove (retire, never delete: past responses point at the
// slot), restore, move, the variants and the max mark. Each is one transaction under the quiz's lock
// (internal/edit.ts); the live slots' positions stay 0, 1, 2, … in order. A removed slot keeps its
// last position, so restoring it puts it back where it was. Attempts in progress keep their plan
// (their responses were written at the start); attempts started afterwards see the change.
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import type { DbTransaction } from "../../db-client";
import { ActionError } from "../../errors";
import { editQuiz, quizIdOfSlot, type EditedQuiz } from "./internal/edit";
import type { AddSlotInput, MoveSlotInput, SlotMaxMarkInput, SlotVariantInput } from "./schemas";

/** Positions as people count them (1 = first), in summaries and in the audit's before and after. */
const ordinal = (position: number) => position + 1;

async function liveSlots(tx: DbTransaction, quizId: string) {
  return tx.quizSlot.findMany({ where: { quizId, retiredAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, position: true } });
}

/** Gives the slots, in this order, positions 0, 1, 2, …; writes only those that move. */
async function renumber(tx: DbTransaction, slots: { id: string; position: number }[]) {
  for (const [position, slot] of slots.entries()) {
    if (slot.position !== position) await tx.quizSlot.update({ where: { id: slot.id }, data: { position } });
  }
}

/** The slot of the locked quiz with its variants, or NOT_FOUND. */
async function slotOf(tx: DbTransaction, quiz: EditedQuiz, slotId: string) {
  const slot = await tx.quizSlot.findFirst({
    where: { id: slotId, quizId: quiz.id },
    select: {
      id: true,
      key: true,
      position: true,
      maxMark: true,
      retiredAt: true,
      variants: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, questionId: true, question: { select: { externalKey: true } } } },
    },
  });
  if (!slot) throw new ActionError("NOT_FOUND", "That question slot does not exist.");
  return slot;
}

async function liveSlotOf(tx: DbTransaction, quiz: EditedQuiz, slotId: string) {
  const slot = await slotOf(tx, quiz, slotId);
  if (slot.retiredAt) throw new ActionError("CONFLICT", `Slot ${slot.key} was removed from the quiz: restore it first.`);
  return slot;
}

/** The lecture's questions with these ids, none of them a variant of a live slot of the quiz (else a field error on `field`). */
async function questionsToAdd(tx: DbTransaction, quiz: EditedQuiz, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  const questions = await tx.question.findMany({ where: { id: { in: unique }, lectureId: quiz.lectureId }, select: { id: true, externalKey: true } });
  if (questions.length !== unique.length) {
    throw new ActionError("VALIDATION", "Choose questions of this lecture's bank.", { [field]: ["Choose questions of this lecture's bank."] });
  }
  await assertNotInLiveSlot(tx, quiz, unique, field);
  const byId = new Map(questions.map((q) => [q.id, q]));
  return unique.map((id) => byId.get(id)!);
}

/** A question is a variant of one live slot of a quiz at most (as quiz.json's schema says): else CONFLICT with a field error on `field`. */
async function assertNotInLiveSlot(tx: DbTransaction, quiz: EditedQuiz, questionIds: string[], field: string) {
  const taken = await tx.quizSlotVariant.findMany({
    where: { questionId: { in: questionIds }, slot: { quizId: quiz.id, retiredAt: null } },
    select: { question: { select: { externalKey: true } }, slot: { select: { key: true } } },
  });
  if (taken.length === 0) return;
  const message = taken.map((t) => `${t.question.externalKey} is already a variant of slot ${t.slot.key}.`).join(" ");
  throw new ActionError("CONFLICT", message, { [field]: [message] });
}

/** A slot key for the editor's slot: "editor-<first question's key>", with "-2", "-3", … when taken. */
async function freeSlotKey(tx: DbTransaction, quizId: string, base: string) {
  const used = new Set((await tx.quizSlot.findMany({ where: { quizId, key: { startsWith: base } }, select: { key: true } })).map((s) => s.key));
  let key = base;
  for (let n = 2; used.has(key); n += 1) key = `${base}-${n}`;
  return key;
}

export async function addSlot(viewer: Viewer, input: AddSlotInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, input.quizId, async (tx, quiz) => {
    const questions = await questionsToAdd(tx, quiz, input.questionIds, "questionIds");
    const live = await liveSlots(tx, quiz.id);
    await renumber(tx, live);
    const key = await freeSlotKey(tx, quiz.id, `editor-${questions[0]!.externalKey}`);
    const slot = await tx.quizSlot.create({
      data: {
        quizId: quiz.id,
        key,
        position: live.length,
        maxMark: input.maxMark,
        source: "EDITOR",
        variants: { create: questions.map((q, position) => ({ questionId: q.id, position })) },
      },
      select: { id: true },
    });
    const variants = questions.map((q) => q.externalKey);
    return {
      result: { slotId: slot.id, key },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.add",
        summary: `Added slot ${ordinal(live.length)} (${key}) to “${quiz.title}” with ${variants.join(", ")}, max mark ${input.maxMark}`,
        before: null,
        after: { key, position: ordinal(live.length), maxMark: input.maxMark, variants },
      },
    };
  });
}

export async function removeSlot(viewer: Viewer, slotId: string) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(slotId), async (tx, quiz, now) => {
    const slot = await liveSlotOf(tx, quiz, slotId);
    const live = await liveSlots(tx, quiz.id);
    if (live.length === 1) throw new ActionError("CONFLICT", "A quiz needs at least one question slot: add another before removing this one.");
    const at = live.findIndex((s) => s.id === slot.id);
    await tx.quizSlot.update({ where: { id: slot.id }, data: { retiredAt: now, position: at } });
    await renumber(
      tx,
      live.filter((s) => s.id !== slot.id),
    );
    return {
      result: { slotId: slot.id, key: slot.key },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.remove",
        summary: `Removed slot ${ordinal(at)} (${slot.key}) from “${quiz.title}”`,
        before: { position: ordinal(at), retiredAt: null },
        after: { position: null, retiredAt: now.toISOString() },
      },
    };
  });
}

export async function restoreSlot(viewer: Viewer, slotId: string) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(slotId), async (tx, quiz) => {
    const slot = await slotOf(tx, quiz, slotId);
    if (!slot.retiredAt) throw new ActionError("CONFLICT", `Slot ${slot.key} is already in the quiz.`);
    // Its questions may have joined another slot since it was removed.
    await assertNotInLiveSlot(
      tx,
      quiz,
      slot.variants.map((v) => v.questionId),
      "slotId",
    );
    const live = await liveSlots(tx, quiz.id);
    const at = Math.min(slot.position, live.length);
    await tx.quizSlot.update({ where: { id: slot.id }, data: { retiredAt: null, position: at } });
    await renumber(tx, [...live.slice(0, at), { id: slot.id, position: at }, ...live.slice(at)]);
    return {
      result: { slotId: slot.id, key: slot.key },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.restore",
        summary: `Restored slot ${slot.key} to “${quiz.title}” as slot ${ordinal(at)}`,
        before: { position: null, retiredAt: slot.retiredAt.toISOString() },
        after: { position: ordinal(at), retiredAt: null },
      },
    };
  });
}

export async function moveSlot(viewer: Viewer, input: MoveSlotInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(input.slotId), async (tx, quiz) => {
    const slot = await liveSlotOf(tx, quiz, input.slotId);
    const live = await liveSlots(tx, quiz.id);
    const from = live.findIndex((s) => s.id === slot.id);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= live.length) return { result: { moved: false, position: from }, audit: null };
    const order = [...live];
    [order[from], order[to]] = [order[to]!, order[from]!];
    await renumber(tx, order);
    return {
      result: { moved: true, position: to },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.move",
        summary: `Moved slot ${slot.key} of “${quiz.title}” ${input.direction} from position ${ordinal(from)} to ${ordinal(to)}`,
        before: { position: ordinal(from) },
        after: { position: ordinal(to) },
      },
    };
  });
}

export async function addSlotVariant(viewer: Viewer, input: SlotVariantInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(input.slotId), async (tx, quiz) => {
    const slot = await liveSlotOf(tx, quiz, input.slotId);
    const [question] = await questionsToAdd(tx, quiz, [input.questionId], "questionId");
    await tx.quizSlotVariant.create({ data: { slotId: slot.id, questionId: question!.id, position: slot.variants.length } });
    const before = slot.variants.map((v) => v.question.externalKey);
    return {
      result: { slotId: slot.id },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.variants",
        summary: `Added ${question!.externalKey} as a variant of slot ${slot.key} in “${quiz.title}”`,
        before: { variants: before },
        after: { variants: [...before, question!.externalKey] },
      },
    };
  });
}

export async function removeSlotVariant(viewer: Viewer, input: SlotVariantInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(input.slotId), async (tx, quiz) => {
    const slot = await liveSlotOf(tx, quiz, input.slotId);
    const variant = slot.variants.find((v) => v.questionId === input.questionId);
    if (!variant) throw new ActionError("NOT_FOUND", "That question is not a variant of this slot.", { questionId: ["Not a variant of this slot."] });
    if (slot.variants.length === 1) {
      const message = "A slot keeps at least one question: remove the slot instead.";
      throw new ActionError("CONFLICT", message, { questionId: [message] });
    }
    await tx.quizSlotVariant.delete({ where: { id: variant.id } });
    const rest = slot.variants.filter((v) => v.id !== variant.id);
    for (const [position, v] of rest.entries()) await tx.quizSlotVariant.update({ where: { id: v.id }, data: { position } });
    return {
      result: { slotId: slot.id },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.variants",
        summary: `Removed ${variant.question.externalKey} from the variants of slot ${slot.key} in “${quiz.title}”`,
        before: { variants: slot.variants.map((v) => v.question.externalKey) },
        after: { variants: rest.map((v) => v.question.externalKey) },
      },
    };
  });
}

export async function setSlotMaxMark(viewer: Viewer, input: SlotMaxMarkInput) {
  assertRole(viewer, STAFF_ROLES);
  return editQuiz(viewer, await quizIdOfSlot(input.slotId), async (tx, quiz) => {
    const slot = await liveSlotOf(tx, quiz, input.slotId);
    if (slot.maxMark === input.maxMark) return { result: { slotId: slot.id, changed: false }, audit: null };
    await tx.quizSlot.update({ where: { id: slot.id }, data: { maxMark: input.maxMark } });
    return {
      result: { slotId: slot.id, changed: true },
      audit: {
        entityType: "slot",
        entityId: slot.id,
        action: "slot.max-mark",
        summary: `Changed the max mark of slot ${slot.key} in “${quiz.title}” from ${slot.maxMark} to ${input.maxMark}`,
        before: { maxMark: slot.maxMark },
        after: { maxMark: input.maxMark },
      },
    };
  });
}
