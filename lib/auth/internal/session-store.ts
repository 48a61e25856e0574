import "server-only";
import { randomBytes } from "node:crypto";
import { db, hotQuery } from "../../db";
import type { SessionUser } from "../roles";
import { liveSessionSql, type SessionClaims } from "../session-claims";
import { decodeSessionToken } from "../session-token";

// Server-side sessions. The cookie is a next-auth JWT, valid on its own for its whole lifetime; what
// makes it revocable is the random session id (`sid`) inside it, which must name a live row of the
// `sessions` table on every request. Sign-out revokes that row; "sign out on all devices", a role
// change and disabling the account revoke all the user's rows.

/** How long a session lasts after sign-in, however often next-auth refreshes the cookie. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const USER_AGENT_MAX_LENGTH = 200;

/** The client or an interactive transaction of it: both have the same `userSession` delegate. */
type Client = Pick<typeof db, "userSession">;

/**
 * Starts a session for `userId` and returns its id, for the cookie. The user's dead rows (expired or
 * revoked) are deleted on the way: sign-in is the moment the table is already being written for them.
 */
export async function startSession(userId: string, userAgent?: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.userSession.deleteMany({ where: { userId, OR: [{ expiresAt: { lte: now } }, { revokedAt: { not: null } }] } }),
    db.userSession.create({
      data: {
        id,
        userId,
        userAgent: userAgent?.slice(0, USER_AGENT_MAX_LENGTH) || null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      },
    }),
  ]);
  return id;
}

/** Ends one session (sign-out). Unknown or already revoked ids are a no-op. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of `userId`; returns how many were live. Takes a transaction client when part of one. */
export async function revokeAllSessions(userId: string, client: Client = db): Promise<number> {
  const { count } = await client.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

const SESSION_USER_SQL = `SELECT u.id, u.email, u.name, u.role::text AS role, u.cohort_id
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE ${liveSessionSql("$1", "$2")}`;

/**
 * The signed-in user behind a session, or null when the session is unknown, revoked or expired, the
 * account is disabled or gone, or the session belongs to someone else (liveSessionSql). Runs on
 * every request, so it is one plain SQL statement (no query compilation) through the hot-path pool.
 */
export async function findSessionUser(userId: string, sessionId: string): Promise<SessionUser | null> {
  const [user] = await hotQuery<{ id: string; email: string; name: string; role: SessionUser["role"]; cohort_id: string | null }>(SESSION_USER_SQL, [
    sessionId,
    userId,
  ]);
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role, cohortId: user.cohort_id } : null;
}

/** The session id a decoded cookie carries, if any. Cookies issued before sessions existed carry none. */
export function sessionIdOf(payload: object | null | undefined): string | null {
  const sid = (payload as { sid?: unknown } | null | undefined)?.sid;
  return typeof sid === "string" && sid ? sid : null;
}

/** The claims of a session cookie's value: decrypted and checked (signature, expiry), not yet looked up. */
export async function sessionClaimsFromToken(token: string, secret: string): Promise<SessionClaims | null> {
  const payload = await decodeSessionToken(token, secret);
  const userId = typeof payload?.sub === "string" ? payload.sub : null;
  const sessionId = sessionIdOf(payload);
  return userId && sessionId ? { userId, sessionId } : null;
}

/** The user behind a session cookie's value: its claims, then their session looked up. */
export async function sessionUserFromToken(token: string, secret: string): Promise<SessionUser | null> {
  const claims = await sessionClaimsFromToken(token, secret);
  return claims ? findSessionUser(claims.userId, claims.sessionId) : null;
}
