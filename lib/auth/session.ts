import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "../generated/prisma/enums";
import { findSessionUser } from "./data";
import { getAuthOptions } from "./options";
import type { SessionUser } from "./roles";

/** The signed-in user for this request (one database read per request), or null. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(getAuthOptions())) as { user?: { id?: string }; sv?: number } | null;
  const userId = session?.user?.id;
  if (!userId) return null;
  return findSessionUser(userId, typeof session.sv === "number" ? session.sv : 0);
});

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}

/** For pages: the signed-in user holding one of `roles`; anyone else gets 403. */
export async function requireRole(roles: readonly Role[], returnTo?: string): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
