import "server-only";
import { db, hotQuery } from "../db";
import { ActionError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { hashPassword } from "./password";
import type { SessionUser } from "./roles";
import type { SignUpInput } from "./schemas";
import { SIGNUP_RULE, tooManySignUpsMessage } from "./throttle";
import { releaseAttempt, reserveAttempt } from "./throttle-data";

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  cohortId: true,
} as const satisfies Prisma.UserSelect;

/** Creates a student account. A taken email is a field error, not a crash. */
export async function createStudentAccount(input: Pick<SignUpInput, "name" | "email" | "password">): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "STUDENT" },
      select: sessionUserSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ActionError("CONFLICT", "An account with this email already exists.", {
        email: ["An account with this email already exists. Sign in instead?"],
      });
    }
    throw error;
  }
}

/**
 * Creates a student account for a sign-up from `address`, at most SIGNUP_RULE.maxFailures an hour per
 * address (each account created counts), so a script cannot mass-create accounts.
 */
export async function signUpFromAddress(input: Pick<SignUpInput, "name" | "email" | "password">, address: string): Promise<SessionUser> {
  const key = `signup:${address}`;
  const reservation = await reserveAttempt([{ key, rule: SIGNUP_RULE }]);
  if (!reservation.allowed) throw new ActionError("RATE_LIMITED", tooManySignUpsMessage(reservation.wait));
  try {
    return await createStudentAccount(input);
  } catch (error) {
    await releaseAttempt(key); // no account was created: it does not count
    throw error;
  }
}

/** The one query that reads a password hash. */
export function findUserForSignIn(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true, sessionVersion: true },
  });
}

/**
 * The signed-in user behind a session token, or null when the account is gone or the token was
 * revoked. Runs on every request, so it is one plain SQL statement (no query compilation).
 */
export async function findSessionUser(userId: string, sessionVersion: number): Promise<SessionUser | null> {
  const [user] = await hotQuery<{ id: string; email: string; name: string; role: SessionUser["role"]; cohort_id: string | null }>(
    "SELECT id, email, name, role::text AS role, cohort_id FROM users WHERE id = $1 AND session_version = $2",
    [userId, sessionVersion],
  );
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role, cohortId: user.cohort_id } : null;
}
