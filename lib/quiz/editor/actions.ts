"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../../actions/safe-action";
import { STAFF_ROLES } from "../../auth/roles";
import { updateQuizSettings } from "./settings";
import { addSlot, addSlotVariant, moveSlot, removeSlot, removeSlotVariant, restoreSlot, setSlotMaxMark } from "./slots";
import { addSlotInput, moveSlotInput, quizSettingsInput, slotInput, slotMaxMarkInput, slotVariantInput } from "./schemas";

// Each action is checked twice for staff: here (the wrapper) and in the data layer it calls. The
// editor page, the dashboard and the student's quiz page show what changed on their next render.
const editorPaths = ["/instructor/quizzes/[quizId]/edit", "/instructor/quizzes/[quizId]", "/lectures/[slug]/quiz"] as const;
const refresh = () => editorPaths.forEach((path) => revalidatePath(path, "page"));

export const updateQuizSettingsAction = authedAction(
  { name: "quizEditor.updateSettings", schema: quizSettingsInput, roles: STAFF_ROLES },
  async (input, viewer) => {
    const { changed } = await updateQuizSettings(viewer, input);
    refresh();
    return {
      ok: true as const,
      data: { changed },
      message: changed ? "Settings saved. They apply to attempts started from now on." : "Nothing to save: no setting changed.",
    };
  },
);

export const addSlotAction = authedAction({ name: "quizEditor.addSlot", schema: addSlotInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const added = await addSlot(viewer, input);
  refresh();
  return { ok: true as const, data: added, message: `Slot ${added.key} added.` };
});

export const removeSlotAction = authedAction({ name: "quizEditor.removeSlot", schema: slotInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const removed = await removeSlot(viewer, input.slotId);
  refresh();
  return { ok: true as const, data: removed, message: `Slot ${removed.key} removed.` };
});

export const restoreSlotAction = authedAction({ name: "quizEditor.restoreSlot", schema: slotInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const restored = await restoreSlot(viewer, input.slotId);
  refresh();
  return { ok: true as const, data: restored, message: `Slot ${restored.key} restored.` };
});

export const moveSlotAction = authedAction({ name: "quizEditor.moveSlot", schema: moveSlotInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const moved = await moveSlot(viewer, input);
  refresh();
  return { ok: true as const, data: moved, message: moved.moved ? `Moved to position ${moved.position + 1}.` : "Already at that end of the quiz." };
});

export const addSlotVariantAction = authedAction({ name: "quizEditor.addVariant", schema: slotVariantInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const data = await addSlotVariant(viewer, input);
  refresh();
  return { ok: true as const, data, message: "Variant added." };
});

export const removeSlotVariantAction = authedAction(
  { name: "quizEditor.removeVariant", schema: slotVariantInput, roles: STAFF_ROLES },
  async (input, viewer) => {
    const data = await removeSlotVariant(viewer, input);
    refresh();
    return { ok: true as const, data, message: "Variant removed." };
  },
);

export const setSlotMaxMarkAction = authedAction({ name: "quizEditor.setMaxMark", schema: slotMaxMarkInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const data = await setSlotMaxMark(viewer, input);
  refresh();
  return { ok: true as const, data, message: data.changed ? "Max mark saved." : "The max mark is unchanged." };
});
