import { describe, expect, it } from "vitest";
import {
  callWithRetry,
  isRetryable,
  NETWORK_ERROR_MESSAGE,
  nextRetryDelay,
  RETRY_POLICY,
  retryDelayMs,
  thrownFailureMessage,
  type RequestFailure,
} from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";

const network: RequestFailure = { kind: "network" };
const code = (c: string): RequestFailure => ({ kind: "code", code: c, message: `failed: ${c}` });

describe("which failures are retried", () => {
  it.each([
    ["no answer (offline, connection cut)", network, true],
    ["BUSY (the server shed load)", code("BUSY"), true],
    ["RATE_LIMITED", code("RATE_LIMITED"), true],
    ["VALIDATION", code("VALIDATION"), false],
    ["UNAUTHENTICATED", code("UNAUTHENTICATED"), false],
    ["FORBIDDEN", code("FORBIDDEN"), false],
    ["NOT_FOUND", code("NOT_FOUND"), false],
    ["CONFLICT", code("CONFLICT"), false],
  ])("%s → %s", (_name, failure, expected) => {
    expect(isRetryable(failure)).toBe(expected);
  });
});

describe("retryDelayMs: exponential, capped at 15 s, half fixed and half jitter", () => {
  it.each([
    // retry, random → delay (hand-checked: ceiling = min(15000, 500·2^retry); ceiling/2 + random·ceiling/2)
    [0, 0, 250],
    [0, 1, 500],
    [1, 0.5, 750],
    [2, 0, 1000],
    [3, 1, 4000],
    [4, 0.25, 5000],
    [5, 0, 7500], // 16000 capped to 15000
    [5, 1, 15_000],
    [12, 0.5, 11_250],
  ])("retry %i with random %f waits %i ms", (retry, random, expected) => {
    expect(retryDelayMs(retry, () => random)).toBe(expected);
  });
});

describe("nextRetryDelay: bounded by tries and by time", () => {
  const half = () => 0.5;
  it("waits after a transient failure, never after a permanent one", () => {
    expect(nextRetryDelay(network, 1, 0, half)).toBe(375);
    expect(nextRetryDelay(code("BUSY"), 3, 2000, half)).toBe(1500);
    expect(nextRetryDelay(code("VALIDATION"), 1, 0, half)).toBeNull();
  });
  it("gives up after 15 tries, or when the next wait would pass two minutes", () => {
    expect(RETRY_POLICY).toMatchObject({ maxAttempts: 15, maxElapsedMs: 120_000 });
    expect(nextRetryDelay(network, 14, 0, half)).toBe(11_250);
    expect(nextRetryDelay(network, 15, 0, half)).toBeNull();
    expect(nextRetryDelay(network, 6, 108_750, half)).toBe(11_250); // ends exactly at 120 s
    expect(nextRetryDelay(network, 6, 108_751, half)).toBeNull();
  });
});

describe("callWithRetry", () => {
  /** A fake clock: sleeping moves it forward, so a two-minute outage takes no real time. */
  function fakeTime() {
    let now = 0;
    const waits: number[] = [];
    return { waits, now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)), random: () => 0.5 };
  }

  it("repeats the same call through an outage and returns the first answer", async () => {
    const time = fakeTime();
    const outcomes: (ActionResult<string> | "throw")[] = ["throw", "throw", { ok: false, code: "BUSY", message: "busy" }, { ok: true, data: "stored" }];
    let calls = 0;
    const retried: string[] = [];
    const result = await callWithRetry(
      async () => {
        const next = outcomes[calls++]!;
        if (next === "throw") throw new TypeError("Failed to fetch");
        return next;
      },
      { ...time, onRetrying: (failure) => retried.push(failure.kind) },
    );
    expect(result).toEqual({ ok: true, data: "stored" });
    expect(calls).toBe(4);
    expect(time.waits).toEqual([375, 750, 1500]);
    expect(retried).toEqual(["network", "network", "code"]);
  });

  it("returns a permanent failure at once, and gives up on a long outage within the time budget", async () => {
    const time = fakeTime();
    expect(await callWithRetry(async () => ({ ok: false, code: "FORBIDDEN", message: "no" }) as ActionResult<string>, time)).toEqual({
      ok: false,
      failure: { kind: "code", code: "FORBIDDEN", message: "no" },
      gaveUp: false,
    });
    expect(time.waits).toEqual([]);

    let calls = 0;
    const result = await callWithRetry<string>(async () => {
      calls += 1;
      throw new TypeError("Failed to fetch");
    }, time);
    expect(result).toEqual({ ok: false, failure: { kind: "network" }, gaveUp: true });
    // Waits 375 + 750 + 1500 + 3000 + 6000 + 11250 × 9 = 112 875 ms between 15 tries, the most allowed.
    expect(calls).toBe(15);
    expect(time.now()).toBe(112_875);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    let calls = 0;
    const result = await callWithRetry<string>(
      async () => {
        calls += 1;
        throw new TypeError("Failed to fetch");
      },
      { signal: controller.signal, sleep: async () => controller.abort(), random: () => 0.5 },
    );
    expect(result).toMatchObject({ ok: false, gaveUp: false });
    expect(calls).toBe(1);
  });
});

describe("thrownFailureMessage", () => {
  it("shows a thrown error's own message, and the network message for a failed fetch or a non-error", () => {
    expect(thrownFailureMessage(new Error("That section no longer exists. Reload the page."))).toBe("That section no longer exists. Reload the page.");
    expect(thrownFailureMessage(new TypeError("Failed to fetch"))).toBe(NETWORK_ERROR_MESSAGE);
    expect(thrownFailureMessage(new Error(""))).toBe(NETWORK_ERROR_MESSAGE);
    expect(thrownFailureMessage("offline")).toBe(NETWORK_ERROR_MESSAGE);
  });
});
