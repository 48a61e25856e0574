// Login throttling rules, as pure functions of a counter's state and the time. The counters live in
// PostgreSQL (lib/auth/throttle-data.ts) so that every replica of the app sees the same numbers.

export interface ThrottleRule {
  /** Failures allowed inside the window before a lock. */
  maxFailures: number;
  /** A counter that has been quiet this long (since its window began or its last lock ended) starts again. */
  windowMs: number;
  /** The first lock lasts this long; each further failure doubles it, up to maxLockMs. */
  baseLockMs: number;
  maxLockMs: number;
}

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

const MINUTE = 60_000;

/** Per account: 5 wrong passwords lock the account for 30 s, then 1, 2, 4 … up to 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE };

/** Per client address: more room (several people may share an address), same growth. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE };

/** Per client address: at most 30 new accounts an hour, then none for an hour. */
export const SIGNUP_RULE: ThrottleRule = { maxFailures: 30, windowMs: 60 * MINUTE, baseLockMs: 60 * MINUTE, maxLockMs: 60 * MINUTE };

/** Whole seconds until the counter allows another try; 0 when it is not locked. */
export function secondsUntilUnlocked(state: ThrottleState | null | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

function isStale(state: ThrottleState, now: Date, rule: ThrottleRule): boolean {
  const lastActivity = Math.max(state.windowStart.getTime(), state.lockedUntil?.getTime() ?? 0);
  return now.getTime() - lastActivity > rule.windowMs;
}

/** The counter after one more failure at `now`. */
export function recordFailure(state: ThrottleState | null | undefined, now: Date, rule: ThrottleRule): ThrottleState {
  const fresh = !state || isStale(state, now, rule);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  if (failures < rule.maxFailures) return { failures, windowStart, lockedUntil: null };
  const lockMs = Math.min(rule.maxLockMs, rule.baseLockMs * 2 ** (failures - rule.maxFailures));
  return { failures, windowStart, lockedUntil: new Date(now.getTime() + lockMs) };
}

function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Try again in ${formatWait(seconds)}.`;
}

export function tooManySignUpsMessage(seconds: number): string {
  return `Too many accounts were created from your network recently. Try again in ${formatWait(seconds)}.`;
}
