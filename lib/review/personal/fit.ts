// Personal FSRS parameters: fit FSRS-6's 21 weights to one student's review log with the fsrs-rs
// optimizer (@open-spaced-repetition/binding), and use them only when they predict that student's
// LATEST reviews better than FSRS's defaults (judged by ./evaluate.ts, which says why it does not use
// the binding's own evaluate). Pure: reviews in, a verdict out; the caller stores it.
//
// ts-fsrs is used directly for its default weights and its parameter clamping: the fit is about the
// weights themselves, while scheduling cards with them stays lib/review/fsrs.ts's job.
import type { TrainingConfig } from "@open-spaced-repetition/binding";
import { default_w, generatorParameters } from "ts-fsrs";
import type { Rating } from "../fsrs";
import { evaluateParameters } from "./evaluate";
import { computeWithDeadline, ENABLE_SHORT_TERM, FitTimeout } from "./optimizer";

/** One rating from the review log (undone ratings left out by the caller). */
export interface LoggedReview {
  cardId: string;
  rating: Rating;
  reviewedAt: Date;
}

/** One review as fsrs-rs reads it: rating 1–4 and whole days since the card's previous review. */
export interface FsrsReview {
  rating: 1 | 2 | 3 | 4;
  deltaT: number;
}

/** A card's history up to and including the review to predict (its last one). */
export interface FsrsItem {
  cardId: string;
  /** When the predicted (last) review happened. */
  reviewedAt: Date;
  reviews: FsrsReview[];
}

export type FitStatus = "ACCEPTED" | "REJECTED" | "FAILED";

/** A fit and its verdict, as fsrs_parameter_sets stores it (figures null when there is nothing to judge). */
export interface FitResult {
  status: FitStatus;
  /** FSRS-6's 21 weights as ts-fsrs will use them (clamped); empty when the fit failed. */
  parameters: number[];
  trainReviews: number;
  heldOutReviews: number;
  loglossDefault: number | null;
  loglossPersonal: number | null;
  rmseDefault: number | null;
  rmsePersonal: number | null;
  /** The verdict in words for the student. */
  reason: string;
  fitMs: number;
}

export interface FitOptions {
  /** Give up (FAILED) when the optimizer has not answered after this long. */
  timeoutMs?: number;
  /** Share of the latest reviews held out to judge the fit. */
  heldOutShare?: number;
  /** fsrs-rs's training settings, all six (start from FSRS_RS_TRAINING in ./optimizer); omitted: fsrs-rs's defaults. */
  trainingConfig?: TrainingConfig;
}

/**
 * Reviews (not undone) before a fit is attempted: the smallest log from which the fit beat the
 * defaults for most simulated learners.
 *
 * Measured with `npm run bench:fsrs -- --learners 200 --reviews N --seed S` for S = 1 and 2 (400
 * learners per size): true weights from perturbParameters, the app's default scheduler, the oldest
 * 80 % fitted with fsrs-rs's default training, the latest 20 % judged. Share of learners ACCEPTED
 * (beating the defaults on both log loss and RMSE):
 *
 *   reviews             250   500   750  1000  1250  1500  1750  2000  2500  3000
 *   perturbed learners  44.3  43.5  48.8  39.5  43.5  48.5  49.5  52.5  55.5  56.0 %   (± 2.5)
 *   with --defaults        –  29.3     –  17.0     –  20.5     –  20.5     –     – %
 *
 * From 2,000 reviews on, every size measured passes half; below it none does, and up to 1,000 the
 * fitted weights' mean log loss is in some batches worse than the defaults'. The second row
 * (learners whose true memory IS the defaults, so any acceptance is noise) is what the held-out test
 * lets through: about one such fit in five from 1,000 reviews on. The ceiling is the test, more than the optimizer: the
 * learners' TRUE weights pass it for only 75 % of them at 2,000 reviews (a one-off check, 200 learners).
 */
export const MIN_REVIEWS_FOR_FIT = 2000;

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_HELD_OUT_SHARE = 0.2;

const RATING_NUMBER: Record<Rating, 1 | 2 | 3 | 4> = { AGAIN: 1, HARD: 2, GOOD: 3, EASY: 4 };
const DAY_MS = 86_400_000;

/** Whole days between the UTC calendar days of two instants, as ts-fsrs and fsrs-rs count them. */
export function utcDaysBetween(from: Date | number, to: Date | number): number {
  const day = (t: Date | number) => Math.floor(new Date(t).getTime() / DAY_MS);
  return day(to) - day(from);
}

/** The log oldest first; same-instant ratings keep their given order. */
function chronological(reviews: readonly LoggedReview[]): LoggedReview[] {
  return reviews
    .map((review, index) => ({ review, index }))
    .sort((a, b) => a.review.reviewedAt.getTime() - b.review.reviewedAt.getTime() || a.index - b.index)
    .map(({ review }) => review);
}

/** Items from a chronological log, each with the position (in that log) of the review it predicts. */
function itemsOf(sorted: readonly LoggedReview[]): { item: FsrsItem; position: number }[] {
  const byCard = new Map<string, { history: FsrsReview[]; last: Date }>();
  const out: { item: FsrsItem; position: number }[] = [];
  sorted.forEach((review, position) => {
    const card = byCard.get(review.cardId);
    const deltaT = card ? utcDaysBetween(card.last, review.reviewedAt) : 0;
    const history = [...(card?.history ?? []), { rating: RATING_NUMBER[review.rating], deltaT }];
    byCard.set(review.cardId, { history, last: review.reviewedAt });
    // fsrs-rs needs every item to hold a review on a later day than the one before it (deltaT > 0):
    // it groups items by their first such review and, without one, panics — which aborts the whole
    // Node process, not just the call. And FSRS-6 predicts recall at whole-day distances, so a review
    // on the same day as the card's previous one (deltaT 0, predicted recall 100 %) is nothing it can
    // learn from. So, as Anki builds its training set, one item per review after the first whose own
    // deltaT > 0; same-day reviews (learning steps) stay in the later items' histories, where they
    // move the memory state through the short-term weights.
    if (card && deltaT > 0) out.push({ item: { cardId: review.cardId, reviewedAt: review.reviewedAt, reviews: history }, position });
  });
  return out;
}

/** The optimizer's items for a log: grouped by card, in time order, deltaT in whole UTC days. */
export function toFsrsItems(reviews: readonly LoggedReview[]): FsrsItem[] {
  return itemsOf(chronological(reviews)).map(({ item }) => item);
}

export interface HeldOutSplit {
  /** The older reviews, which the fit learns from. */
  train: LoggedReview[];
  /** The latest `share` of the reviews, which judge it. */
  heldOut: LoggedReview[];
  trainItems: FsrsItem[];
  /** Items whose predicted review is held out (their history may reach back into training time). */
  heldOutItems: FsrsItem[];
}

/** Chronological split: the latest `share` of the reviews (rounded to whole reviews) are held out. */
export function splitHeldOut(reviews: readonly LoggedReview[], share = DEFAULT_HELD_OUT_SHARE): HeldOutSplit {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share must be between 0 and 1, not ${share}`);
  const sorted = chronological(reviews);
  const cut = sorted.length - Math.round(sorted.length * share);
  const items = itemsOf(sorted);
  return {
    train: sorted.slice(0, cut),
    heldOut: sorted.slice(cut),
    trainItems: items.filter((i) => i.position < cut).map((i) => i.item),
    heldOutItems: items.filter((i) => i.position >= cut).map((i) => i.item),
  };
}

/** Reviews still to log before a fit is attempted (0 once there are enough). */
export function reviewsStillNeeded(count: number): number {
  return Math.max(0, MIN_REVIEWS_FOR_FIT - count);
}

/** `w` as ts-fsrs will schedule with it (clamped to its ranges), or null when it is not 21 finite numbers ts-fsrs accepts. */
export function usableParameters(w: readonly number[]): number[] | null {
  if (w.length !== 21 || !w.every(Number.isFinite)) return null;
  try {
    const clamped = [...generatorParameters({ w: [...w], enable_short_term: ENABLE_SHORT_TERM }).w];
    return clamped.length === 21 && clamped.every(Number.isFinite) ? clamped : null;
  } catch {
    return null;
  }
}

/** "0.41 vs 0.39", with more digits when two decimals would show no difference. */
function versus(personal: number, fallback: number): string {
  for (const digits of [2, 3, 4]) {
    if (personal.toFixed(digits) !== fallback.toFixed(digits) || digits === 4) return `${personal.toFixed(digits)} vs ${fallback.toFixed(digits)}`;
  }
  return "";
}

const formatDuration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Fit on the split's training items and judge on its held-out items (the steps after the split). */
export async function fitOnSplit(split: HeldOutSplit, options: FitOptions = {}): Promise<FitResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = { trainReviews: split.train.length, heldOutReviews: split.heldOut.length };
  const latest = `your latest ${plural(split.heldOut.length, "review")}`;
  const failed = (reason: string): FitResult => ({
    status: "FAILED",
    parameters: [],
    ...base,
    loglossDefault: null,
    loglossPersonal: null,
    rmseDefault: null,
    rmsePersonal: null,
    reason,
    fitMs: Math.round(performance.now() - started),
  });

  // Fewer than 8 items and fsrs-rs hands back its defaults untouched: there is nothing to fit.
  if (split.trainItems.length < 8)
    return failed("Too few of your reviews came on a later day than the card's previous review to fit your own parameters, so the defaults stay.");
  if (split.heldOutItems.length === 0)
    return failed(`None of ${latest} came on a later day than the card's previous review, so there is nothing to judge a fit on and the defaults stay.`);
  let raw: number[];
  try {
    raw = await computeWithDeadline(split.trainItems, timeoutMs, options.trainingConfig);
  } catch (error) {
    if (error instanceof FitTimeout)
      return failed(`Fitting your parameters took longer than ${formatDuration(timeoutMs)}, so it was stopped and the defaults stay.`);
    return failed(`Fitting your parameters failed (${error instanceof Error ? error.message : String(error)}), so the defaults stay.`);
  }
  const parameters = usableParameters(raw);
  if (!parameters) return failed("Fitting your parameters gave numbers the scheduler cannot use, so the defaults stay.");
  const fallback = evaluateParameters(default_w, split.heldOutItems);
  const personal = evaluateParameters(parameters, split.heldOutItems);
  if (!fallback || !personal) return failed("Judging the fit gave numbers that are not finite, so the defaults stay.");

  const figures = {
    loglossDefault: fallback.logLoss,
    loglossPersonal: personal.logLoss,
    rmseDefault: fallback.rmse,
    rmsePersonal: personal.rmse,
  };
  const loss = `log loss ${versus(personal.logLoss, fallback.logLoss)}`;
  const rmse = `calibration error ${versus(personal.rmse, fallback.rmse)}`;
  const betterLoss = personal.logLoss < fallback.logLoss;
  const betterRmse = personal.rmse < fallback.rmse;
  let status: FitStatus = "REJECTED";
  let reason: string;
  if (betterLoss && betterRmse) {
    status = "ACCEPTED";
    reason = `On ${latest} your own parameters predicted better than the defaults (${loss}, ${rmse}), so they schedule your cards from now on.`;
  } else if (!betterLoss && !betterRmse) {
    reason = `On ${latest} the fitted parameters predicted no better than the defaults (${loss}, ${rmse}), so the defaults stay.`;
  } else {
    const [good, bad] = betterLoss ? [loss, rmse] : [rmse, loss];
    reason = `On ${latest} the fitted parameters did better on one measure (${good}) but not on the other (${bad}), so the defaults stay.`;
  }
  return { status, parameters, ...base, ...figures, reason, fitMs: Math.round(performance.now() - started) };
}

/**
 * Fit a student's own parameters on all but their latest reviews and keep them only when they beat the
 * defaults on those latest reviews, on both log loss and RMSE. Never throws for bad data or a failing
 * optimizer: those come back as FAILED with the reason.
 */
export async function fitPersonalParameters(reviews: readonly LoggedReview[], options: FitOptions = {}): Promise<FitResult> {
  const split = splitHeldOut(reviews, options.heldOutShare ?? DEFAULT_HELD_OUT_SHARE);
  const needed = reviewsStillNeeded(reviews.length);
  if (needed > 0)
    return {
      status: "FAILED",
      parameters: [],
      trainReviews: split.train.length,
      heldOutReviews: split.heldOut.length,
      loglossDefault: null,
      loglossPersonal: null,
      rmseDefault: null,
      rmsePersonal: null,
      reason:
        `Your own parameters are fitted from ${MIN_REVIEWS_FOR_FIT} reviews; you have ${reviews.length}, ` +
        `so ${plural(needed, "more review")} ${needed === 1 ? "is" : "are"} needed.`,
      fitMs: 0,
    };
  return fitOnSplit(split, options);
}
