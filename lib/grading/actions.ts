"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "../actions/safe-action";
import { STAFF_ROLES } from "../auth/roles";
import { NotFoundError } from "../errors";
import { getGradingQueue, gradeResponse, requestHandGrading } from "./hand-grading";
import { applyRegrade } from "./regrade";
import { applyRegradeInput, gradeResponseInput, requestGradingInput } from "./schemas";

export const applyRegradeAction = authedAction({ name: "grading.applyRegrade", schema: applyRegradeInput, roles: STAFF_ROLES }, async (input, user) => {
  const outcome = await applyRegrade(user, input);
  if (!outcome) throw new NotFoundError("That question is not in this quiz.");
  revalidatePath(`/instructor/quizzes/${input.quizId}`, "layout");
  redirect(`/instructor/quizzes/${input.quizId}/slots/${input.slotId}/regrade?applied=${outcome.regradeId}`);
});

/** Where the grading page goes next: the next waiting answer, with the same filters. */
function gradingPath(filters: { quizId?: string; blind?: boolean }, responseId?: string | null, done = false): string {
  const query = new URLSearchParams();
  if (done) query.set("done", "1");
  if (filters.quizId) query.set("quiz", filters.quizId);
  if (filters.blind) query.set("blind", "1");
  if (responseId) query.set("response", responseId);
  const text = query.toString();
  return `/instructor/grading${text ? `?${text}` : ""}`;
}

export const gradeResponseAction = authedAction({ name: "grading.gradeResponse", schema: gradeResponseInput, roles: STAFF_ROLES }, async (input, user) => {
  await gradeResponse(user, input);
  revalidatePath("/instructor", "layout");
  const next = await getGradingQueue(user, { quizId: input.quizId });
  redirect(gradingPath({ quizId: input.quizId, blind: input.blind }, next.item?.responseId, !next.item));
});

export const requestHandGradingAction = authedAction(
  { name: "grading.requestHandGrading", schema: requestGradingInput, roles: STAFF_ROLES },
  async (input, user) => {
    await requestHandGrading(user, input.responseId);
    redirect(gradingPath({}, input.responseId));
  },
);
