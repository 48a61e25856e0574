import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret, getServerEnv } from "../env";
import { findUserForSignIn } from "./data";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { signInInput } from "./schemas";
import { ACCOUNT_RULE, ADDRESS_RULE, tooManyAttemptsMessage } from "./throttle";
import { clearThrottle, getThrottleWait, registerFailure, type ThrottleKey } from "./throttle-data";

export const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address for per-address throttling. X-Forwarded-For is only believed when TRUST_PROXY
 * says a proxy we control sets it; `next start` itself sets it from the socket's address.
 */
export function clientAddress(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  if (getServerEnv().TRUST_PROXY) return first || "unknown";
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
  const keys = throttleKeys(email, clientAddress(headers));

  // A locked account or address is refused before the password is even looked at.
  const wait = await getThrottleWait(keys);
  if (wait > 0) throw new Error(tooManyAttemptsMessage(wait));

  const user = await findUserForSignIn(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    const lockedFor = await registerFailure(keys);
    throw new Error(lockedFor > 0 ? tooManyAttemptsMessage(lockedFor) : INVALID_CREDENTIALS_MESSAGE);
  }
  await clearThrottle(`account:${email}`);
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
