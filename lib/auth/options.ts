import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getAuthSecret } from "../env";
import { sameSiteRedirect } from "./callback-url";
import { revokeSession, sessionIdOf, SESSION_MAX_AGE_SECONDS } from "./internal/session-store";
import { authorizeCredentials, type HeaderBag, type SignedInUser } from "./sign-in";

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(credentials, request?.headers as HeaderBag),
      }),
    ],
    callbacks: {
      // The token carries only the user id and the server-side session's id; role and name are read
      // from the database on every request (lib/auth/session.ts), so changes and revocations apply at once.
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          token.sub = signedIn.id;
          token.sid = signedIn.sessionId;
        }
        return token;
      },
      // The session id stays inside the encrypted cookie: the browser's session object does not need it.
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
      // Every URL next-auth redirects to (callbackUrl of signIn and signOut) is held to a path on this site.
      redirect({ url, baseUrl }) {
        return sameSiteRedirect(url, baseUrl);
      },
    },
    events: {
      // Sign-out revokes this browser's session server-side: a copy of the cookie stops working too.
      async signOut({ token }) {
        const sessionId = sessionIdOf(token);
        if (sessionId) await revokeSession(sessionId);
      },
    },
  };
}
