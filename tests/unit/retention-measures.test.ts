import { describe, expect, it } from "vitest";
import { calibrationBin, mergeSparseBins, sumBins } from "@/lib/review/retention/calibration";
import {
  DEFAULT_FORGETTING_CURVE,
  isoWeekStart,
  maturityOf,
  predictedRecall,
  summarizeRetention,
  tallyReviews,
  wilsonInterval,
  type ReviewRow,
  type Tallies,
} from "@/lib/review/retention/measures";
import { ratePoint } from "@/lib/review/retention/proportion";

const review = (row: Partial<ReviewRow> & Pick<ReviewRow, "kind" | "rating" | "scheduledDays" | "reviewedAt">): ReviewRow => ({
  state: "REVIEW",
  elapsedDays: row.scheduledDays,
  stability: 10,
  retrievability: null,
  desiredRetention: null,
  ...row,
});
const day = (iso: string) => new Date(`${iso}Z`);

describe("what counts, and when", () => {
  it.each([
    [{ state: "REVIEW", scheduledDays: 21 }, "mature"],
    [{ state: "REVIEW", scheduledDays: 20 }, "young"],
    [{ state: "REVIEW", scheduledDays: 0 }, "young"],
    [{ state: "LEARNING", scheduledDays: 0 }, null],
    [{ state: "RELEARNING", scheduledDays: 30 }, null],
    [{ state: "NEW", scheduledDays: 0 }, null],
    [{ state: "REVIEW", scheduledDays: 40, undoneAt: day("2026-05-04T10:00:00") }, null],
  ] as const)("%o is %s", (row, expected) => {
    expect(maturityOf(row)).toBe(expected);
  });

  it("names ISO weeks (UTC) by their Monday", () => {
    expect(isoWeekStart(day("2026-05-04T00:00:00"))).toBe("2026-05-04"); // a Monday
    expect(isoWeekStart(day("2026-05-10T23:59:59"))).toBe("2026-05-04"); // the Sunday after
    expect(isoWeekStart(day("2026-05-11T00:00:00"))).toBe("2026-05-11");
    expect(isoWeekStart(day("2027-01-01T12:00:00"))).toBe("2026-12-28"); // a Friday: its week began in December
  });

  it("takes the logged prediction, else the default forgetting curve R = (1 + f·t/S)^-0.1542", () => {
    expect(DEFAULT_FORGETTING_CURVE).toEqual({ decay: -0.1542, factor: 0.98034649 });
    expect(predictedRecall({ retrievability: 0.8, stability: 10, elapsedDays: 10 })).toBe(0.8);
    // t = S: 90 % by construction of the curve; t = 3S: 3.94103947^-0.1542 = 0.8093881; t = 0: certain.
    expect(predictedRecall({ retrievability: null, stability: 10, elapsedDays: 10 })).toBe(0.9);
    expect(predictedRecall({ retrievability: null, stability: 10, elapsedDays: 30 })).toBeCloseTo(0.8093881, 7);
    expect(predictedRecall({ retrievability: null, stability: 10, elapsedDays: 0 })).toBe(1);
    expect(predictedRecall({ retrievability: null, stability: 0, elapsedDays: 3 })).toBeNull();
  });

  it.each([
    [0, 0],
    [0.0999, 0],
    [0.1, 1],
    [0.85, 8],
    [0.9, 9],
    [1, 9],
  ])("predicted %f falls in bin %i", (p, bin) => expect(calibrationBin(p)).toBe(bin));

  it("gives Wilson intervals: 9/10 → [0.5958, 0.9821], 10/10 → [0.7225, 1], none without reviews", () => {
    const [low, high] = wilsonInterval(9, 10)!;
    expect(low).toBeCloseTo(0.5958, 4);
    expect(high).toBeCloseTo(0.9821, 4);
    expect(wilsonInterval(10, 10)![0]).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval(10, 10)![1]).toBeCloseTo(1, 9);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

// Two weeks with reviews and an empty one between; a learning step and an undone rating that never count.
const LOG: ReviewRow[] = [
  review({ kind: "FLASHCARD", rating: "GOOD", scheduledDays: 2, reviewedAt: day("2026-05-04T09:00:00"), retrievability: 0.95 }),
  review({ kind: "FLASHCARD", rating: "AGAIN", scheduledDays: 3, reviewedAt: day("2026-05-06T09:00:00"), retrievability: 0.85 }),
  review({ kind: "FLASHCARD", rating: "GOOD", scheduledDays: 0, reviewedAt: day("2026-05-06T09:01:00"), state: "LEARNING", retrievability: 0.99 }),
  // An older row without a prediction: 30 days on a stability of 10 → 0.8093881.
  review({ kind: "MISTAKE", rating: "HARD", scheduledDays: 25, elapsedDays: 30, reviewedAt: day("2026-05-08T09:00:00"), desiredRetention: 0.8 }),
  review({ kind: "FLASHCARD", rating: "GOOD", scheduledDays: 30, reviewedAt: day("2026-05-09T09:00:00"), undoneAt: day("2026-05-09T09:00:05") }),
  review({ kind: "OWN", rating: "AGAIN", scheduledDays: 21, reviewedAt: day("2026-05-18T09:00:00"), retrievability: 0.72, desiredRetention: 0.85 }),
  review({ kind: "FLASHCARD", rating: "EASY", scheduledDays: 5, reviewedAt: day("2026-05-24T23:00:00"), retrievability: 0.91 }),
];

describe("true retention per week", () => {
  const decks = summarizeRetention(tallyReviews(LOG));
  const shown = (p: ReturnType<typeof ratePoint>) => (p.hidden ? "hidden" : `${p.recalled}/${p.reviews}`);

  it("counts mature and young reviews per ISO week, with empty weeks in between", () => {
    const all = decks.ALL;
    expect(all.weeks.map((w) => [w.week, shown(w.mature), shown(w.young)])).toEqual([
      ["2026-05-04", "1/1", "1/2"],
      ["2026-05-11", "0/0", "0/0"],
      ["2026-05-18", "0/1", "1/1"],
    ]);
    expect(all.weeks.map((w) => w.desired)).toEqual([(0.9 + 0.9 + 0.8) / 3, null, (0.85 + 0.9) / 2]);
    expect(all.mature).toMatchObject({ hidden: false, reviews: 2, recalled: 1, rate: 0.5, students: null });
    expect(all.young).toMatchObject({ reviews: 3, recalled: 2, rate: 2 / 3 });
    expect(all.desired).toBeCloseTo(4.35 / 5, 12);
  });

  it("keeps each deck apart", () => {
    expect(decks.FLASHCARD.weeks.map((w) => [w.week, shown(w.mature), shown(w.young)])).toEqual([
      ["2026-05-04", "0/0", "1/2"],
      ["2026-05-11", "0/0", "0/0"],
      ["2026-05-18", "0/0", "1/1"],
    ]);
    expect(decks.FLASHCARD.mature).toMatchObject({ reviews: 0, rate: null, interval: null });
    expect(decks.MISTAKE.weeks.map((w) => w.week)).toEqual(["2026-05-04"]);
    expect(decks.MISTAKE.mature).toMatchObject({ reviews: 1, recalled: 1, rate: 1 });
    expect(decks.OWN.mature).toMatchObject({ reviews: 1, recalled: 0, rate: 0 });
  });

  it("headlines the mature figure only once there are enough mature reviews", () => {
    expect(decks.ALL.headline).toEqual({ kind: "too-few-mature", reviews: 2, needed: 30 });
    const lenient = summarizeRetention(tallyReviews(LOG), { headlineMinReviews: 2 }).ALL.headline;
    expect(lenient).toEqual({ kind: "mature", rate: 0.5, interval: wilsonInterval(1, 2), reviews: 2 });
    expect(summarizeRetention(tallyReviews([])).ALL).toMatchObject({ weeks: [], headline: { kind: "too-few-mature", reviews: 0 } });
  });
});

describe("calibration", () => {
  // Bins: 7 → 0.72 forgotten; 8 → 0.85 forgotten, 0.8093881 recalled; 9 → 0.95 and 0.91 recalled.
  const bins = sumBins(tallyReviews(LOG).bins);

  it("compares mean predicted recall with the share recalled, and the weighted mean gap", () => {
    const { calibration } = mergeSparseBins(bins, { minBinReviews: 1 });
    if (calibration.hidden) throw new Error("not hidden");
    expect(calibration.reviews).toBe(5);
    expect(calibration.meanPredicted).toBeCloseTo(4.2393881 / 5, 7);
    expect(calibration.actual).toBe(0.6);
    // (|0.72 − 0| + |1.6593881 − 1| + |1.86 − 2|) / 5
    expect(calibration.error).toBeCloseTo(1.5193881 / 5, 7);
    expect(calibration.bins.map((b) => (b.hidden ? null : [b.from, b.to, b.reviews, b.recalled]))).toEqual([
      [0.7, 0.8, 1, 0],
      [0.8, 0.9, 2, 1],
      [0.9, 1, 2, 2],
    ]);
  });

  it.each([
    // 7 alone is short, so it joins 8; 9 has 2.
    [2, [[0.7, 0.9, 3, 2.3793881 / 3]], [0.9, 1, 2, 0.93]],
    // 7+8 reach 3; 9's 2 are a short remainder that joins them.
    [3, [[0.7, 1, 5, 4.2393881 / 5]], null],
    [10, [[0.7, 1, 5, 4.2393881 / 5]], null],
  ])("merges sparse bins (at least %i reviews each)", (minBinReviews, first, second) => {
    const { calibration } = mergeSparseBins(bins, { minBinReviews });
    if (calibration.hidden) throw new Error("not hidden");
    const rows = calibration.bins.map((b) => (b.hidden ? null : [b.from, b.to, b.reviews, b.meanPredicted]));
    expect(rows).toHaveLength(second ? 2 : 1);
    expect(rows[0]!.slice(0, 3)).toEqual(first[0]!.slice(0, 3));
    expect(rows[0]![3]).toBeCloseTo(first[0]![3]!, 7);
    if (second) {
      expect(rows[1]!.slice(0, 3)).toEqual(second.slice(0, 3));
      expect(rows[1]![3]).toBeCloseTo(second[3]!, 12);
    }
    // The summary gap is over the ten 10 % bins whatever is merged for display.
    expect(calibration.error).toBeCloseTo(1.5193881 / 5, 7);
  });
});

describe("a class view withholds what too few students stand behind", () => {
  const tallies: Tallies = {
    weeks: [
      { deck: "FLASHCARD", maturity: "young", week: "2026-05-04", reviews: 40, recalled: 36, desiredSum: 36, students: 6 },
      { deck: "OWN", maturity: "young", week: "2026-05-04", reviews: 4, recalled: 1, desiredSum: 3.6, students: 1 },
      { deck: "MISTAKE", maturity: "mature", week: "2026-05-04", reviews: 3, recalled: 3, desiredSum: 2.7, students: 2 },
      { deck: "FLASHCARD", maturity: "mature", week: "2026-05-11", reviews: 10, recalled: 8, desiredSum: 9, students: 4 },
    ],
    bins: [
      { deck: "FLASHCARD", bin: 8, reviews: 12, recalled: 9, predictedSum: 10.2, students: 4 },
      { deck: "FLASHCARD", bin: 9, reviews: 3, recalled: 3, predictedSum: 2.8, students: 2 },
      { deck: "OWN", bin: 7, reviews: 4, recalled: 1, predictedSum: 3, students: 1 },
    ],
  };
  const decks = summarizeRetention(tallies, { minStudents: 3 });
  const shown = (p: ReturnType<typeof ratePoint>) => (p.hidden ? "hidden" : `${p.recalled}/${p.reviews}`);

  it("hides cells of fewer students, and leaves them out of every total so no subtraction finds them", () => {
    expect(decks.ALL.weeks.map((w) => [w.week, shown(w.mature), shown(w.young), w.desired])).toEqual([
      ["2026-05-04", "hidden", "36/40", 0.9], // the own cards' 1/4 is not in it: ALL − FLASHCARD reveals nothing
      ["2026-05-11", "8/10", "0/0", 0.9],
    ]);
    expect([shown(decks.ALL.mature), shown(decks.ALL.young)]).toEqual(["8/10", "36/40"]);
    expect(decks.ALL.mature).toMatchObject({ students: 4 });
    expect([shown(decks.MISTAKE.mature), shown(decks.MISTAKE.young), shown(decks.OWN.young)]).toEqual(["hidden", "0/0", "hidden"]);
    expect([decks.ALL.headline, decks.MISTAKE.headline]).toEqual([{ kind: "too-few-mature", reviews: 10, needed: 30 }, { kind: "withheld" }]);
    expect(ratePoint({ reviews: 0, recalled: 0, students: 0 }, 3)).toMatchObject({ hidden: false, reviews: 0 });
  });

  it("merges a bin of two students into a larger one (its students: a lower bound), else withholds it and its reviews", () => {
    const flashcards = tallies.bins.filter((b) => b.deck === "FLASHCARD");
    expect(mergeSparseBins(flashcards, { minStudents: 3 }).calibration).toEqual({
      hidden: false,
      reviews: 15,
      meanPredicted: 13 / 15,
      actual: 0.8,
      error: (Math.abs(10.2 - 9) + Math.abs(2.8 - 3)) / 15,
      bins: [
        { hidden: false, from: 0.8, to: 1, reviews: 15, recalled: 12, meanPredicted: 13 / 15, actual: 0.8, interval: wilsonInterval(12, 15), students: 4 },
      ],
    });
    const apart = mergeSparseBins(flashcards, { minStudents: 3, minBinReviews: 1 });
    expect(apart.calibration).toMatchObject({ reviews: 12, actual: 0.75, meanPredicted: 0.85, bins: [{ hidden: false }, { hidden: true, from: 0.9, to: 1 }] });
    expect(apart.calibration.hidden ? null : apart.calibration.error).toBeCloseTo(1.2 / 12, 12);
    expect(apart.shownCounts.map((b) => b.bin)).toEqual([8]);
    // All decks add up what each deck shows: the own cards' withheld bin stays out.
    expect(decks.ALL.calibration).toMatchObject({ hidden: false, reviews: 15, bins: [{ from: 0.8, to: 1, reviews: 15, students: 4 }] });
    expect(decks.OWN.calibration).toEqual({ hidden: true });
  });
});
