"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../actions/safe-action";
import { ADMIN_ROLES, ROLE_LABELS } from "../auth/roles";
import { createCohort, setUserDisabled, updateUserAccess } from "./data";
import { createCohortInput, setUserDisabledInput, updateUserAccessInput } from "./schemas";

export const updateUserAccessAction = authedAction(
  { name: "admin.updateUserAccess", schema: updateUserAccessInput, roles: ADMIN_ROLES },
  async (input, user) => {
    const updated = await updateUserAccess(user, input);
    revalidatePath("/admin/users");
    return {
      ok: true as const,
      data: { id: updated.id },
      message: `Saved: ${updated.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}${updated.cohort ? ` in ${updated.cohort.name}` : ""}.`,
    };
  },
);

export const setUserDisabledAction = authedAction({ name: "admin.setUserDisabled", schema: setUserDisabledInput, roles: ADMIN_ROLES }, async (input, user) => {
  const updated = await setUserDisabled(user, input);
  revalidatePath("/admin/users");
  return {
    ok: true as const,
    data: { id: updated.id, disabled: updated.disabledAt !== null },
    message: updated.disabledAt
      ? `Disabled: ${updated.name} (${updated.email}) can no longer sign in and was signed out everywhere.`
      : `Enabled: ${updated.name} (${updated.email}) can sign in again.`,
  };
});

export const createCohortAction = authedAction({ name: "admin.createCohort", schema: createCohortInput, roles: ADMIN_ROLES }, async (input, user) => {
  const cohort = await createCohort(user, input.name);
  revalidatePath("/admin/users");
  return { ok: true as const, data: { id: cohort.id }, message: `Cohort “${cohort.name}” created.` };
});
