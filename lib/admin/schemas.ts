import { z } from "zod";
import { normalizeName } from "../auth/names";
import { ROLES } from "../auth/roles";

export const updateUserAccessInput = z.object({
  userId: z.string().min(1, "Choose a user."),
  role: z.enum(ROLES, { error: "Choose a role: student, instructor or admin." }),
  /** "" = no cohort. */
  cohortId: z
    .string()
    .optional()
    .transform((value) => (value ? value : null)),
});

export const setUserDisabledInput = z.object({
  userId: z.string().min(1, "Choose a user."),
  /** From a form: "true" disables, "false" enables. */
  disabled: z.enum(["true", "false"], { error: "Choose whether to disable or enable the account." }).transform((value) => value === "true"),
});

export const createCohortInput = z.object({
  // Shown to students and staff beside people's names: normalised like a person's name.
  name: z
    .string({ error: "Enter a name for the cohort." })
    .transform(normalizeName)
    .pipe(z.string().min(1, "Enter a name for the cohort.").max(80, "Use at most 80 characters for a cohort name.")),
});

export const userListFilter = z.object({
  // Control characters (a NUL byte would make PostgreSQL fail the query) and invisible characters
  // cannot be part of a name or an email, so they are dropped from the search text; a search left
  // empty, or longer than any name, is no search.
  q: z.string().transform(normalizeName).pipe(z.string().min(1).max(100)).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type UpdateUserAccessInput = z.output<typeof updateUserAccessInput>;
export type SetUserDisabledInput = z.output<typeof setUserDisabledInput>;
export type UserListFilter = z.output<typeof userListFilter>;
