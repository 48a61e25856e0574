// Sign-in and sign-up throttling, as pure functions of counters and the time. The counters live in
// PostgreSQL (lib/auth/internal/throttle-data.ts) so that every replica of the app sees the same numbers.
//
// ── Sign-in policy ──────────────────────────────────────────────────────────────────────────────
// Goal: keep password guessing slow and expensive WITHOUT giving anyone a button that locks the real
// owner out. A lock that applies to the account as a whole (whoever asks) is such a button: five
// wrong passwords from anywhere would lock out anyone, admins included. So no counter locks an
// account for everybody. Three counters are kept, each over a 15-minute window:
//
//   1. pair    (account, client address): 5 failures lock THAT address out of THAT account for 30 s,
//              doubling with each further failure up to 15 minutes. This is what stops a guesser.
//   2. address (client address, any account): 20 failures lock the address out of every account,
//              30 s doubling up to 15 minutes. This stops one address spraying many accounts.
//   3. account (any address): never locks. Once an account has 10 failures in the window it is
//              "under attack", and then a pair locks after its FIRST failure (same 30 s doubling),
//              so an attacker spreading guesses over many addresses gets about one guess per address
//              before each address has to wait, instead of five.
//
// The owner signing in from an address that has no failures on their account is never slowed: the
// attacker's failures land on the attacker's pair and address counters, never on the owner's.
// Under attack, one typo of theirs costs them 30 s from that address; that is the bounded price.
// A refused attempt (while locked) is not counted and no password is checked. A success clears the
// pair's counter and takes the attempt back from the address and account counters.
// Each checked password costs an argon2id hash, so every guess that gets through is also expensive.
//
// ── Sign-up policy ──────────────────────────────────────────────────────────────────────────────
// Per client address, at most 30 sign-ups an hour, counting both accounts created and attempts on an
// email that already has an account (each of those tells the caller that the email is registered),
// then none for an hour. Checked before the password is hashed; input that fails validation is not counted.

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

/** Per (account, address) pair: 5 wrong passwords lock that address out of that account, 30 s doubling to 15 min. */
export const PAIR_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE };

/** The pair rule while the account is under attack: the first failure already locks. */
export const PAIR_UNDER_ATTACK_RULE: ThrottleRule = { ...PAIR_RULE, maxFailures: 1 };

/** Per client address, across accounts: more room (several people may share an address), same growth. */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE };

/** Per account, across addresses: counts only, never locks. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: Number.POSITIVE_INFINITY, windowMs: 15 * MINUTE, baseLockMs: 0, maxLockMs: 0 };

/** Failures on an account (from all addresses, inside its window) from which it counts as under attack. */
export const UNDER_ATTACK_FAILURES = 10;

/** Per client address: at most 30 sign-ups an hour (accounts created or emails found taken), then none for an hour. */
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

/** True when the account's own counter (all addresses) shows an attack in progress. */
export function isUnderAttack(account: ThrottleState | null | undefined, now: Date): boolean {
  return !!account && !isStale(account, now, ACCOUNT_RULE) && account.failures >= UNDER_ATTACK_FAILURES;
}

export interface SignInCounters {
  pair: ThrottleState | null;
  address: ThrottleState | null;
  account: ThrottleState | null;
}

export type SignInPlan =
  | { allowed: false; wait: number }
  /** `wait` > 0: the attempt may go ahead, but if it fails the caller must wait that long. */
  | { allowed: true; wait: number; next: Record<keyof SignInCounters, ThrottleState> };

/**
 * What to do with one sign-in attempt, given the three counters (policy at the top of this file).
 * An allowed attempt is counted as a failure up front (`next`); a success takes it back.
 */
export function planSignInAttempt(current: SignInCounters, now: Date): SignInPlan {
  const lockedFor = Math.max(secondsUntilUnlocked(current.pair, now), secondsUntilUnlocked(current.address, now));
  if (lockedFor > 0) return { allowed: false, wait: lockedFor };
  const pairRule = isUnderAttack(current.account, now) ? PAIR_UNDER_ATTACK_RULE : PAIR_RULE;
  const next = {
    pair: recordFailure(current.pair, now, pairRule),
    address: recordFailure(current.address, now, ADDRESS_RULE),
    account: recordFailure(current.account, now, ACCOUNT_RULE),
  };
  return { allowed: true, wait: Math.max(secondsUntilUnlocked(next.pair, now), secondsUntilUnlocked(next.address, now)), next };
}

function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many failed sign-in attempts. Try again in ${formatWait(seconds)}.`;
}

export function tooManySignUpsMessage(seconds: number): string {
  return `Too many sign-up attempts from your network recently. Try again in ${formatWait(seconds)}.`;
}
