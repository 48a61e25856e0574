import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "../env";
import { findUserForSignIn } from "./data";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { signInInput } from "./schemas";
import { ACCOUNT_RULE, ADDRESS_RULE, tooManyAttemptsMessage } from "./throttle";
import { clearThrottle, releaseAttempt, reserveAttempt, type ThrottleKey } from "./throttle-data";

export const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address for per-address throttling: the last X-Forwarded-For entry. `next start` sets
 * the header from the socket when a request has none, and a reverse proxy in front appends the address
 * it saw, so the last entry is the one nobody but the client's own connection decided. A client talking
 * to `next start` directly can still send its own header: deployments put a proxy in front that
 * overwrites or appends it (see README); the per-account limit holds either way.
 */
export function clientAddress(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || header(headers, "x-real-ip") || "unknown";
}

export function throttleKeys(email: string, address: string): ThrottleKey[] {
  return [
    { key: `account:${email}`, rule: ACCOUNT_RULE },
    { key: `address:${address}`, rule: ADDRESS_RULE },
  ];
}

/** Checks a sign-in, counting failures; throws the message the sign-in form shows. */
export async function authorizeCredentials(credentials: unknown, headers: HeaderBag) {
  const parsed = signInInput.safeParse(credentials);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? INVALID_CREDENTIALS_MESSAGE);
  const { email, password } = parsed.data;
  const address = clientAddress(headers);
  const keys = throttleKeys(email, address);

  // The attempt is counted before the password is looked at, atomically, so that parallel guesses
  // cannot all slip in before the lock; a locked account or address is refused without a check.
  const reservation = await reserveAttempt(keys);
  if (!reservation.allowed) throw new Error(tooManyAttemptsMessage(reservation.wait));

  const user = await findUserForSignIn(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) throw new Error(reservation.wait > 0 ? tooManyAttemptsMessage(reservation.wait) : INVALID_CREDENTIALS_MESSAGE);

  // A success wipes the account's count and takes this attempt back from the address's.
  await Promise.all([clearThrottle(`account:${email}`), releaseAttempt(`address:${address}`)]);
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(credentials, request?.headers as HeaderBag),
      }),
    ],
    callbacks: {
      // The token carries only the user id and the session version; role and name are read from the
      // database on every request (lib/auth/session.ts), so a role change takes effect at once.
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as { id: string; sessionVersion?: number };
          token.sub = signedIn.id;
          token.sv = signedIn.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub }, sv: token.sv };
      },
    },
  };
}
