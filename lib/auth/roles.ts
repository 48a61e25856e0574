// Roles and what each may do. Pure: used by the data layer's checks and by the UI to decide what to show.
import type { Role } from "../generated/prisma/enums";
import { ForbiddenError, UnauthenticatedError } from "../errors";

export const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  STUDENT: "Student",
  INSTRUCTOR: "Instructor",
  ADMIN: "Admin",
};

/** The user as every loader and action sees it: no password hash, no session internals. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  cohortId: string | null;
}

export function hasRole(user: Pick<SessionUser, "role"> | null | undefined, roles: readonly Role[]): boolean {
  return !!user && roles.includes(user.role);
}

/** Throws unless `user` is signed in and holds one of `roles`. Data-layer functions call this first. */
export function assertRole(user: SessionUser | null | undefined, roles: readonly Role[]): asserts user is SessionUser {
  if (!user?.id) throw new UnauthenticatedError();
  if (!roles.includes(user.role)) throw new ForbiddenError();
}

export const STAFF_ROLES = ["INSTRUCTOR", "ADMIN"] as const satisfies readonly Role[];
export const ADMIN_ROLES = ["ADMIN"] as const satisfies readonly Role[];
