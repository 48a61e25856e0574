import "server-only";
import { db } from "../../db";
import { ActionError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { hashPassword } from "../password";
import type { SessionUser } from "../roles";
import type { SignUpInput } from "../schemas";
import { SIGNUP_RULE, tooManySignUpsMessage } from "../throttle";
import { releaseAttempt, reserveAttempt } from "./throttle-data";

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  cohortId: true,
} as const satisfies Prisma.UserSelect;

function emailTaken(): ActionError {
  return new ActionError("CONFLICT", "An account with this email already exists.", {
    email: ["An account with this email already exists. Sign in instead?"],
  });
}

/**
 * Creates a student account. A taken email is a field error, not a crash. It is looked for before the
 * password is hashed, so that a conflict costs no argon2 work; the unique index still decides a race.
 */
export async function createStudentAccount(input: Pick<SignUpInput, "name" | "email" | "password">): Promise<SessionUser> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "STUDENT" },
      select: sessionUserSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}

/**
 * Creates a student account for a sign-up from `address`, at most SIGNUP_RULE.maxFailures an hour per
 * address. The attempt is counted before any work is done; an account created and an email found taken
 * both keep counting (the second tells the caller that the email is registered, so it is what an
 * enumeration script would repeat). Only an unexpected failure is taken back.
 */
export async function signUpFromAddress(input: Pick<SignUpInput, "name" | "email" | "password">, address: string): Promise<SessionUser> {
  const key = `signup:${address}`;
  const reservation = await reserveAttempt([{ key, rule: SIGNUP_RULE }]);
  if (!reservation.allowed) throw new ActionError("RATE_LIMITED", tooManySignUpsMessage(reservation.wait));
  try {
    return await createStudentAccount(input);
  } catch (error) {
    if (!(error instanceof ActionError)) await releaseAttempt(key);
    throw error;
  }
}

/** The one query that reads a password hash. */
export function findUserForSignIn(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true, disabledAt: true },
  });
}
