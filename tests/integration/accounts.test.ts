import { describe, expect, it } from "vitest";
import { createStudentAccount, signUpFromAddress } from "@/lib/auth/internal/accounts";
import { signUpInput } from "@/lib/auth/schemas";
import { authorizeCredentials, INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in";
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
    expect(result).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "STUDENT",
      cohortId: null,
      sessionId: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(result).not.toHaveProperty("passwordHash");
  });

  it("rejects a wrong password and an unknown email with the same message", async () => {
    const user = await createUser();
    await expect(authorizeCredentials({ email: user.email, password: "wrong" }, from("10.0.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    await expect(authorizeCredentials({ email: "nobody@example.com", password: "wrong" }, from("10.0.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
  });

  it("locks the (account, address) pair after 5 failures, even against the right password, and stores the counters", async () => {
    const user = await createUser("STUDENT", "the real password");
    for (let i = 1; i <= 4; i++) {
      await expect(authorizeCredentials({ email: user.email, password: `guess ${i}` }, from("10.1.0.1"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: user.email, password: "guess 5" }, from("10.1.0.1"))).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in (30|29) seconds\.$/,
    );
    await expect(authorizeCredentials({ email: user.email, password: "the real password" }, from("10.1.0.1"))).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in \d+ seconds?\.$/,
    );
    const pair = await db.loginThrottle.findUniqueOrThrow({ where: { key: `pair:${user.email}|10.1.0.1` } });
    expect(pair.failures).toBe(5);
    expect(pair.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(25_000);
    // The account's own counter counts the same failures but holds no lock.
    expect(await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } })).toMatchObject({ failures: 5, lockedUntil: null });
    // The owner, from another address, is let straight in.
    await expect(authorizeCredentials({ email: user.email, password: "the real password" }, from("10.1.0.2"))).resolves.toMatchObject({ id: user.id });
  });

  it("a success clears the pair's counter and takes the attempt back from the address and account", async () => {
    const user = await createUser("STUDENT", "the real password");
    await expect(authorizeCredentials({ email: user.email, password: "nope" }, from("10.2.0.1"))).rejects.toThrow();
    await authorizeCredentials({ email: user.email, password: "the real password" }, from("10.2.0.1"));
    expect(await db.loginThrottle.findUnique({ where: { key: `pair:${user.email}|10.2.0.1` } })).toBeNull();
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: "address:10.2.0.1" } })).failures).toBe(1);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } })).failures).toBe(1);
  });

  it("locks a client address after 20 failures across many accounts", async () => {
    for (let i = 0; i < 19; i++) {
      await expect(authorizeCredentials({ email: `spray${i}@example.com`, password: "guess" }, from("10.3.0.1"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: "spray19@example.com", password: "guess" }, from("10.3.0.1"))).rejects.toThrow(/Too many failed/);
    // Another address is not affected.
    await expect(authorizeCredentials({ email: "spray20@example.com", password: "guess" }, from("10.3.0.2"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
  });

  it("a correct sign-in that is an address's 20th attempt does not lock the address", async () => {
    const user = await createUser();
    for (let i = 0; i < 19; i++) {
      await expect(authorizeCredentials({ email: `nat${i}@example.com`, password: "guess" }, from("10.3.0.9"))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: user.email, password: user.password }, from("10.3.0.9"))).resolves.toMatchObject({ id: user.id });
    const counter = await db.loginThrottle.findUniqueOrThrow({ where: { key: "address:10.3.0.9" } });
    expect(counter).toMatchObject({ failures: 19, lockedUntil: null });
    // The next one behind the same address is still heard (and is the one that locks it).
    await expect(authorizeCredentials({ email: "nat19@example.com", password: "guess" }, from("10.3.0.9"))).rejects.toThrow(/Too many failed/);
  });

  it("counts concurrent failures exactly", async () => {
    const user = await createUser();
    await Promise.allSettled(Array.from({ length: 4 }, () => authorizeCredentials({ email: user.email, password: "parallel guess" }, from("10.4.0.1"))));
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `pair:${user.email}|10.4.0.1` } });
    expect(row.failures).toBe(4);
    const address = await db.loginThrottle.findUniqueOrThrow({ where: { key: "address:10.4.0.1" } });
    expect(address.failures).toBe(4);
  });
});

describe("parallel guessing", () => {
  it("lets at most 5 of 12 simultaneous guesses from one address be checked; the rest are refused by the lock", async () => {
    const user = await createUser("STUDENT", "the real password");
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => authorizeCredentials({ email: user.email, password: `parallel ${i}` }, from("10.5.0.1"))),
    );
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "accepted"));
    expect(messages.filter((m) => m === INVALID_CREDENTIALS_MESSAGE)).toHaveLength(4);
    expect(messages.filter((m) => /^Too many failed sign-in attempts/.test(m))).toHaveLength(8);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `pair:${user.email}|10.5.0.1` } })).failures).toBe(5);
  });
});

describe("an attacker cannot lock the owner out", () => {
  it("50 failures from address A; the owner signs in from B at once; A stays refused", async () => {
    const victim = await createUser("ADMIN", "the victim's password");
    const attacker = from("10.6.0.1");
    // The attacker retries as soon as each lock ends (on a simulated clock) until 50 guesses were checked.
    let now = new Date();
    let checked = 0;
    while (checked < 50) {
      const error = await authorizeCredentials({ email: victim.email, password: `guess ${checked}` }, attacker, now).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      const counted = await pairFailures(victim.email, "10.6.0.1");
      if (counted > checked) {
        checked = counted; // a guess was checked (and failed): "Incorrect…", or "Too many…" when it set a lock
        expect(message).toMatch(/^(Incorrect email or password\.|Too many failed sign-in attempts\. Try again in .+\.)$/);
      } else {
        // Refused unchecked while locked: wait as long as the message says.
        const wait = /^Too many failed sign-in attempts\. Try again in (\d+) (second|minute)s?\.$/.exec(message);
        expect(wait).not.toBeNull();
        now = new Date(now.getTime() + Number(wait![1]) * (wait![2] === "minute" ? 60_000 : 1000));
      }
    }
    expect(await pairFailures(victim.email, "10.6.0.1")).toBe(50);
    // Hours of simulated guessing; the account's own counter never held a lock.
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `account:${victim.email}` } })).lockedUntil).toBeNull();

    // The owner, from an address with no failures, gets in on the first try, at the same moment.
    await expect(authorizeCredentials({ email: victim.email, password: "the victim's password" }, from("10.6.0.2"), now)).resolves.toMatchObject({
      id: victim.id,
      role: "ADMIN",
    });

    // The attacker is still refused, even with the right password, and told how long to wait.
    await expect(authorizeCredentials({ email: victim.email, password: "the victim's password" }, attacker, now)).rejects.toThrow(
      "Too many failed sign-in attempts. Try again in 15 minutes.",
    );
  });

  it("while an account is under attack, each new address gets one guess and then waits; the owner does not", async () => {
    const victim = await createUser("STUDENT", "the victim's password");
    for (let i = 0; i < 10; i++) {
      await expect(authorizeCredentials({ email: victim.email, password: `spread ${i}` }, from(`10.7.0.${i}`))).rejects.toThrow(INVALID_CREDENTIALS_MESSAGE);
    }
    await expect(authorizeCredentials({ email: victim.email, password: "spread 10" }, from("10.7.0.10"))).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in (30|29) seconds\.$/,
    );
    await expect(authorizeCredentials({ email: victim.email, password: "the victim's password" }, from("10.7.0.10"))).rejects.toThrow(/^Too many failed/);
    await expect(authorizeCredentials({ email: victim.email, password: "the victim's password" }, from("10.7.1.1"))).resolves.toMatchObject({ id: victim.id });
  });
});

/** How many failures the (account, address) pair has counted. */
async function pairFailures(email: string, address: string): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { key: `pair:${email}|${address}` } });
  return row?.failures ?? 0;
}

describe("sign-up throttling", () => {
  it("allows 30 new accounts an hour from one address, then refuses without creating one", async () => {
    for (let i = 0; i < 30; i++) {
      await signUpFromAddress({ name: `Bulk ${i}`, email: `bulk-${i}@example.com`, password: "bulk password" }, "10.9.0.1");
    }
    await expect(signUpFromAddress({ name: "One too many", email: "bulk-30@example.com", password: "bulk password" }, "10.9.0.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many sign-up attempts from your network recently. Try again in 60 minutes.",
    });
    expect(await db.user.count({ where: { email: { startsWith: "bulk-" } } })).toBe(30);
    // Another address may still sign up.
    await expect(signUpFromAddress({ name: "Elsewhere", email: "elsewhere@example.com", password: "bulk password" }, "10.9.0.2")).resolves.toMatchObject({
      email: "elsewhere@example.com",
    });
  });
});

describe("sign-up enumeration", () => {
  it("counts a taken email against the address: 30 conflicts, then the 31st sign-up (any email) is refused", async () => {
    const existing = await createUser("STUDENT");
    for (let i = 0; i < 30; i++) {
      await expect(signUpFromAddress({ name: `Probe ${i}`, email: existing.email, password: "probe password" }, "10.9.1.1")).rejects.toMatchObject({
        code: "CONFLICT",
      });
    }
    await expect(signUpFromAddress({ name: "Fresh", email: "fresh-after-probes@example.com", password: "probe password" }, "10.9.1.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many sign-up attempts from your network recently. Try again in 60 minutes.",
    });
    await expect(signUpFromAddress({ name: "Probe", email: existing.email, password: "probe password" }, "10.9.1.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await db.user.count({ where: { email: "fresh-after-probes@example.com" } })).toBe(0);
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: "signup:10.9.1.1" } })).failures).toBe(30);
  });
});

describe("names", () => {
  it("stores a hostile sign-up name clean", async () => {
    const input = signUpInput.parse({
      name: "\u202Enimda\u202C Ad\u200Bmin\u00AD\uFEFF\t\u2066Team\u2069",
      email: "lookalike@example.com",
      password: "lookalike password",
      confirmPassword: "lookalike password",
    });
    const user = await signUpFromAddress(input, "10.9.2.1");
    expect(user.name).toBe("nimda Admin Team");
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).toEqual({ name: "nimda Admin Team" });
  });
});
