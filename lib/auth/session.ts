import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "../generated/prisma/enums";
import { findSessionUser } from "./data";
import { getAuthSecret } from "../env";
import { decodeSessionToken } from "./session-token";
import type { SessionUser } from "./roles";

// next-auth's session cookie: "__Secure-" prefixed when the site is served over HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user for this request, or null. The session cookie is decrypted and checked
 * (signature, expiry) directly, without running next-auth's whole session handler on every request,
 * then the user is read from the database (one query), so roles and revocations apply at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const store = await cookies();
  const token = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  if (!token) return null;
  const payload = await decodeSessionToken(token, getAuthSecret());
  const userId = typeof payload?.sub === "string" ? payload.sub : null;
  if (!userId) return null;
  return findSessionUser(userId, typeof payload?.sv === "number" ? payload.sv : 0);
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
