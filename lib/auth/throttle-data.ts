import "server-only";
import { db } from "../db";
import { recordFailure, secondsUntilUnlocked, type ThrottleRule, type ThrottleState } from "./throttle";

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

/** The longest wait any of the keys imposes, in whole seconds (0 = may try now). */
export async function getThrottleWait(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  return Math.max(0, ...rows.map((row) => secondsUntilUnlocked(row, now)));
}

/**
 * Counts one attempt against every key, atomically, unless one of them is locked. The rows are locked
 * (in a fixed order, so concurrent calls cannot deadlock) for the whole check-and-count, so that N
 * parallel requests cannot all pass the check before any of them is counted.
 * Returns whether the attempt may go ahead and the longest wait that applies after it.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<{ allowed: boolean; wait: number }> {
  const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  return db.$transaction(async (tx) => {
    const current = new Map<string, ThrottleState | null>();
    for (const { key } of ordered) {
      await tx.$executeRaw`INSERT INTO login_throttles (key, failures, window_start, updated_at) VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<{ failures: number; window_start: Date; locked_until: Date | null }[]>`
        SELECT failures, window_start, locked_until FROM login_throttles WHERE key = ${key} FOR UPDATE`;
      current.set(key, row && row.failures > 0 ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : null);
    }
    const lockedFor = Math.max(0, ...ordered.map(({ key }) => secondsUntilUnlocked(current.get(key), now)));
    if (lockedFor > 0) return { allowed: false, wait: lockedFor };
    let wait = 0;
    for (const { key, rule } of ordered) {
      const next = recordFailure(current.get(key), now, rule);
      await tx.loginThrottle.update({ where: { key }, data: next });
      wait = Math.max(wait, secondsUntilUnlocked(next, now));
    }
    return { allowed: true, wait };
  });
}

/** Takes back one counted attempt (it turned out to be a success). */
export async function releaseAttempt(key: string): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

export async function clearThrottle(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
