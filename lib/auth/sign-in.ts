import "server-only";
import { findUserForSignIn } from "./internal/accounts";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { SessionUser } from "./roles";
import { signInInput } from "./schemas";
import { startSession } from "./internal/session-store";
import { tooManyAttemptsMessage } from "./throttle";
import { recordSignInSuccess, reserveSignInAttempt } from "./internal/throttle-data";

export const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";
export const ACCOUNT_DISABLED_MESSAGE = "This account has been disabled. Ask an administrator to enable it again.";

/** The longest client address kept as a throttle key: a forged header cannot make rows of any size. */
const ADDRESS_MAX_LENGTH = 100;

export type HeaderBag = Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address for per-address throttling: the last X-Forwarded-For entry. `next start` sets
 * the header from the socket when a request has none, and a reverse proxy in front appends the address
 * it saw, so the last entry is the one nobody but the client's own connection decided. A client talking
 * to `next start` directly can still send its own header: deployments put a proxy in front that
 * overwrites or appends it (see README).
 */
export function clientAddress(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return (last || header(headers, "x-real-ip") || "unknown").slice(0, ADDRESS_MAX_LENGTH);
}

/** What a successful sign-in hands to next-auth's jwt callback: the user and the new session's id. */
export type SignedInUser = SessionUser & { sessionId: string };

/**
 * Checks a sign-in under the throttling policy (lib/auth/throttle.ts) and starts a server-side session;
 * throws the message the sign-in form shows. `now` is the throttle's clock (tests move it).
 */
export async function authorizeCredentials(credentials: unknown, headers: HeaderBag, now = new Date()): Promise<SignedInUser> {
  const parsed = signInInput.safeParse(credentials);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? INVALID_CREDENTIALS_MESSAGE);
  const { email, password } = parsed.data;
  const address = clientAddress(headers);

  // The attempt is counted before the password is looked at, atomically, so that parallel guesses
  // cannot all slip in before the lock; a locked pair or address is refused without a check.
  const reservation = await reserveSignInAttempt(email, address, now);
  if (!reservation.allowed) throw new Error(tooManyAttemptsMessage(reservation.wait));

  const user = await findUserForSignIn(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) throw new Error(reservation.wait > 0 ? tooManyAttemptsMessage(reservation.wait) : INVALID_CREDENTIALS_MESSAGE);

  await recordSignInSuccess(email, address, reservation);
  // Said only to someone who knows the password, so it tells a stranger nothing about the account.
  if (user.disabledAt) throw new Error(ACCOUNT_DISABLED_MESSAGE);
  const sessionId = await startSession(user.id, header(headers, "user-agent"));
  return { id: user.id, email: user.email, name: user.name, role: user.role, cohortId: user.cohortId, sessionId };
}
