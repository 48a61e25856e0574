import { describe, expect, it } from "vitest";
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  isUnderAttack,
  PAIR_RULE,
  planSignInAttempt,
  recordFailure,
  secondsUntilUnlocked,
  tooManyAttemptsMessage,
  tooManySignUpsMessage,
  UNDER_ATTACK_FAILURES,
  type SignInCounters,
  type ThrottleRule,
  type ThrottleState,
} from "@/lib/auth/throttle";

const t0 = new Date("2026-01-01T10:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const rule: ThrottleRule = { maxFailures: 3, windowMs: 60_000, baseLockMs: 10_000, maxLockMs: 35_000 };

describe("recordFailure", () => {
  it("counts failures without locking below the limit", () => {
    const first = recordFailure(null, at(0), rule);
    expect(first).toEqual({ failures: 1, windowStart: at(0), lockedUntil: null });
    const second = recordFailure(first, at(5), rule);
    expect(second).toEqual({ failures: 2, windowStart: at(0), lockedUntil: null });
  });

  it("locks at the limit for the base time, then doubles up to the cap", () => {
    let state: ThrottleState | null = null;
    state = recordFailure(state, at(0), rule);
    state = recordFailure(state, at(1), rule);
    state = recordFailure(state, at(2), rule); // 3rd failure: lock 10 s
    expect(state.lockedUntil).toEqual(at(12));
    state = recordFailure(state, at(13), rule); // 4th: 20 s
    expect(state.lockedUntil).toEqual(at(33));
    state = recordFailure(state, at(34), rule); // 5th: 40 s, capped at 35 s
    expect(state.lockedUntil).toEqual(at(69));
    expect(state.failures).toBe(5);
  });

  it("starts again after a quiet window since the window began or the last lock ended", () => {
    const locked = { failures: 3, windowStart: at(0), lockedUntil: at(12) };
    // 60 s after the lock ended (at 12 s) the counter is stale.
    expect(recordFailure(locked, at(73), rule)).toEqual({ failures: 1, windowStart: at(73), lockedUntil: null });
    // 59 s after it, it still counts.
    expect(recordFailure(locked, at(71), rule).failures).toBe(4);
  });

  it("uses 5 failures and 30 s for an (account, address) pair", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = recordFailure(state, at(i), PAIR_RULE);
    expect(state?.lockedUntil).toBeNull();
    state = recordFailure(state, at(4), PAIR_RULE);
    expect(state.lockedUntil).toEqual(at(34));
  });

  it("never locks the account counter, however many failures", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 500; i++) state = recordFailure(state, at(i), ACCOUNT_RULE);
    expect(state).toEqual({ failures: 500, windowStart: at(0), lockedUntil: null });
  });
});

describe("planSignInAttempt", () => {
  const none: SignInCounters = { pair: null, address: null, account: null };
  const failures = (n: number, start = 0): ThrottleState => ({ failures: n, windowStart: at(start), lockedUntil: null });

  it("lets a first attempt through and counts it on all three counters", () => {
    expect(planSignInAttempt(none, at(0))).toEqual({
      allowed: true,
      wait: 0,
      next: { pair: failures(1), address: failures(1), account: failures(1) },
    });
  });

  it("refuses, without counting, while the pair or the address is locked", () => {
    expect(planSignInAttempt({ ...none, pair: { failures: 5, windowStart: at(0), lockedUntil: at(30) } }, at(10))).toEqual({ allowed: false, wait: 20 });
    expect(planSignInAttempt({ ...none, address: { failures: 20, windowStart: at(0), lockedUntil: at(90) } }, at(10))).toEqual({ allowed: false, wait: 80 });
  });

  it("never refuses because of the account counter alone: a clean address gets in at once", () => {
    const hammered: SignInCounters = { pair: null, address: null, account: failures(1000) };
    const plan = planSignInAttempt(hammered, at(60));
    expect(plan.allowed).toBe(true);
    // Under attack, the first failure of a new pair locks that pair for 30 s (if it is a failure).
    expect(plan).toMatchObject({ wait: 30, next: { pair: { failures: 1, lockedUntil: at(90) }, account: { failures: 1001, lockedUntil: null } } });
  });

  it("tightens the pair rule only once the account has 10 failures in its window", () => {
    const justBelow = planSignInAttempt({ ...none, account: failures(UNDER_ATTACK_FAILURES - 1) }, at(1));
    expect(justBelow).toMatchObject({ allowed: true, wait: 0, next: { pair: { failures: 1, lockedUntil: null } } });
    const atThreshold = planSignInAttempt({ ...none, account: failures(UNDER_ATTACK_FAILURES) }, at(1));
    expect(atThreshold).toMatchObject({ allowed: true, wait: 30 });
  });

  it("forgets an attack after a quiet window", () => {
    expect(isUnderAttack(failures(50), at(15 * 60))).toBe(true);
    expect(isUnderAttack(failures(50), at(15 * 60 + 1))).toBe(false);
    expect(isUnderAttack(null, at(0))).toBe(false);
  });

  it("locks the address after 20 failures across accounts", () => {
    const plan = planSignInAttempt({ pair: null, address: failures(ADDRESS_RULE.maxFailures - 1), account: null }, at(5));
    expect(plan).toMatchObject({ allowed: true, wait: 30, next: { address: { failures: 20, lockedUntil: at(35) } } });
  });
});

describe("secondsUntilUnlocked", () => {
  it.each([
    [null, 0, 0],
    [{ failures: 1, windowStart: at(0), lockedUntil: null }, 0, 0],
    [{ failures: 3, windowStart: at(0), lockedUntil: at(30) }, 0, 30],
    [{ failures: 3, windowStart: at(0), lockedUntil: at(30) }, 29.2, 1],
    [{ failures: 3, windowStart: at(0), lockedUntil: at(30) }, 30, 0],
  ])("state %j at +%ss → %i s", (state, seconds, expected) => {
    expect(secondsUntilUnlocked(state, at(seconds))).toBe(expected);
  });
});

describe("tooManySignUpsMessage", () => {
  it("names the wait", () => {
    expect(tooManySignUpsMessage(3600)).toBe("Too many sign-up attempts from your network recently. Try again in 60 minutes.");
  });
});

describe("tooManyAttemptsMessage", () => {
  it.each([
    [1, "Too many failed sign-in attempts. Try again in 1 second."],
    [30, "Too many failed sign-in attempts. Try again in 30 seconds."],
    [119, "Too many failed sign-in attempts. Try again in 119 seconds."],
    [121, "Too many failed sign-in attempts. Try again in 3 minutes."],
  ])("%i s", (seconds, message) => {
    expect(tooManyAttemptsMessage(seconds)).toBe(message);
  });
});
