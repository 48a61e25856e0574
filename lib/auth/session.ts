import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "../generated/prisma/enums";
import { getAuthSecret } from "../env";
import type { SessionUser } from "./roles";
import { sessionUserFromToken } from "./internal/session-store";

// next-auth's session cookie: "__Secure-" prefixed when the site is served over HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user for this request, or null. The session cookie is decrypted and checked
 * (signature, expiry) directly, without running next-auth's whole session handler on every request,
 * then its server-side session and the user are read in one query, so revocations apply at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const store = await cookies();
  const token = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  return token ? sessionUserFromToken(token, getAuthSecret()) : null;
});

/**
 * Deletes this browser's session cookie (from a server action). A "__Secure-" cookie can only be
 * overwritten by a Secure cookie, so each name is expired with the attributes it was set with.
 */
export async function clearSessionCookies(): Promise<void> {
  const store = await cookies();
  for (const name of SESSION_COOKIES) {
    if (store.has(name)) store.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}

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
