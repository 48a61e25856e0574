"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../../actions/safe-action";
import { STAFF_ROLES } from "../../auth/roles";
import { approveGeneratedItem, rejectGeneratedItem } from "./data";
import { approveItemInput, rejectItemInput } from "./schemas";

export const approveGeneratedItemAction = authedAction({ name: "generate.approve", schema: approveItemInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const result = await approveGeneratedItem(viewer, input);
  revalidatePath("/instructor/generated");
  return result;
});

export const rejectGeneratedItemAction = authedAction({ name: "generate.reject", schema: rejectItemInput, roles: STAFF_ROLES }, async (input, viewer) => {
  const result = await rejectGeneratedItem(viewer, input);
  revalidatePath("/instructor/generated");
  return result;
});
