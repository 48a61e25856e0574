"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../../actions/safe-action";
import { addExamDate, removeExamDate } from "./data";
import { addExamDateInput, removeExamDateInput } from "./schemas";

/** Adds an exam date (the class's for staff, the student's own otherwise); scheduling then plans for it. */
export const addExamDateAction = authedAction({ name: "review.addExamDate", schema: addExamDateInput }, async (input, viewer) => {
  const added = await addExamDate(viewer, input);
  revalidatePath("/review");
  revalidatePath("/instructor/schedule");
  return added;
});

/** Removes an exam date the viewer may remove. */
export const removeExamDateAction = authedAction({ name: "review.removeExamDate", schema: removeExamDateInput }, async (input, viewer) => {
  await removeExamDate(viewer, input.examDateId);
  revalidatePath("/review");
  revalidatePath("/instructor/schedule");
});
