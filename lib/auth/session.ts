import "server-only";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { cookies } from "next/headers";
import { cache } from "react";
import { getAuthSecret } from "../env";
import type { SessionUser } from "./roles";
import { sessionClaimsFromToken, sessionUserFromToken } from "./internal/session-store";
import type { SessionClaims } from "./session-claims";

// next-auth's session cookie: "__Secure-" prefixed when the site is served over HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The signed-in user for this request, or null. The session cookie is decrypted and checked
 * (signature, expiry) directly, without running next-auth's whole session handler on every request,
 * then its server-side session and the user are read in one query, so revocations apply at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => userFromCookies(await cookies()));

/**
 * This request's session cookie's claims (signature and expiry checked), or null, without looking the
 * session up: only for a statement that checks the session itself (liveSessionSql), see
 * sessionCheckedAction in lib/actions/safe-action.ts. Anything else takes getCurrentUser().
 */
export const getSessionClaims = cache(async (): Promise<SessionClaims | null> => {
  const token = sessionTokenOf(await cookies());
  return token ? sessionClaimsFromToken(token, getAuthSecret()) : null;
});

/** The same for a route handler, from the request's own Cookie header (what withViewer reads). */
export async function getRequestUser(request: Request): Promise<SessionUser | null> {
  return userFromCookies(new RequestCookies(request.headers));
}

type CookieStore = { get(name: string): { value: string } | undefined };

const sessionTokenOf = (store: CookieStore) => SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);

async function userFromCookies(store: CookieStore): Promise<SessionUser | null> {
  const token = sessionTokenOf(store);
  return token ? sessionUserFromToken(token, getAuthSecret()) : null;
}

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
