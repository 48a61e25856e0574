// Hand-computed values. The dataset: five attempts at three one-mark questions.
//   attempt  x1 x2 x3  T
//   A         1  1  1  3
//   B         1  1  0  2
//   C         1  0  0  1
//   D         0  1  0  1
//   E         0  0  0  0
// Question 1: x = [1,1,1,0,0], R = T − x = [2,1,0,1,0]; Σx = 3, Σx² = 3, ΣT = 7, ΣT² = 15, ΣxT = 6.
//   var x = (3 − 9/5)/4 = 0.3; ΣR = 4, ΣR² = 6, var R = (6 − 16/5)/4 = 0.7; ΣxR = 3, cov = (3 − 12/5)/4 = 0.15
//   discrimination = 100 · 0.15/√(0.3 · 0.7) = 32.7327 %
//   sorted x [0,0,1,1,1] against sorted R [0,0,1,1,2]: Σ = 4, covmax = (4 − 12/5)/4 = 0.4, efficiency = 37.5 %
// Whole quiz: T = [3,2,1,1,0]: mean 1.4, var 1.3; deviations [1.6,0.6,−0.4,−0.4,−1.4]: m2 = 1.04, m3 = 0.288,
//   m4 = 2.1152; k2 = 1.3, k3 = 25 · 0.288/12 = 0.6, k4 = 25 · (6 · 2.1152 − 12 · 1.04²)/24 = −0.3
//   skewness = 0.6/1.3^1.5 = 0.404796, kurtosis = −0.3/1.69 = −0.177515
//   item variances 0.3, 0.3, 0.2: α = 3/2 · (1 − 0.8/1.3) = 0.576923; error ratio = √(1 − α) = 65.0444 %;
//   standard error = 0.650444 · √1.3 = 0.741620
import { describe, expect, it } from "vitest";
import { FLAG_MIN_RESPONSES, POOR_DISCRIMINATION, TOO_EASY_FACILITY, TOO_HARD_FACILITY, questionFlags } from "@/lib/analytics/flags";
import { abilitiesAt, estimateRasch, simulateRasch } from "@/lib/analytics/rasch";
import { seededRandom } from "@/lib/random";
import {
  discriminationIndex,
  discriminativeEfficiency,
  facility,
  fisherInterval,
  itemVariance,
  markSdPercent,
  maximumCovariance,
  median,
  optionPointBiserial,
  quantile,
  quizSummary,
  spearman,
  wilsonInterval,
  type ItemSums,
} from "@/lib/analytics/statistics";

const item1: ItemSums = { n: 5, sumX: 3, sumX2: 3, sumT: 7, sumT2: 15, sumXT: 6 };

describe("question statistics (Moodle's definitions)", () => {
  it("facility and the SD of the mark, as percentages of the maximum mark", () => {
    expect(facility(item1, 1)).toBeCloseTo(60, 12);
    expect(facility({ n: 5, sumX: 3 }, 2)).toBeCloseTo(30, 12);
    expect(markSdPercent(item1, 1)).toBeCloseTo(54.772256, 5);
    expect(facility({ n: 0, sumX: 0 }, 1)).toBeNull();
  });

  it("discrimination index: the corrected item-rest correlation", () => {
    expect(discriminationIndex(item1)).toBeCloseTo(32.732684, 5);
    // Everyone right: no variance, no index.
    expect(discriminationIndex({ n: 3, sumX: 3, sumX2: 3, sumT: 6, sumT2: 14, sumXT: 6 })).toBeNull();
  });

  it("discriminative efficiency against the covariance of independently sorted x and R", () => {
    const xHistogram = { "0": 2, "1": 3 };
    const rHistogram = new Map([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
    expect(maximumCovariance(xHistogram, rHistogram)).toBeCloseTo(0.4, 12);
    expect(discriminativeEfficiency(item1, xHistogram, rHistogram)).toBeCloseTo(37.5, 10);
    // Histograms of different sizes cannot be paired.
    expect(maximumCovariance({ "1": 2 }, { "1": 3 })).toBeNull();
  });

  it("corrected point-biserial of each option", () => {
    // Option a (the key) was chosen by A, B, C; b by D; c by E.
    expect(optionPointBiserial(item1, { count: 3, sumX: 3, sumT: 6 })).toBeCloseTo(0.327327, 5);
    expect(optionPointBiserial(item1, { count: 1, sumX: 0, sumT: 1 })).toBeCloseTo(0.133631, 5);
    expect(optionPointBiserial(item1, { count: 1, sumX: 0, sumT: 0 })).toBeCloseTo(-0.534522, 5);
    expect(optionPointBiserial(item1, { count: 0, sumX: 0, sumT: 0 })).toBeNull();
  });

  it("a Wilson interval for facility and a Fisher-z interval for discrimination", () => {
    const [low, high] = wilsonInterval(0.6, 5)!;
    expect(low).toBeCloseTo(0.230724, 5);
    expect(high).toBeCloseTo(0.882379, 5);
    const [lowR, highR] = fisherInterval(0.5, 28)!;
    expect(lowR).toBeCloseTo(0.156028, 5);
    expect(highR).toBeCloseTo(0.735818, 5);
    expect(fisherInterval(0.5, 3)).toBeNull();
  });
});

describe("whole-quiz statistics", () => {
  it("mean, SD, skewness and kurtosis (k-statistics), alpha, error ratio and standard error", () => {
    const summary = quizSummary({ n: 5, sumT: 7, sumT2: 15, sumT3: 37, sumT4: 99 }, [
      itemVariance({ n: 5, sumX: 3, sumX2: 3 }),
      itemVariance({ n: 5, sumX: 3, sumX2: 3 }),
      itemVariance({ n: 5, sumX: 1, sumX2: 1 }),
    ]);
    expect(summary.attempts).toBe(5);
    expect(summary.mean).toBeCloseTo(1.4, 12);
    expect(summary.sd).toBeCloseTo(Math.sqrt(1.3), 12);
    expect(summary.skewness).toBeCloseTo(0.404796, 5);
    expect(summary.kurtosis).toBeCloseTo(-0.177515, 5);
    expect(summary.alpha).toBeCloseTo(0.576923, 5);
    expect(summary.errorRatio).toBeCloseTo(65.044364, 5);
    expect(summary.standardError).toBeCloseTo(0.74162, 5);
  });

  it("median, quantiles and Spearman's rank correlation", () => {
    expect(median([3, 2, 1, 1, 0])).toBe(1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.820783, 5);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});

describe("flags", () => {
  const base = {
    n: 40,
    facility: 55,
    discrimination: 35,
    options: [
      { key: "a", label: "A", correct: true, count: 22, pointBiserial: 0.35 },
      { key: "b", label: "B", correct: false, count: 18, pointBiserial: -0.3 },
    ],
  };

  it("raises none on a healthy question, and none at all below the minimum number of responses", () => {
    expect(questionFlags(base)).toEqual([]);
    expect(questionFlags({ ...base, n: FLAG_MIN_RESPONSES - 1, facility: 99, discrimination: -40 })).toEqual([]);
  });

  it("names each problem with its threshold", () => {
    expect(questionFlags({ ...base, facility: TOO_EASY_FACILITY }).map((f) => f.kind)).toEqual(["too-easy"]);
    expect(questionFlags({ ...base, facility: TOO_HARD_FACILITY }).map((f) => f.kind)).toEqual(["too-hard"]);
    expect(questionFlags({ ...base, discrimination: POOR_DISCRIMINATION - 0.1 })[0]).toMatchObject({
      kind: "poor-discrimination",
      detail: "discrimination 20% < 20%",
    });
    const wrongKey = {
      ...base,
      options: [
        { key: "a", label: "A", correct: true, count: 10, pointBiserial: -0.2 },
        { key: "b", label: "B", correct: false, count: 30, pointBiserial: 0.25 },
        { key: "c", label: "C", correct: false, count: 0, pointBiserial: null },
      ],
    };
    expect(questionFlags(wrongKey).map((f) => f.kind)).toEqual(["strong-distractor", "possible-wrong-key", "unused-option"]);
  });
});

describe("Rasch difficulty (joint maximum likelihood)", () => {
  it("solves a two-item case by hand: 3 of 4 right on item 1, 1 of 4 on item 2, every person 1 of 2", () => {
    // θ = 0 for all; p₁ = 3/4 ⇒ b₁ = −ln 3, b₂ = ln 3; Wright's correction (L−1)/L = 1/2.
    const result = estimateRasch([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(result.converged).toBe(true);
    expect(result.items[0]!.difficulty).toBeCloseTo(-Math.log(3) / 2, 6);
    expect(result.items[1]!.difficulty).toBeCloseTo(Math.log(3) / 2, 6);
    // At the corrected difficulties ±ln 3 / 2, every ability is still 0 (1 of 2 right, symmetric):
    // p₁ = 1/(1 + 3^−½), information Σ p(1−p) = 4 p₁(1 − p₁) ⇒ SE = 1/√(4 p₁(1 − p₁)).
    const p1 = 1 / (1 + 1 / Math.sqrt(3));
    expect(result.items[0]!.se).toBeCloseTo(1 / Math.sqrt(4 * p1 * (1 - p1)), 9);
  });

  it("leaves out extreme persons and items, and recovers simulated difficulties", () => {
    const withExtremes = estimateRasch([
      [1, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 0],
    ]);
    expect(withExtremes.items[2]!.difficulty).toBeNull(); // nobody got item 3 right
    const random = seededRandom(42);
    const difficulties = Array.from({ length: 20 }, (_, i) => -2 + (4 * i) / 19);
    const abilities = Array.from({ length: 1000 }, () => {
      const u = random() || 1e-9;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random()); // standard normal
    });
    const result = estimateRasch(simulateRasch(abilities, difficulties, random));
    const estimated = result.items.map((i) => i.difficulty!);
    expect(spearman(estimated, difficulties)).toBeGreaterThan(0.98);
    const meanError = estimated.reduce((s, d, i) => s + Math.abs(d - difficulties[i]!), 0) / estimated.length;
    expect(meanError).toBeLessThan(0.15);
    for (const item of result.items) {
      expect(item.infit!).toBeGreaterThan(0.85);
      expect(item.infit!).toBeLessThan(1.15);
      // Outfit is unweighted, so off-target answers to the easiest and hardest items swing it more.
      expect(item.outfit!).toBeGreaterThan(0.6);
      expect(item.outfit!).toBeLessThan(1.6);
    }
  });
});

describe("Rasch fit at the corrected difficulties", () => {
  it("evaluates standard errors, infit and outfit where each ability is the ML estimate against the corrected difficulties", () => {
    const random = seededRandom(7);
    const difficulties = Array.from({ length: 10 }, (_, i) => -1.5 + (3 * i) / 9);
    const abilities = Array.from({ length: 300 }, () => 2 * random() - 1);
    const responses = simulateRasch(abilities, difficulties, random);
    const result = estimateRasch(responses);
    const b = result.items.map((i) => i.difficulty!);
    // Recompute the statistics by hand, at the same place.
    const persons = responses.map((_, p) => p).filter((p) => responses[p]!.some((x) => x === 1) && responses[p]!.some((x) => x === 0));
    const theta = abilitiesAt(
      responses,
      persons,
      b.map((_, i) => i),
      b,
      new Float64Array(persons.length),
    );
    for (const [q, p] of persons.entries()) {
      const residual = b.reduce((sum, d, i) => sum + responses[p]![i]! - 1 / (1 + Math.exp(d - theta[q]!)), 0);
      expect(Math.abs(residual)).toBeLessThan(1e-8);
    }
    b.forEach((d, i) => {
      let information = 0;
      let squared = 0;
      let z2 = 0;
      persons.forEach((p, q) => {
        const pr = 1 / (1 + Math.exp(d - theta[q]!));
        information += pr * (1 - pr);
        squared += (responses[p]![i]! - pr) ** 2;
        z2 += (responses[p]![i]! - pr) ** 2 / (pr * (1 - pr));
      });
      expect(result.items[i]!.se).toBeCloseTo(1 / Math.sqrt(information), 9);
      expect(result.items[i]!.infit).toBeCloseTo(squared / information, 9);
      expect(result.items[i]!.outfit).toBeCloseTo(z2 / persons.length, 9);
    });
  });
});
