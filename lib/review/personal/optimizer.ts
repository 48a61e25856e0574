// The one door to the fsrs-rs optimizer (@open-spaced-repetition/binding): items in its classes, and
// a fit that keeps to a deadline. Native code: a panic inside it aborts the process, so callers pass
// only items fit.ts has vetted (each with a review on a later day than the one before it).
import type { TrainingConfig } from "@open-spaced-repetition/binding";

/**
 * The optimizer's native module, loaded on the first fit: the worker runs in every app process, and
 * one that never fits (no student has enough reviews yet) should not carry it.
 */
const loadBinding = () => import("@open-spaced-repetition/binding");
import type { FsrsItem } from "./fit";

/** fsrs-rs's own training settings (what the binding uses when none are given; checked to fit identically). */
export const FSRS_RS_TRAINING: Readonly<TrainingConfig> = { numEpochs: 5, batchSize: 512, seed: 2023, maxSeqLen: 64, learningRate: 4e-2, gamma: 1 };
/** As the app schedules: short-term memory on, one relearning step (10 min). */
export const ENABLE_SHORT_TERM = true;
const RELEARNING_STEPS = 1;
/**
 * The binding's `timeout` is not a time limit: it is how often (ms) its progress thread wakes, and
 * every call waits at least one such interval (its default, 500, would add half a second to each fit).
 * A short poll keeps fits quick and lets the progress callback stop a fit soon after its deadline.
 */
const POLL_MS = 10;

/** Items as the binding's classes. */
export async function toBindingItems(items: readonly FsrsItem[]) {
  const { FSRSBindingItem, FSRSBindingReview } = await loadBinding();
  return items.map((item) => new FSRSBindingItem(item.reviews.map((r) => new FSRSBindingReview(r.rating, r.deltaT))));
}

/** The fit ran past its deadline. */
export class FitTimeout extends Error {}

/**
 * fsrs-rs's fit, bounded in time: past the deadline the progress callback asks it to stop, and if it
 * still has not answered a moment later the promise gives up on it (the native work then finishes in
 * the background, its result ignored). Throws FitTimeout, or the optimizer's own error.
 */
export async function computeWithDeadline(items: readonly FsrsItem[], timeoutMs: number, trainingConfig?: TrainingConfig): Promise<number[]> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FitTimeout()), Math.min(timeoutMs + 2 * POLL_MS + 50, 2 ** 31 - 1));
    timer.unref();
  });
  const { computeParameters } = await loadBinding();
  const fit = computeParameters(await toBindingItems(items), {
    enableShortTerm: ENABLE_SHORT_TERM,
    numRelearningSteps: RELEARNING_STEPS,
    timeout: Math.max(1, Math.min(POLL_MS, Math.floor(timeoutMs))),
    progress: () => performance.now() < deadline,
    ...(trainingConfig ? { trainingConfig } : {}),
  });
  try {
    const parameters = await Promise.race([fit, giveUp]);
    // A fit that finished just past its deadline is still a timeout: the limit must mean the same every time.
    if (performance.now() > deadline) throw new FitTimeout();
    return parameters;
  } catch (error) {
    if (error instanceof FitTimeout || performance.now() > deadline) throw new FitTimeout();
    throw error;
  } finally {
    clearTimeout(timer);
    fit.catch(() => undefined);
  }
}
