import "server-only";
import { db } from "../../db";
import { planSignInAttempt, recordFailure, secondsUntilUnlocked, type SignInCounters, type ThrottleRule, type ThrottleState } from "../throttle";

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

/** The counter keys of one sign-in attempt (policy: lib/auth/throttle.ts). */
export function signInThrottleKeys(email: string, address: string): Record<keyof SignInCounters, string> {
  return { pair: `pair:${email}|${address}`, address: `address:${address}`, account: `account:${email}` };
}

/**
 * Runs `decide` on the current state of `keys` with their rows locked (in a fixed order, so concurrent
 * calls cannot deadlock) for the whole check-and-count, so that N parallel requests cannot all pass
 * the check before any of them is counted; then stores the states `decide` returns.
 */
async function withLockedCounters<T>(
  keys: string[],
  decide: (current: Map<string, ThrottleState | null>) => { result: T; next?: Map<string, ThrottleState> },
  now: Date,
): Promise<T> {
  const ordered = [...new Set(keys)].sort();
  return db.$transaction(async (tx) => {
    const current = new Map<string, ThrottleState | null>();
    for (const key of ordered) {
      await tx.$executeRaw`INSERT INTO login_throttles (key, failures, window_start, updated_at)
        VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<{ failures: number; window_start: Date; locked_until: Date | null }[]>`
        SELECT failures, window_start, locked_until FROM login_throttles WHERE key = ${key} FOR UPDATE`;
      current.set(key, row && row.failures > 0 ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : null);
    }
    const { result, next } = decide(current);
    for (const [key, state] of next ?? []) await tx.loginThrottle.update({ where: { key }, data: state });
    return result;
  });
}

/**
 * Counts one attempt against every key, atomically, unless one of them is locked (used for sign-ups).
 * Returns whether the attempt may go ahead and the longest wait that applies after it.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<{ allowed: boolean; wait: number }> {
  return withLockedCounters<{ allowed: boolean; wait: number }>(
    keys.map((k) => k.key),
    (current) => {
      const lockedFor = Math.max(0, ...keys.map(({ key }) => secondsUntilUnlocked(current.get(key), now)));
      if (lockedFor > 0) return { result: { allowed: false, wait: lockedFor } };
      const next = new Map(keys.map(({ key, rule }) => [key, recordFailure(current.get(key), now, rule)]));
      const wait = Math.max(0, ...[...next.values()].map((state) => secondsUntilUnlocked(state, now)));
      return { result: { allowed: true, wait }, next };
    },
    now,
  );
}

/** Counts one sign-in attempt under the pair/address/account policy, atomically (see planSignInAttempt). */
export interface SignInReservation {
  allowed: boolean;
  wait: number;
  /** Locks that counting this attempt started, by key: a success takes them back with the count. */
  locksStarted?: Map<string, Date>;
}

export async function reserveSignInAttempt(email: string, address: string, now = new Date()): Promise<SignInReservation> {
  const keys = signInThrottleKeys(email, address);
  return withLockedCounters<SignInReservation>(
    Object.values(keys),
    (current) => {
      const plan = planSignInAttempt(
        { pair: current.get(keys.pair) ?? null, address: current.get(keys.address) ?? null, account: current.get(keys.account) ?? null },
        now,
      );
      if (!plan.allowed) return { result: plan };
      const next = new Map([
        [keys.pair, plan.next.pair],
        [keys.address, plan.next.address],
        [keys.account, plan.next.account],
      ]);
      // The attempt was allowed, so any earlier lock had ended: a lock in `next` was started by it.
      const locksStarted = new Map([...next].flatMap(([key, state]) => (state?.lockedUntil ? [[key, state.lockedUntil] as const] : [])));
      return { result: { allowed: true, wait: plan.wait, locksStarted }, next };
    },
    now,
  );
}

/**
 * After a successful sign-in: the pair starts afresh; the address and account get this attempt back,
 * with any lock that counting it started (the 20th attempt from a classroom's address must not lock
 * the class out because it was right).
 */
export async function recordSignInSuccess(email: string, address: string, reservation: SignInReservation): Promise<void> {
  const keys = signInThrottleKeys(email, address);
  const started = reservation.locksStarted ?? new Map<string, Date>();
  await Promise.all([
    clearThrottle(keys.pair),
    releaseAttempt(keys.address, started.get(keys.address)),
    releaseAttempt(keys.account, started.get(keys.account)),
  ]);
}

/** Takes back one counted attempt (it turned out to be a success), and the lock it started, if any. */
export async function releaseAttempt(key: string, lockStarted?: Date): Promise<void> {
  if (lockStarted) {
    // Only if the lock is still the one this attempt set (a later failure may have extended it).
    const undone = await db.loginThrottle.updateMany({
      where: { key, lockedUntil: lockStarted, failures: { gt: 0 } },
      data: { failures: { decrement: 1 }, lockedUntil: null },
    });
    if (undone.count > 0) return;
  }
  await db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

export async function clearThrottle(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
