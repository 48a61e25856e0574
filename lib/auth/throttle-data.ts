import "server-only";
import { db } from "../db";
import { recordFailure, secondsUntilUnlocked, type ThrottleRule } from "./throttle";

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
 * Counts one failure against each key, atomically (row locks, so concurrent failures all count),
 * and returns the longest wait that now applies.
 */
export async function registerFailure(keys: ThrottleKey[], now = new Date()): Promise<number> {
  let wait = 0;
  for (const { key, rule } of keys) {
    const state = await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO login_throttles (key, failures, window_start, updated_at) VALUES (${key}, 0, ${now}, ${now}) ON CONFLICT (key) DO NOTHING`;
      const [row] = await tx.$queryRaw<{ failures: number; window_start: Date; locked_until: Date | null }[]>`
        SELECT failures, window_start, locked_until FROM login_throttles WHERE key = ${key} FOR UPDATE`;
      const current = row && row.failures > 0 ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : null;
      const next = recordFailure(current, now, rule);
      await tx.loginThrottle.update({ where: { key }, data: next });
      return next;
    });
    wait = Math.max(wait, secondsUntilUnlocked(state, now));
  }
  return wait;
}

export async function clearThrottle(key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}
