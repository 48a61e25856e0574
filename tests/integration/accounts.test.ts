import { describe, expect, it } from "vitest";
import { createStudentAccount, findSessionUser, signUpFromAddress } from "@/lib/auth/data";
import { authorizeCredentials, INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { createUser } from "./helpers";

const from = (address: string) => ({ "x-forwarded-for": address });

describe("sign-up", () => {
  it("creates a student with an argon2id hash and never returns the hash", async () => {
    const user = await createStudentAccount({ name: "New Student", email: "new.student@example.com", password: "my very own password" });
    expect(user).toEqual({ id: expect.any(String), email: "new.student@example.com", name: "New Student", role: "STUDENT", cohortId: null });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("my very own password");
    // The client omits the hash unless a query asks for it by name.
    const plain = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(plain).not.toHaveProperty("passwordHash");
  });

  it("refuses a second account with the same email as a field error", async () => {
    await createStudentAccount({ name: "One", email: "twice@example.com", password: "password number one" });
    const attempt = createStudentAccount({ name: "Two", email: "twice@example.com", password: "password number two" });
    await expect(attempt).rejects.toBeInstanceOf(ActionError);
    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] } });
    expect(await db.user.count({ where: { email: "twice@example.com" } })).toBe(1);
  });
});

describe("sign-in", () => {
  it("accepts the right password (any case of email) and returns no hash", async () => {
    const user = await createUser("STUDENT", "right password here");
    const result = await authorizeCredentials({ email: user.email.toUpperCase(), password: "right password here" }, from("10.0.0.1"));
    expect(result).toEqual({ id: user.id, email: user.email, name: user.name, role: "STUDENT", sessionVersion: 0 });
  });

  it("rejects a wrong password and an unknown email with the same message", async () => {
    const user = await createUser();
    await expect(authorizeCredentials({ email: user.email, password: "wrong" }, from("10.0.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    await expect(authorizeCredentials({ email: "nobody@example.com", password: "wrong" }, from("10.0.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
  });

  it("locks an account after 5 failures, even against the right password, and stores the counter", async () => {
    const user = await createUser("STUDENT", "the real password");
    for (let i = 1; i <= 4; i++) {
      await expect(authorizeCredentials({ email: user.email, password: `guess ${i}` }, from(`10.1.0.${i}`))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: user.email, password: "guess 5" }, from("10.1.0.5"))).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in (30|29) seconds\.$/,
    );
    await expect(authorizeCredentials({ email: user.email, password: "the real password" }, from("10.1.0.6"))).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/,
    );
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(5);
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(25_000);
  });

  it("a success clears the account's counter", async () => {
    const user = await createUser("STUDENT", "the real password");
    await expect(authorizeCredentials({ email: user.email, password: "nope" }, from("10.2.0.1"))).rejects.toThrow();
    await authorizeCredentials({ email: user.email, password: "the real password" }, from("10.2.0.1"));
    expect(await db.loginThrottle.findUnique({ where: { key: `account:${user.email}` } })).toBeNull();
  });

  it("locks a client address after 20 failures across many accounts", async () => {
    for (let i = 0; i < 19; i++) {
      await expect(authorizeCredentials({ email: `spray${i}@example.com`, password: "guess" }, from("10.3.0.1"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: "spray19@example.com", password: "guess" }, from("10.3.0.1"))).rejects.toThrow(/Too many failed/);
    // Another address is not affected.
    await expect(authorizeCredentials({ email: "spray20@example.com", password: "guess" }, from("10.3.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
  });

  it("counts concurrent failures exactly", async () => {
    const user = await createUser();
    await Promise.allSettled(Array.from({ length: 4 }, () => authorizeCredentials({ email: user.email, password: "parallel guess" }, from("10.4.0.1"))));
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(4);
    const address = await db.loginThrottle.findUniqueOrThrow({ where: { key: "address:10.4.0.1" } });
    expect(address.failures).toBe(4);
  });
});

describe("parallel guessing", () => {
  it("lets at most 5 of 12 simultaneous guesses be checked; the rest are refused by the lock", async () => {
    const user = await createUser("STUDENT", "the real password");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => authorizeCredentials({ email: user.email, password: `parallel ${i}` }, from(`10.5.0.${i}`))),
    );
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "accepted"));
    expect(messages.filter((m) => m === INVALID_CREDENTIALS_MESSAGE)).toHaveLength(4);
    expect(messages.filter((m) => /^Too many failed sign-in attempts/.test(m))).toHaveLength(8);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } })).failures).toBe(5);
  });
});

describe("sessions", () => {
  it("resolve to the user's current role, and not at all once revoked", async () => {
    const user = await createUser("STUDENT");
    expect(await findSessionUser(user.id, 0)).toMatchObject({ id: user.id, role: "STUDENT" });
    await db.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR" } });
    expect(await findSessionUser(user.id, 0)).toMatchObject({ role: "INSTRUCTOR" });
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await findSessionUser(user.id, 0)).toBeNull();
    expect(await findSessionUser("no-such-user", 0)).toBeNull();
  });
});

describe("sign-up throttling", () => {
  it("allows 30 new accounts an hour from one address, then refuses without creating one", async () => {
    for (let i = 0; i < 30; i++) {
      await signUpFromAddress({ name: `Bulk ${i}`, email: `bulk-${i}@example.com`, password: "bulk password" }, "10.9.0.1");
    }
    await expect(signUpFromAddress({ name: "One too many", email: "bulk-30@example.com", password: "bulk password" }, "10.9.0.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many accounts were created from your network recently. Try again in 60 minutes.",
    });
    expect(await db.user.count({ where: { email: { startsWith: "bulk-" } } })).toBe(30);
    // Another address may still sign up.
    await expect(signUpFromAddress({ name: "Elsewhere", email: "elsewhere@example.com", password: "bulk password" }, "10.9.0.2")).resolves.toMatchObject({ email: "elsewhere@example.com" });
  });
});
