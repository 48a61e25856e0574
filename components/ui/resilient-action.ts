"use client";

import type { ActionResult } from "@/lib/actions/safe-action";

export const NETWORK_ERROR_MESSAGE = "Could not reach the server. Check your connection and try again.";

/**
 * Wraps a server action for useActionState so that a dropped connection shows as a message next to
 * the form instead of replacing the page with the error screen.
 */
export function resilient<T, I>(action: (previous: ActionResult<T> | null, input: I) => Promise<ActionResult<T>>) {
  return async (previous: ActionResult<T> | null, input: I): Promise<ActionResult<T>> => {
    try {
      return await action(previous, input);
    } catch {
      return { ok: false, code: "VALIDATION", message: NETWORK_ERROR_MESSAGE };
    }
  };
}

// ───────────── retrying idempotent requests (saves, submissions) ─────────────

/**
 * A failed request: the call threw (no answer: offline, connection cut, the server crashed), or the
 * server answered with a typed failure code. Codes are plain strings so that new transient codes
 * (the server's "BUSY") are understood before every caller's type knows them.
 */
export type RequestFailure = { kind: "network" } | { kind: "code"; code: string; message: string };

export const RETRY_POLICY = {
  /** First wait; each further one doubles, up to maxDelayMs. */
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  /** Give up (and let the person retry by hand) once this long has passed since the first try... */
  maxElapsedMs: 120_000,
  /** ...or after this many tries, whichever comes first. */
  maxAttempts: 15,
} as const;

export type RetryPolicy = { [K in keyof typeof RETRY_POLICY]: number };

// Worth another try: the server was unreachable, overloaded (BUSY: it shed load before doing
// anything) or asked us to slow down. Everything else (VALIDATION, UNAUTHENTICATED, FORBIDDEN,
// NOT_FOUND, CONFLICT) would fail the same way again.
const TRANSIENT_CODES = new Set(["BUSY", "RATE_LIMITED"]);

export function isRetryable(failure: RequestFailure): boolean {
  return failure.kind === "network" || TRANSIENT_CODES.has(failure.code);
}

/**
 * The wait before retry number `retry` (0 for the first retry): exponential, capped, with "equal
 * jitter" — half of it fixed, half random — so a classroom that lost the network together does not
 * come back in one burst, yet no retry follows its failure at once.
 */
export function retryDelayMs(retry: number, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * What to do after a failure: wait this many milliseconds and try again, or give up (null) when the
 * failure is not transient or the budget of tries or time is spent.
 */
export function nextRetryDelay(
  failure: RequestFailure,
  triesSoFar: number,
  elapsedMs: number,
  random: () => number = Math.random,
  policy: RetryPolicy = RETRY_POLICY,
): number | null {
  if (!isRetryable(failure) || triesSoFar >= policy.maxAttempts) return null;
  const delay = retryDelayMs(triesSoFar - 1, random, policy);
  return elapsedMs + delay > policy.maxElapsedMs ? null : delay;
}

export type RetryResult<T> = { ok: true; data: T } | { ok: false; failure: RequestFailure; gaveUp: boolean };

export interface RetryHooks {
  /** Told before each wait, so the page can say "Offline — will retry". */
  onRetrying?: (failure: RequestFailure, delayMs: number) => void;
  /** Stops the loop (the page was left or the request was superseded). */
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  policy?: RetryPolicy;
}

/**
 * Calls an idempotent action until it answers, with backoff. The caller passes the same request
 * (same idempotency key) every time, so a try whose answer was lost is recognised by the server and
 * never applied twice. `gaveUp` is true when the failure was transient but the budget ran out.
 */
export async function callWithRetry<T>(call: () => Promise<ActionResult<T>>, hooks: RetryHooks = {}): Promise<RetryResult<T>> {
  const { sleep = abortableSleep, now = Date.now, random = Math.random, policy = RETRY_POLICY } = hooks;
  const started = now();
  for (let tries = 1; ; tries++) {
    let failure: RequestFailure;
    try {
      const result = await call();
      if (result.ok) return { ok: true, data: result.data };
      failure = { kind: "code", code: result.code, message: result.message };
    } catch {
      failure = { kind: "network" };
    }
    const delay = hooks.signal?.aborted ? null : nextRetryDelay(failure, tries, now() - started, random, policy);
    if (delay === null) return { ok: false, failure, gaveUp: isRetryable(failure) };
    hooks.onRetrying?.(failure, delay);
    await sleep(delay, hooks.signal);
    if (hooks.signal?.aborted) return { ok: false, failure, gaveUp: false };
  }
}

/** The message to show for a failure the person has to act on. */
export function failureMessage(failure: RequestFailure): string {
  return failure.kind === "network" ? NETWORK_ERROR_MESSAGE : failure.message;
}

/** What to show for an error a call threw: its own message, or the network message when the browser's fetch failed. */
/** A failed call that never reached the server (no connection), as opposed to a refusal. */
export function isConnectionFailure(failure: unknown): boolean {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return true;
  return failure instanceof TypeError || (failure instanceof Error && /fetch|network/i.test(failure.message));
}

export function thrownFailureMessage(failure: unknown): string {
  return failure instanceof Error && failure.message && !/fetch/i.test(failure.message) ? failure.message : NETWORK_ERROR_MESSAGE;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
