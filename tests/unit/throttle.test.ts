import { describe, expect, it } from "vitest";
import {
  ACCOUNT_RULE,
  recordFailure,
  secondsUntilUnlocked,
  tooManyAttemptsMessage,
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

  it("uses 5 failures and 30 s for accounts", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = recordFailure(state, at(i), ACCOUNT_RULE);
    expect(state?.lockedUntil).toBeNull();
    state = recordFailure(state, at(4), ACCOUNT_RULE);
    expect(state.lockedUntil).toEqual(at(34));
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
