// Calibration: how the recall FSRS predicted before each review compares with what the student did.
// Reviews are counted in ten bins of predicted recall (0–10 %, …, 90–100 %); sparse neighbouring bins
// are merged for display, so every shown bin has enough reviews to mean something. Pure.
import { addCount, withheld, wilsonInterval, type Count } from "./proportion";

export const CALIBRATION_BINS = 10;
/** A shown bin has at least this many reviews (neighbours are merged until it does). */
export const MIN_BIN_REVIEWS = 10;

/** The 10 % bin of a predicted recall: 0 for [0, 10 %), …, 9 for [90 %, 100 %]. */
export function calibrationBin(predicted: number): number {
  return Math.min(Math.max(Math.floor(predicted * CALIBRATION_BINS), 0), CALIBRATION_BINS - 1);
}

/** Reviews whose predicted recall fell in one 10 % bin. */
export interface BinCount extends Count {
  bin: number;
  predictedSum: number;
}

export type CalibrationBin =
  | { hidden: true; from: number; to: number }
  | {
      hidden: false;
      /** The bin's range of predicted recall, [from, to). */
      from: number;
      to: number;
      reviews: number;
      recalled: number;
      meanPredicted: number;
      /** The share recalled, and its 95 % Wilson interval. */
      actual: number;
      interval: [number, number];
      /** Distinct students (class view): at least this many. */
      students: number | null;
    };

export type Calibration =
  | { hidden: true }
  | {
      hidden: false;
      /** Over the shown bins (a class view leaves withheld bins out of every figure). */
      reviews: number;
      meanPredicted: number | null;
      actual: number | null;
      /** The review-weighted mean of |mean predicted − share recalled| over the 10 % bins (expected calibration error); null without reviews. */
      error: number | null;
      bins: CalibrationBin[];
    };

interface Group extends Count {
  parts: BinCount[];
  predictedSum: number;
}

function groupOf(parts: BinCount[]): Group {
  const group: Group = { parts, reviews: 0, recalled: 0, predictedSum: 0 };
  for (const part of parts) addCount(group, part).predictedSum += part.predictedSum;
  return group;
}

/** The range of predicted recall a group covers: from its first bin's lower edge to its last's upper edge. */
const rangeOf = (group: Group) => ({ from: group.parts[0]!.bin / CALIBRATION_BINS, to: (group.parts.at(-1)!.bin + 1) / CALIBRATION_BINS });

function shown(group: Group): CalibrationBin {
  const { from, to } = rangeOf(group);
  return {
    hidden: false,
    from,
    to,
    reviews: group.reviews,
    recalled: group.recalled,
    meanPredicted: group.predictedSum / group.reviews,
    actual: group.recalled / group.reviews,
    interval: wilsonInterval(group.recalled, group.reviews)!,
    students: group.students ?? null,
  };
}

/**
 * One deck's calibration from its bin counts. Bins are merged upwards from the lowest until each has
 * `minBinReviews` reviews; a short remainder joins the last merged bin. A class view withholds a bin
 * backed by fewer than `minStudents` students, and leaves it out of the totals (so that no withheld
 * bin can be found by subtraction). Also returns the bin counts that were shown, for a sum over decks.
 */
export function mergeSparseBins(
  counts: readonly BinCount[],
  options: { minStudents?: number; minBinReviews?: number } = {},
): { calibration: Calibration; shownCounts: BinCount[] } {
  const bins = counts.filter((c) => c.reviews > 0).sort((a, b) => a.bin - b.bin);
  const minimum = options.minBinReviews ?? MIN_BIN_REVIEWS;
  const groups: Group[] = [];
  let current: BinCount[] = [];
  for (const bin of bins) {
    current.push(bin);
    const group = groupOf(current);
    if (group.reviews >= minimum) {
      groups.push(group);
      current = [];
    }
  }
  if (current.length > 0) groups.push(groupOf([...(groups.pop()?.parts ?? []), ...current]));

  const visible = groups.filter((g) => !withheld(g, options.minStudents));
  if (groups.length > 0 && visible.length === 0) return { calibration: { hidden: true }, shownCounts: [] };
  const shownCounts = visible.flatMap((g) => g.parts);
  const total = groupOf(shownCounts);
  const gap = shownCounts.reduce((sum, b) => sum + Math.abs(b.predictedSum - b.recalled), 0);
  const some = total.reviews > 0;
  return {
    calibration: {
      hidden: false,
      reviews: total.reviews,
      meanPredicted: some ? total.predictedSum / total.reviews : null,
      actual: some ? total.recalled / total.reviews : null,
      error: some ? gap / total.reviews : null,
      bins: groups.map((g) => (visible.includes(g) ? shown(g) : { hidden: true, ...rangeOf(g) })),
    },
    shownCounts,
  };
}

/** Bin counts of several decks added bin by bin (students: the most of any deck's, a lower bound). */
export function sumBins(counts: readonly BinCount[]): BinCount[] {
  const byBin = new Map<number, BinCount>();
  for (const count of counts) {
    const sum = byBin.get(count.bin) ?? { bin: count.bin, reviews: 0, recalled: 0, predictedSum: 0 };
    addCount(sum, count).predictedSum += count.predictedSum;
    byBin.set(count.bin, sum);
  }
  return [...byBin.values()];
}
