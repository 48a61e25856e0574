"use server";
// The editor's server actions: the live preview (with its checks) and the save. Staff only, in the
// wrapper and again in the data layer.
import { revalidatePath } from "next/cache";
import { authedAction } from "../actions/safe-action";
import { STAFF_ROLES } from "../auth/roles";
import { previewQuestion, saveQuestion } from "./save";
import { previewQuestionInput, saveQuestionInput } from "./schemas";

export const previewQuestionAction = authedAction({ name: "questionEditor.preview", schema: previewQuestionInput, roles: STAFF_ROLES }, (input, user) =>
  previewQuestion(user, input),
);

export const saveQuestionAction = authedAction({ name: "questionEditor.save", schema: saveQuestionInput, roles: STAFF_ROLES }, async (input, user) => {
  const result = await saveQuestion(user, input);
  if (result.status === "saved" || result.status === "topic-changed") {
    revalidatePath(`/instructor/questions/${input.questionId}`);
    revalidatePath("/instructor/questions");
  }
  return result;
});
