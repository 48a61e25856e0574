// What a session cookie claims, and the one rule that makes a claim good. The cookie (signed and
// encrypted) says who and which session; the `sessions` row says whether that session still stands.
// Every lookup checks the row with liveSessionSql: the session lookup behind getCurrentUser, and
// the one statement that checks it itself to save a round trip (the answer save).
import type { SessionUser } from "./roles";

/** A session cookie's claims, its signature and expiry checked: who, and which server-side session. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

/** Claims whose session a statement checks itself, with the full lookup for when it wrote nothing. */
export interface ClaimedSession extends SessionClaims {
  /** The signed-in user (the session looked up, as for any other action); throws UNAUTHENTICATED when it is not live. */
  user(): Promise<SessionUser>;
}

/**
 * The condition that session `s` (joined to its user `u`) is the live session `sessionParam` of user
 * `userParam` (placeholders such as "$1"): not revoked, within its lifetime, its account enabled.
 * Prisma stores `timestamp` columns in UTC, so the expiry is compared with the time in UTC, whatever
 * the server's zone.
 */
export function liveSessionSql(sessionParam: string, userParam: string): string {
  return `s.id = ${sessionParam} AND s.user_id = ${userParam} AND s.revoked_at IS NULL AND s.expires_at > (now() AT TIME ZONE 'UTC') AND u.disabled_at IS NULL`;
}
