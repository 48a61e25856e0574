// Server-side sessions: a session cookie works only while its `sessions` row is live. Each test
// signs in the way the app does (the credentials provider's authorize, then next-auth's jwt callback,
// then next-auth's own `encode` with the app's secret) and checks the exact cookie the browser holds.
import { encode, type JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { describe, expect, it } from "vitest";
import { setUserDisabled, updateUserAccess } from "@/lib/admin/data";
import { getAuthOptions } from "@/lib/auth/options";
import { revokeAllSessions, sessionUserFromToken, SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/internal/session-store";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { ACCOUNT_DISABLED_MESSAGE, INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { createUser } from "./helpers";

type TestUser = Awaited<ReturnType<typeof createUser>>;
let addressCounter = 0;

/** Signs `user` in through the app's own next-auth configuration; returns the session cookie's value. */
async function signIn(user: Pick<TestUser, "email" | "password">, userAgent = "vitest"): Promise<string> {
  const options = getAuthOptions();
  const provider = options.providers[0] as CredentialsConfig;
  addressCounter += 1;
  const signedIn = await provider.options.authorize(
    { email: user.email, password: user.password },
    {
      headers: { "x-forwarded-for": `10.20.0.${addressCounter}`, "user-agent": userAgent },
    },
  );
  const token = await options.callbacks!.jwt!({ token: {}, user: signedIn!, account: null, trigger: "signIn" });
  return encode({ token, secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

/** What next-auth does on POST /api/auth/signout: decode the cookie, run events.signOut. */
async function signOut(cookie: string): Promise<void> {
  const token = (await decodeSessionToken(cookie, getAuthSecret())) as JWT;
  await getAuthOptions().events!.signOut!({ token, session: null as never });
}

const userOf = (cookie: string) => sessionUserFromToken(cookie, getAuthSecret());

describe("sign-out", () => {
  it("revokes that session server-side: a copy of the cookie stops working, other sessions keep working", async () => {
    const user = await createUser("STUDENT");
    const laptop = await signIn(user, "Laptop browser");
    const phone = await signIn(user, "Phone browser");
    expect(await userOf(laptop)).toEqual({ id: user.id, email: user.email, name: user.name, role: "STUDENT", cohortId: null });
    const copied = `${laptop}`;

    await signOut(laptop);
    expect(await userOf(copied)).toBeNull();
    expect(await userOf(phone)).toMatchObject({ id: user.id });
    const rows = await db.userSession.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, select: { userAgent: true, revokedAt: true } });
    expect(rows).toEqual([
      { userAgent: "Laptop browser", revokedAt: expect.any(Date) },
      { userAgent: "Phone browser", revokedAt: null },
    ]);
  });

  it("on all devices revokes every session of the user and no one else's", async () => {
    const user = await createUser("STUDENT");
    const other = await createUser("STUDENT");
    const [first, second, othersCookie] = [await signIn(user), await signIn(user), await signIn(other)];
    expect(await revokeAllSessions(user.id)).toBe(2);
    expect(await userOf(first)).toBeNull();
    expect(await userOf(second)).toBeNull();
    expect(await userOf(othersCookie)).toMatchObject({ id: other.id });
    // Signing in again works and gives a fresh session.
    expect(await userOf(await signIn(user))).toMatchObject({ id: user.id });
  });
});

describe("tokens that must not work", () => {
  it("refuses a cookie without a session id, with another user's session id, or with an expired session", async () => {
    const user = await createUser("STUDENT");
    const other = await createUser("STUDENT");
    const secret = getAuthSecret();
    // A cookie from before sessions existed (it carried only sub and sv).
    expect(await userOf(await encode({ token: { sub: user.id, sv: 0 }, secret }))).toBeNull();
    // A forged pairing: the other user's live session id under this user's id.
    const othersSession = await startSession(other.id);
    expect(await userOf(await encode({ token: { sub: user.id, sid: othersSession }, secret }))).toBeNull();
    expect(await userOf(await encode({ token: { sub: other.id, sid: othersSession }, secret }))).toMatchObject({ id: other.id });
    // A session past its absolute lifetime, whatever the cookie's own expiry says.
    const expired = await startSession(user.id, undefined, new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000));
    expect(await userOf(await encode({ token: { sub: user.id, sid: expired }, secret }))).toBeNull();
  });

  it("prunes the user's expired and revoked sessions at the next sign-in", async () => {
    const user = await createUser("STUDENT");
    await signOut(await signIn(user));
    await db.userSession.create({ data: { id: `expired-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(2);
    const live = await signIn(user);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(1);
    expect(await userOf(live)).toMatchObject({ id: user.id });
  });
});

describe("admin changes end sessions", () => {
  it("a role change revokes all the user's sessions; a cohort change alone does not", async () => {
    const admin = await createUser("ADMIN");
    const user = await createUser("STUDENT");
    const cohort = await db.cohort.create({ data: { name: `Sessions cohort ${Date.now()}` } });
    const cookie = await signIn(user);
    await updateUserAccess(admin, { userId: user.id, role: "STUDENT", cohortId: cohort.id });
    expect(await userOf(cookie)).toMatchObject({ id: user.id, role: "STUDENT", cohortId: cohort.id });
    await updateUserAccess(admin, { userId: user.id, role: "INSTRUCTOR", cohortId: cohort.id });
    expect(await userOf(cookie)).toBeNull();
    expect(await userOf(await signIn(user))).toMatchObject({ id: user.id, role: "INSTRUCTOR" });
  });

  it("disabling ends every session and refuses sign-in with a clear message; enabling lets the user back in", async () => {
    const admin = await createUser("ADMIN");
    const user = await createUser("STUDENT", "the user's password");
    const [first, second] = [await signIn(user), await signIn(user)];

    const disabled = await setUserDisabled(admin, { userId: user.id, disabled: true });
    expect(disabled).toMatchObject({ id: user.id, disabledAt: expect.any(Date) });
    expect(await userOf(first)).toBeNull();
    expect(await userOf(second)).toBeNull();
    expect(await db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    await expect(signIn(user)).rejects.toThrow(ACCOUNT_DISABLED_MESSAGE);
    // Only someone who knows the password learns that the account is disabled.
    await expect(signIn({ email: user.email, password: "a wrong password" })).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(2);

    await expect(setUserDisabled(admin, { userId: user.id, disabled: false })).resolves.toMatchObject({ disabledAt: null });
    // Old cookies stay dead; a new sign-in works.
    expect(await userOf(first)).toBeNull();
    expect(await userOf(await signIn(user))).toMatchObject({ id: user.id });
  });

  it("a session row that is live still fails once the account is disabled (checked in the same query)", async () => {
    const user = await createUser("STUDENT");
    const cookie = await signIn(user);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await userOf(cookie)).toBeNull();
  });
});

describe("next-auth's redirect callback", () => {
  it.each([
    ["/.//evil.example/phish", "http://localhost:3000/"],
    ["/%2e%2e//evil.example", "http://localhost:3000/"],
    ["https://evil.example/", "http://localhost:3000/"],
    ["/lectures/1", "http://localhost:3000/lectures/1"],
  ])("%s → %s", async (url, expected) => {
    expect(await getAuthOptions().callbacks!.redirect!({ url, baseUrl: "http://localhost:3000" })).toBe(expected);
  });
});
