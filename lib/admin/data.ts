import "server-only";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { ADMIN_ROLES, assertRole } from "../auth/roles";
import { revokeAllSessions } from "../auth/internal/session-store";
import type { Viewer } from "../auth/viewer";
import type { SetUserDisabledInput, UpdateUserAccessInput, UserListFilter } from "./schemas";

export const USERS_PAGE_SIZE = 50;

const adminUserRowSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
  disabledAt: true,
  cohort: { select: { id: true, name: true } },
} as const satisfies Prisma.UserSelect;

export type AdminUserRow = Prisma.UserGetPayload<{ select: typeof adminUserRowSelect }>;

/** Users for the admin page, newest first, filtered by a search text and a role. Admins only. */
export async function listUsers(actor: Viewer, filter: UserListFilter = {}) {
  assertRole(actor, ADMIN_ROLES);
  const page = filter.page ?? 1;
  const where: Prisma.UserWhereInput = {
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.q ? { OR: [{ email: { contains: filter.q, mode: "insensitive" } }, { name: { contains: filter.q, mode: "insensitive" } }] } : {}),
  };
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      select: adminUserRowSelect,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
    db.user.count({ where }),
  ]);
  return { users, total, page, pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

export async function listCohorts(actor: Viewer) {
  assertRole(actor, ADMIN_ROLES);
  return db.cohort.findMany({ select: { id: true, name: true, _count: { select: { users: true } } }, orderBy: { name: "asc" } });
}

/**
 * Changes a user's role and cohort. An admin cannot change their own role (no locking yourself out).
 * A role change ends all of the user's sessions: whoever holds one of their cookies signs in again
 * under the new role (a cohort change alone does not).
 */
export async function updateUserAccess(actor: Viewer, input: UpdateUserAccessInput): Promise<AdminUserRow> {
  assertRole(actor, ADMIN_ROLES);
  if (input.userId === actor.id && input.role !== actor.role) {
    throw new ActionError("FORBIDDEN", "You cannot change your own role. Ask another admin to do it.", {
      role: ["You cannot change your own role."],
    });
  }
  if (input.cohortId) {
    const cohort = await db.cohort.findUnique({ where: { id: input.cohortId }, select: { id: true } });
    if (!cohort) throw new ActionError("VALIDATION", "That cohort no longer exists.", { cohortId: ["That cohort no longer exists."] });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: input.userId }, select: { role: true } });
    if (!before) throw new NotFoundError("That user no longer exists.");
    const updated = await tx.user.update({ where: { id: input.userId }, data: { role: input.role, cohortId: input.cohortId }, select: adminUserRowSelect });
    if (before.role !== updated.role) await revokeAllSessions(updated.id, tx);
    return updated;
  });
}

/**
 * Disables an account (it cannot sign in, and all its sessions end) or enables it again. An admin
 * cannot disable themselves: the last admin could otherwise lock everyone out of the admin pages.
 */
export async function setUserDisabled(actor: Viewer, input: SetUserDisabledInput): Promise<AdminUserRow> {
  assertRole(actor, ADMIN_ROLES);
  if (input.userId === actor.id && input.disabled) {
    throw new ActionError("FORBIDDEN", "You cannot disable your own account. Ask another admin to do it.");
  }
  return db.$transaction(async (tx) => {
    const result = await tx.user.updateMany({ where: { id: input.userId }, data: { disabledAt: input.disabled ? new Date() : null } });
    if (result.count === 0) throw new NotFoundError("That user no longer exists.");
    if (input.disabled) await revokeAllSessions(input.userId, tx);
    return tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: adminUserRowSelect });
  });
}

export async function createCohort(actor: Viewer, name: string) {
  assertRole(actor, ADMIN_ROLES);
  try {
    return await db.cohort.create({ data: { name }, select: { id: true, name: true } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ActionError("CONFLICT", `A cohort named “${name}” already exists.`, { name: ["A cohort with this name already exists."] });
    }
    throw error;
  }
}
