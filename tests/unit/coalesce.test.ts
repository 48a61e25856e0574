// The fold's scheduling (lib/analytics/internal/coalesce.ts): a burst of asks is served by one run
// after it, a steady stream by a run every maxWaitMs, and an ask during a run by one more run.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCoalescer } from "@/lib/analytics/internal/coalesce";

const timing = { quietMs: 1_000, maxWaitMs: 10_000 };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder(workMs = 0) {
  const runs: { key: string; at: number }[] = [];
  const passes: Promise<void>[] = [];
  const coalescer = createCoalescer(timing, async (key) => {
    runs.push({ key, at: Date.now() });
    if (workMs > 0) await new Promise((resolve) => setTimeout(resolve, workMs));
  });
  const ask = (key = "quiz") => coalescer.ask(key, (run) => passes.push(run()));
  return { runs, passes, ask, coalescer };
}

describe("createCoalescer", () => {
  it("serves a burst of asks with one run, a quiet second after the last", async () => {
    const { runs, ask, coalescer } = recorder();
    for (let i = 0; i < 300; i++) {
      ask();
      await vi.advanceTimersByTimeAsync(5); // 300 asks over 1.5 s, the last at 1,495 ms
    }
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([{ key: "quiz", at: 2_495 }]);
    expect(coalescer.size).toBe(0);
  });

  it("runs at the latest maxWaitMs after the pass began while asks keep coming", async () => {
    const { runs, ask } = recorder();
    for (let t = 0; t < 25_000; t += 500) {
      ask();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(runs.map((r) => r.at)).toEqual([10_000, 20_000]);
  });

  it("follows a run with one more when asked while it worked, and keeps keys apart", async () => {
    const { runs, passes, ask } = recorder(2_000);
    ask("a");
    ask("b");
    await vi.advanceTimersByTimeAsync(1_500); // both runs have started (at 1 s) and work until 3 s
    ask("a");
    ask("a");
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(passes);
    // "a" again a quiet second after its last ask (1.5 s), once its first run ended at 3 s.
    expect(runs).toEqual([
      { key: "a", at: 1_000 },
      { key: "b", at: 1_000 },
      { key: "a", at: 3_000 },
    ]);
    expect(passes).toHaveLength(2);
  });

  it("leaves nothing waiting when the pass cannot be started (no request to run it after)", () => {
    const coalescer = createCoalescer(timing, async () => {});
    expect(() =>
      coalescer.ask("quiz", () => {
        throw new Error("outside a request");
      }),
    ).toThrow("outside a request");
    expect(coalescer.size).toBe(0);
  });
});
