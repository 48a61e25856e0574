"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../../actions/safe-action";
import { requestRefit, setDesiredRetention } from "./data";
import { requestRefitInput, setRetentionInput } from "./schemas";

/** Sets the retention the viewer's cards are scheduled for (their due dates are recomputed in the background). */
export const setRetentionAction = authedAction({ name: "review.setRetention", schema: setRetentionInput }, async (input, viewer) => {
  await setDesiredRetention(viewer, input.desiredRetention);
  revalidatePath("/review");
});

/** Queues a refit of the viewer's FSRS parameters (a background job). */
export const requestRefitAction = authedAction({ name: "review.requestRefit", schema: requestRefitInput }, async (_input, viewer) => {
  const result = await requestRefit(viewer);
  revalidatePath("/review");
  return result;
});
