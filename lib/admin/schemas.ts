import { z } from "zod";
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

export const createCohortInput = z.object({
  name: z
    .string({ error: "Enter a name for the cohort." })
    .trim()
    .min(1, "Enter a name for the cohort.")
    .max(80, "Use at most 80 characters for a cohort name."),
});

export const userListFilter = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type UpdateUserAccessInput = z.output<typeof updateUserAccessInput>;
export type UserListFilter = z.output<typeof userListFilter>;
