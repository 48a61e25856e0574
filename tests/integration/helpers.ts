import { encode } from "next-auth/jwt";
import { SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/internal/session-store";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";

let counter = 0;

/** Creates a user directly in the database and returns it as the data layer sees a signed-in user. */
export async function createUser(role: Role = "STUDENT", password = "a long test password"): Promise<SessionUser & { password: string }> {
  counter += 1;
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${counter}-${Date.now()}@example.com`, name: `${role} ${counter}`, role, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, name: true, role: true, cohortId: true },
  });
  return { ...user, password };
}

/**
 * The Cookie header a browser signed in as `user` sends: a live server-side session and next-auth's
 * own encoding of the token the app's jwt callback makes ({ sub, sid }), with the app's secret.
 */
export async function sessionCookieFor(user: Pick<SessionUser, "id">): Promise<string> {
  const sessionId = await startSession(user.id, "vitest");
  const token = await encode({ token: { sub: user.id, sid: sessionId }, secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return `next-auth.session-token=${token}`;
}
