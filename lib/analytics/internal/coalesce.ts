// Work that many requests ask for and one run can serve (folding a quiz's waiting attempts): asks
// for a key that arrive while its run waits or works join it, and the run waits for a quiet spell
// first, so that a burst of asks is served by one run after the burst rather than by runs inside it.

export interface CoalesceTiming {
  /** A run starts once no ask has come for this long… */
  quietMs: number;
  /** …or once it has waited this long, however many asks keep coming. */
  maxWaitMs: number;
}

interface Waiting {
  lastAskedAt: number;
  working: boolean;
  /** Asked again while the work ran (too late to be served by it): one more run follows. */
  again: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A runner of `work(key)`. `ask(key, start)` joins the key's pass when one is waiting (and puts its
 * start off, within maxWaitMs), asks for one more pass when one is working, or else hands a new pass
 * to `start`, which runs it (e.g. with Next.js's after(); if `start` throws, nothing is left waiting).
 */
export function createCoalescer(timing: CoalesceTiming, work: (key: string) => Promise<void>, now: () => number = Date.now) {
  const waiting = new Map<string, Waiting>();

  async function pass(key: string, state: Waiting): Promise<void> {
    try {
      do {
        state.again = false;
        const since = now();
        for (;;) {
          const due = Math.min(state.lastAskedAt + timing.quietMs, since + timing.maxWaitMs);
          if (due <= now()) break;
          await sleep(due - now());
        }
        state.working = true;
        await work(key);
        state.working = false;
      } while (state.again);
    } finally {
      waiting.delete(key);
    }
  }

  return {
    ask(key: string, start: (run: () => Promise<void>) => void): void {
      const running = waiting.get(key);
      if (running) {
        running.lastAskedAt = now();
        if (running.working) running.again = true;
        return;
      }
      const state: Waiting = { lastAskedAt: now(), working: false, again: false };
      waiting.set(key, state);
      try {
        start(() => pass(key, state));
      } catch (error) {
        waiting.delete(key);
        throw error;
      }
    },
    /** Keys with a pass waiting or running (for tests). */
    get size(): number {
      return waiting.size;
    },
  };
}
