"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../actions/safe-action";
import { ADMIN_ROLES, ROLE_LABELS } from "../auth/roles";
import { createCohort, updateUserAccess } from "./data";
import { createCohortInput, updateUserAccessInput } from "./schemas";

export const updateUserAccessAction = authedAction({ schema: updateUserAccessInput, roles: ADMIN_ROLES }, async (input, user) => {
  const updated = await updateUserAccess(user, input);
  revalidatePath("/admin/users");
  return {
    ok: true as const,
    data: { id: updated.id },
    message: `Saved: ${updated.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}${updated.cohort ? ` in ${updated.cohort.name}` : ""}.`,
  };
});

export const createCohortAction = authedAction({ schema: createCohortInput, roles: ADMIN_ROLES }, async (input, user) => {
  const cohort = await createCohort(user, input.name);
  revalidatePath("/admin/users");
  return { ok: true as const, data: { id: cohort.id }, message: `Cohort “${cohort.name}” created.` };
});
