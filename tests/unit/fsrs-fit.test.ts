import { describe, expect, it } from "vitest";
import { FSRSBinding } from "@open-spaced-repetition/binding";
import { CLAMP_PARAMETERS, default_w } from "ts-fsrs";
import {
  fitPersonalParameters,
  MIN_REVIEWS_FOR_FIT,
  reviewsStillNeeded,
  splitHeldOut,
  toFsrsItems,
  usableParameters,
  utcDaysBetween,
  type FsrsItem,
  type LoggedReview,
} from "@/lib/review/personal/fit";
import { evaluateParameters } from "@/lib/review/personal/evaluate";
import { computeWithDeadline, FSRS_RS_TRAINING, toBindingItems } from "@/lib/review/personal/optimizer";
import { daysAbove90, describeParameters } from "@/lib/review/personal/describe";
import { perturbParameters, simulateLearner } from "@/lib/review/personal/simulate-learner";

const at = (iso: string) => new Date(iso);
const review = (cardId: string, rating: LoggedReview["rating"], iso: string): LoggedReview => ({ cardId, rating, reviewedAt: at(iso) });

// Ten ratings of four cards, given out of order. A: learnt, 2 days, then 1 day (only 2 minutes later,
// across midnight UTC), then a same-day relearning step. B: 8 days. C: once. D: twice on one day.
const LOG: LoggedReview[] = [
  review("B", "HARD", "2026-03-11T08:00:00Z"),
  review("A", "AGAIN", "2026-03-05T00:01:00Z"),
  review("D", "GOOD", "2026-03-06T10:05:00Z"),
  review("A", "GOOD", "2026-03-02T09:00:00Z"),
  review("C", "GOOD", "2026-03-07T12:00:00Z"),
  review("A", "GOOD", "2026-03-04T23:59:00Z"),
  review("B", "EASY", "2026-03-03T20:00:00Z"),
  review("A", "GOOD", "2026-03-05T00:11:00Z"),
  review("D", "HARD", "2026-03-06T10:00:00Z"),
  review("A", "GOOD", "2026-03-02T09:10:00Z"),
];
const shape = (items: FsrsItem[]) => items.map((i) => [i.cardId, i.reviewedAt.toISOString(), i.reviews.map((r) => `${r.rating}/${r.deltaT}`).join(" ")]);

/** Far from FSRS's average: initial stabilities 0.3×, slower growth after recall, a steep forgetting curve. */
const FORGETFUL = default_w.map((w, i) => (i < 4 ? w * 0.3 : i === 8 ? w - 0.4 : i === 20 ? 0.6 : w));

describe("the optimizer's items", () => {
  it("counts days between UTC calendar days, as ts-fsrs and fsrs-rs do", () => {
    expect(utcDaysBetween(at("2026-03-04T23:59:00Z"), at("2026-03-05T00:01:00Z"))).toBe(1);
    expect(utcDaysBetween(at("2026-03-05T00:00:00Z"), at("2026-03-05T23:59:59Z"))).toBe(0);
    expect(utcDaysBetween(at("2026-02-27T12:00:00Z"), at("2026-03-02T01:00:00Z"))).toBe(3);
  });

  it("makes one item per later-day review, with the card's history in time order and exact deltaT", () => {
    expect(shape(toFsrsItems(LOG))).toEqual([
      ["A", "2026-03-04T23:59:00.000Z", "3/0 3/0 3/2"],
      ["A", "2026-03-05T00:01:00.000Z", "3/0 3/0 3/2 1/1"],
      ["B", "2026-03-11T08:00:00.000Z", "4/0 2/8"],
    ]);
  });

  it("splits by time: the latest share is held out, and a held-out item keeps its older history", () => {
    const split = splitHeldOut(LOG);
    expect([split.train.length, split.heldOut.length]).toEqual([8, 2]);
    expect(split.heldOut.map((r) => r.cardId)).toEqual(["C", "B"]);
    expect(shape(split.trainItems).map((i) => i[1])).toEqual(["2026-03-04T23:59:00.000Z", "2026-03-05T00:01:00.000Z"]);
    expect(shape(split.heldOutItems)).toEqual([["B", "2026-03-11T08:00:00.000Z", "4/0 2/8"]]);

    const late = splitHeldOut(LOG, 0.7);
    expect([late.train.length, late.heldOut.length, late.trainItems.length, late.heldOutItems.length]).toEqual([3, 7, 0, 3]);
    expect(shape(late.heldOutItems)[0]).toEqual(["A", "2026-03-04T23:59:00.000Z", "3/0 3/0 3/2"]);

    const eleven = [...LOG, review("E", "GOOD", "2026-03-12T08:00:00Z")];
    expect(splitHeldOut(eleven).heldOut.length).toBe(2); // 2.2 rounds to 2
    expect(splitHeldOut(LOG, 0).heldOut).toEqual([]);
    expect(() => splitHeldOut(LOG, 1.5)).toThrow(RangeError);
  });
});

describe("the held-out judge", () => {
  it("computes fsrs-rs's own log loss and RMSE: equal to FSRSBinding.evaluate where its outlier filter keeps everything", async () => {
    const truth = perturbParameters(4);
    const { heldOutItems } = splitHeldOut(simulateLearner({ parameters: truth, reviews: 3000, seed: 4 }));
    // Cards with two long-term reviews or more: fsrs-rs's filter only removes first-interval groups.
    const whole = heldOutItems.filter((i) => i.reviews.filter((r) => r.deltaT > 0).length >= 2);
    expect(whole.length).toBe(288);
    for (const w of [default_w, truth]) {
      const ours = evaluateParameters(w, whole)!;
      const binding = new FSRSBinding([...w]).evaluate(await toBindingItems(whole));
      expect(ours.logLoss).toBeCloseTo(binding.logLoss, 5);
      expect(ours.rmse).toBeCloseTo(binding.rmseBins, 5);
    }
    // On all held-out items the binding first drops what its filter drops, and its figure moves away.
    const all = evaluateParameters(default_w, heldOutItems)!.logLoss;
    expect(Math.abs(new FSRSBinding([...default_w]).evaluate(await toBindingItems(heldOutItems)).logLoss - all)).toBeGreaterThan(0.01);
    expect(evaluateParameters(default_w, [])).toBeNull();
  });
});

describe("fitting a student's own parameters", () => {
  it("accepts a fit for a learner far from FSRS's average, with better figures on the held-out reviews", async () => {
    const log = simulateLearner({ parameters: FORGETFUL, reviews: MIN_REVIEWS_FOR_FIT, seed: 1 });
    const result = await fitPersonalParameters(log, { timeoutMs: 10_000 });
    expect(result.status).toBe("ACCEPTED");
    expect([result.trainReviews, result.heldOutReviews]).toEqual([1600, 400]);
    expect(result.loglossPersonal!).toBeLessThan(result.loglossDefault!);
    expect(result.rmsePersonal!).toBeLessThan(result.rmseDefault!);
    expect(result.parameters).toHaveLength(21);
    expect(result.reason).toMatch(/^On your latest 400 reviews your own parameters predicted better than the defaults \(log loss [\d.]+ vs [\d.]+, /);
    // The fit found the weaker memory: a card known after 3 days fades faster than FSRS's average.
    expect(describeParameters(result.parameters)).toMatch(/^Your memory of these cards fades faster than average/);
  });

  it("rejects a fit for a learner whose memory IS the defaults, with figures that are the judge's own", async () => {
    const log = simulateLearner({ parameters: default_w, reviews: MIN_REVIEWS_FOR_FIT, seed: 1 });
    const result = await fitPersonalParameters(log);
    expect(result.status).toBe("REJECTED");
    const { heldOutItems } = splitHeldOut(log);
    const byDefault = evaluateParameters(default_w, heldOutItems)!;
    const personal = evaluateParameters(result.parameters, heldOutItems)!;
    expect([result.loglossDefault, result.rmseDefault]).toEqual([byDefault.logLoss, byDefault.rmse]);
    expect([result.loglossPersonal, result.rmsePersonal]).toEqual([personal.logLoss, personal.rmse]);
    expect(personal.logLoss < byDefault.logLoss && personal.rmse < byDefault.rmse).toBe(false);
    expect(result.reason).toContain(`log loss ${personal.logLoss.toFixed(2)} vs ${byDefault.logLoss.toFixed(2)}`);
    expect(result.reason).toMatch(/^On your latest 400 reviews the fitted parameters .*, so the defaults stay\.$/);
  });

  it("does not try with too few reviews, and says how many more are needed", async () => {
    const log = simulateLearner({ parameters: default_w, reviews: 150, seed: 2 });
    expect(await fitPersonalParameters(log)).toEqual({
      status: "FAILED",
      parameters: [],
      trainReviews: 120,
      heldOutReviews: 30,
      loglossDefault: null,
      loglossPersonal: null,
      rmseDefault: null,
      rmsePersonal: null,
      reason: `Your own parameters are fitted from ${MIN_REVIEWS_FOR_FIT} reviews; you have 150, so ${MIN_REVIEWS_FOR_FIT - 150} more reviews are needed.`,
      fitMs: 0,
    });
    const oneShort = await fitPersonalParameters(simulateLearner({ parameters: default_w, reviews: MIN_REVIEWS_FOR_FIT - 1, seed: 2 }));
    expect(oneShort.reason).toMatch(/, so 1 more review is needed\.$/);
    expect([reviewsStillNeeded(0), reviewsStillNeeded(MIN_REVIEWS_FOR_FIT - 1), reviewsStillNeeded(MIN_REVIEWS_FOR_FIT), reviewsStillNeeded(5000)]).toEqual([
      MIN_REVIEWS_FOR_FIT,
      1,
      0,
      0,
    ]);
  });

  it("fails in words, without reaching the optimizer, when no review came on a later day (fsrs-rs would abort the process)", async () => {
    const sameDay = Array.from({ length: MIN_REVIEWS_FOR_FIT }, (_, i) =>
      review(`card-${Math.floor(i / 2)}`, "GOOD", `2026-03-02T10:${String(i % 60).padStart(2, "0")}:00Z`),
    );
    const result = await fitPersonalParameters(sameDay);
    expect(result.status).toBe("FAILED");
    expect(result.reason).toBe("Too few of your reviews came on a later day than the card's previous review to fit your own parameters, so the defaults stay.");
  });

  it("bounds the optimizer's time: past the deadline the fit is stopped and FAILED", async () => {
    const log = simulateLearner({ parameters: default_w, reviews: 3000, seed: 3 });
    const started = performance.now();
    const result = await fitPersonalParameters(log, { timeoutMs: 1 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.status).toBe("FAILED");
    expect(result.reason).toBe("Fitting your parameters took longer than 1 ms, so it was stopped and the defaults stay.");
    expect(result.parameters).toEqual([]);
    // With time to spare, the same items fit within it.
    const fitStarted = performance.now();
    const { trainItems } = splitHeldOut(log);
    const w = await computeWithDeadline(trainItems, 10_000);
    expect(w).toHaveLength(21);
    expect(performance.now() - fitStarted).toBeLessThan(10_000);
    // FSRS_RS_TRAINING spells out fsrs-rs's own settings: passing them fits exactly as passing none.
    expect(await computeWithDeadline(trainItems, 10_000, { ...FSRS_RS_TRAINING })).toEqual(w);
  });

  it("keeps only weights ts-fsrs can schedule with, clamped as ts-fsrs clamps them", () => {
    expect(usableParameters(default_w)).toEqual([...default_w]);
    expect(usableParameters([...default_w.slice(0, 20), 5])![20]).toBe(0.8);
    expect(usableParameters([...default_w.slice(0, 20), Number.NaN])).toBeNull();
    expect(usableParameters([...default_w.slice(0, 20), Number.POSITIVE_INFINITY])).toBeNull();
    expect(usableParameters(default_w.slice(0, 19))).toBeNull();
  });
});

describe("the simulated learner", () => {
  it("logs exactly the reviews asked for, in time order, the same for the same seed", () => {
    const log = simulateLearner({ parameters: default_w, reviews: 500, seed: 9 });
    expect(log).toHaveLength(500);
    expect(log.every((r, i) => i === 0 || r.reviewedAt >= log[i - 1]!.reviewedAt)).toBe(true);
    expect(simulateLearner({ parameters: default_w, reviews: 500, seed: 9 })).toEqual(log);
    expect(simulateLearner({ parameters: default_w, reviews: 500, seed: 10 })).not.toEqual(log);
    // The app's scheduler is in the loop: a new card comes back the same day for its learning steps,
    // unless rated Easy, which graduates it straight to 8 days (or more, if the learner skips days).
    const cards = new Map<string, LoggedReview[]>();
    for (const r of log) cards.set(r.cardId, [...(cards.get(r.cardId) ?? []), r]);
    let checked = 0;
    for (const [first, second] of cards.values()) {
      if (!second) continue;
      checked += 1;
      if (first!.rating === "EASY") expect(utcDaysBetween(first!.reviewedAt, second.reviewedAt)).toBeGreaterThanOrEqual(8);
      else expect(utcDaysBetween(first!.reviewedAt, second.reviewedAt)).toBe(0);
    }
    expect([cards.size, checked]).toEqual([130, 119]);
  });

  it("draws true weights within ts-fsrs's ranges, unlike the defaults, repeatably", () => {
    const ranges = CLAMP_PARAMETERS(2, true);
    for (let seed = 1; seed <= 30; seed++) {
      const w = perturbParameters(seed);
      expect(w).toHaveLength(21);
      w.forEach((value, i) => {
        expect(value).toBeGreaterThanOrEqual(ranges[i]![0]!);
        expect(value).toBeLessThanOrEqual(ranges[i]![1]!);
      });
      expect(w.slice(0, 4)).toEqual([...w.slice(0, 4)].sort((a, b) => a - b));
      expect(w[20]).not.toBe(default_w[20]);
      expect(perturbParameters(seed)).toEqual(w);
    }
  });
});

describe("describing a student's parameters", () => {
  const scaled = (factor: number, changes: Record<number, number> = {}) => default_w.map((w, i) => changes[i] ?? (i < 4 ? w * factor : w));

  it("computes the example card's days above 90 % with ts-fsrs (by hand: 2.3065 days, recall 0.881 at day 3, then 13.84)", () => {
    expect(daysAbove90(default_w)).toBeCloseTo(13.836, 3);
  });

  it.each([
    [
      "about the same",
      default_w,
      "fades about as fast as average: a card you know well after 3 days is predicted to stay above 90 % for 14 days, close to the 14 days by default.",
    ],
    [
      "within 10 %",
      scaled(1, { 8: default_w[8]! + 0.05 }),
      "fades about as fast as average: a card you know well after 3 days is predicted to stay above 90 % for 14 days, close to the 14 days by default.",
    ],
    [
      "slower",
      scaled(3),
      "fades slower than average: a card you know well after 3 days is predicted to stay above 90 % for 19 days, against 14 days by default.",
    ],
    [
      "faster",
      scaled(0.3),
      "fades faster than average: a card you know well after 3 days is predicted to stay above 90 % for 9.3 days, against 14 days by default.",
    ],
  ])("%s", (_, w, expected) => {
    expect(describeParameters(w)).toBe(`Your memory of these cards fades ${expected.replace(/^fades /, "")}`);
  });

  it("mentions the forgetting curve's shape only when its decay differs clearly", () => {
    expect(describeParameters(FORGETFUL)).toBe(
      "Your memory of these cards fades faster than average: a card you know well after 3 days is predicted to stay above 90 % for 8.6 days, against 14 days by default. Once past that point, your recall drops off more steeply than average.",
    );
    expect(describeParameters(scaled(1, { 20: 0.1 }))).toMatch(/Once past that point, your recall drops off more gently than average\.$/);
    expect(() => describeParameters(default_w.slice(0, 19))).toThrow(RangeError);
  });
});
