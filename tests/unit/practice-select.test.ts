import { describe, expect, it } from "vitest";
import {
  pickPracticeItems,
  rankWeakTopics,
  successProbability,
  topicWeight,
  weakTopics,
  type CandidateItem,
  type PracticeRequest,
  type TopicStanding,
} from "@/lib/practice/personal/select";

// With ability 0, a question of difficulty ln((1 − P) / P) is answered right with probability P.
const difficultyFor = (p: number) => Math.log((1 - p) / p);
let counter = 0;
function item(topic: string, p: number, seenRecently = false): CandidateItem {
  counter += 1;
  return { questionId: `q${counter}`, versionId: `v${counter}`, topic, difficulty: difficultyFor(p), seenRecently };
}
const pick = (items: CandidateItem[], request: Partial<PracticeRequest> & { topics: PracticeRequest["topics"] }, standings: TopicStanding[] = [], seed = 1) =>
  pickPracticeItems({ items, ability: 0, standings, request: { length: 10, mode: "review", ...request }, seed });
const rounded = (values: number[]) => values.map((v) => Math.round(v * 1000) / 1000);

describe("predicted success", () => {
  it("is the Rasch probability 1 / (1 + e^(d − θ))", () => {
    expect(successProbability(1, 1)).toBe(0.5);
    expect(successProbability(0, Math.log(3 / 7))).toBeCloseTo(0.7, 12);
    expect(successProbability(2, 0)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });
});

describe("target success rate", () => {
  it("takes the questions nearest the target: 70 % for review, 50 % for stretch", () => {
    const bank = [0.5, 0.5, 0.5, 0.7, 0.7, 0.7, 0.9, 0.9, 0.9].map((p) => item("a", p));
    const review = pick(bank, { topics: ["a"], length: 3 });
    expect(rounded(review.items.map((i) => i.predicted))).toEqual([0.7, 0.7, 0.7]);
    expect(review.target).toBe(0.7);
    expect(review.expectedRate).toBeCloseTo(0.7, 12);
    const stretch = pick(bank, { topics: ["a"], length: 3, mode: "stretch" });
    expect(rounded(stretch.items.map((i) => i.predicted))).toEqual([0.5, 0.5, 0.5]);
    expect(stretch.expectedRate).toBeCloseTo(0.5, 12);
  });

  it("keeps the quiz's mean on the target when the bank only has questions either side of it", () => {
    // 60 % and 80 % are equally near 70 %: taking them in turn makes the mean exactly 70 %.
    const bank = [0.6, 0.6, 0.6, 0.6, 0.8, 0.8, 0.8, 0.8].map((p) => item("a", p));
    for (const seed of [1, 2, 3]) {
      const result = pick(bank, { topics: ["a"], length: 4 }, [], seed);
      expect(rounded(result.items.map((i) => i.predicted)).sort()).toEqual([0.6, 0.6, 0.8, 0.8]);
      expect(result.expectedRate).toBeCloseTo(0.7, 12);
    }
  });

  it("lands within 5 points of the target on a bank spread from 10 % to 95 %, for both modes", () => {
    const bank = Array.from({ length: 40 }, (_, i) => item(i % 2 === 0 ? "a" : "b", 0.1 + (0.85 * i) / 39));
    for (const [mode, target] of [
      ["review", 0.7],
      ["stretch", 0.5],
    ] as const) {
      const result = pick(bank, { topics: ["a", "b"], length: 10, mode });
      expect(result.items).toHaveLength(10);
      expect(Math.abs(result.expectedRate! - target)).toBeLessThanOrEqual(0.05);
      // The expected rate is the mean of the picks' predictions.
      expect(result.expectedRate).toBeCloseTo(result.items.reduce((s, i) => s + i.predicted, 0) / 10, 12);
    }
  });

  it("says how far off it is when the bank does not allow the target", () => {
    const result = pick(
      [0.9, 0.92, 0.95].map((p) => item("a", p)),
      { topics: ["a"], length: 3 },
    );
    expect(result.expectedRate).toBeCloseTo((0.9 + 0.92 + 0.95) / 3, 12);
  });
});

describe("my weak spots", () => {
  const standings: TopicStanding[] = [
    { topic: "a", mastery: 0.2 },
    { topic: "b", mastery: null },
    { topic: "c", mastery: 0.1 },
    { topic: "d", mastery: 0.9 },
    { topic: "e", mastery: 0.35 },
    { topic: "f", mastery: 0.3 },
    { topic: "g", mastery: 0.05 },
  ];
  const five = new Map(["a", "b", "c", "d", "e", "f"].map((t) => [t, 5])); // g has no questions

  it("ranks the weak topics with evidence first (lowest mastery first), then those not started, then the rest", () => {
    expect(rankWeakTopics(standings, five)).toEqual(["c", "a", "f", "e", "b", "d"]);
  });

  it("means the (at most three) weakest topics, and more only to fill the quiz", () => {
    expect(weakTopics(standings, five, 10)).toEqual(["c", "a", "f"]);
    expect(weakTopics(standings, five, 20)).toEqual(["c", "a", "f", "e"]);
    const two = new Map([...five].map(([t]) => [t, 2]));
    expect(weakTopics(standings, two, 10)).toEqual(["c", "a", "f", "e", "b"]);
    // Nothing known to be weak: the topics not started come first, then the least mastered.
    const strong: TopicStanding[] = [
      { topic: "x", mastery: 0.8 },
      { topic: "y", mastery: null },
      { topic: "z", mastery: 0.5 },
      { topic: "w", mastery: 0.6 },
    ];
    expect(weakTopics(strong, new Map(["w", "x", "y", "z"].map((t) => [t, 5])), 10)).toEqual(["y", "z", "w"]);
  });

  it("draws the quiz from those topics only, more from the weaker", () => {
    const bank = ["a", "b", "c", "d", "e", "f"].flatMap((t) => [0.5, 0.6, 0.7, 0.8, 0.9].map((p) => item(t, p)));
    const result = pick(bank, { topics: "weak", length: 10 }, standings);
    expect(result.topics).toEqual(["c", "a", "f"]);
    expect(new Set(result.items.map((i) => i.topic))).toEqual(new Set(["c", "a", "f"]));
    // Weights 1.15, 1.05, 0.95: seats 4, 3, 3.
    expect(result.perTopic).toEqual([
      { topic: "c", count: 4 },
      { topic: "a", count: 3 },
      { topic: "f", count: 3 },
    ]);
    expect(topicWeight(0.1)).toBeCloseTo(1.15, 12);
    expect(topicWeight(null)).toBe(0.75);
  });
});

describe("questions seen recently", () => {
  it("are left out while there are enough others, even when they fit the target better", () => {
    const bank = [...[0.5, 0.55, 0.9, 0.95, 0.45, 0.4].map((p) => item("a", p)), ...Array.from({ length: 6 }, () => item("a", 0.7, true))];
    const result = pick(bank, { topics: ["a"], length: 5 });
    expect(result.items.every((i) => !i.seenRecently)).toBe(true);
    expect(result).toMatchObject({ reusedSeen: 0, short: false });
  });

  it("come back (and are counted) rather than the quiz being short", () => {
    const bank = [...Array.from({ length: 6 }, () => item("a", 0.7)), ...Array.from({ length: 6 }, () => item("a", 0.7, true))];
    const result = pick(bank, { topics: ["a"], length: 8 });
    expect(result.items).toHaveLength(8);
    expect(result).toMatchObject({ reusedSeen: 2, short: false });
    // The unseen ones are asked first.
    expect(result.items.map((i) => i.seenRecently)).toEqual([false, false, false, false, false, false, true, true]);
  });

  it("are avoided across topics: another topic's unseen questions take the seats first", () => {
    const bank = [item("a", 0.7), item("a", 0.7), item("a", 0.7, true), item("a", 0.7, true), ...Array.from({ length: 10 }, () => item("b", 0.7))];
    const result = pick(bank, { topics: ["a", "b"], length: 6 });
    expect(result.perTopic).toEqual([
      { topic: "a", count: 2 },
      { topic: "b", count: 4 },
    ]);
    expect(result.reusedSeen).toBe(0);
  });

  it("make a short quiz only when the topics hold fewer questions than asked", () => {
    const result = pick([item("a", 0.7), item("a", 0.6, true), item("a", 0.8)], { topics: ["a"], length: 5 });
    expect(result).toMatchObject({ short: true, reusedSeen: 1 });
    expect(result.items).toHaveLength(3);
  });
});

describe("topic mixing", () => {
  it("alternates topics, and repeats one only when nothing else is left", () => {
    const bank = [...Array.from({ length: 10 }, () => item("a", 0.7)), item("b", 0.7), item("c", 0.7)];
    const result = pick(bank, { topics: ["a", "b", "c"], length: 6 });
    expect(result.items.map((i) => i.topic)).toEqual(["a", "b", "a", "c", "a", "a"]);
    const even = [...Array.from({ length: 5 }, () => item("a", 0.7)), ...Array.from({ length: 5 }, () => item("b", 0.7))];
    expect(pick(even, { topics: ["a", "b"], length: 6 }).items.map((i) => i.topic)).toEqual(["a", "b", "a", "b", "a", "b"]);
  });

  it("shares the seats by weakness (Sainte-Laguë on 1.25 − mastery)", () => {
    const bank = [...Array.from({ length: 10 }, () => item("a", 0.7)), ...Array.from({ length: 10 }, () => item("b", 0.7))];
    const result = pick(bank, { topics: ["a", "b"], length: 10 }, [
      { topic: "a", mastery: 0 },
      { topic: "b", mastery: 0.8 },
    ]);
    // Weights 1.25 and 0.45: by hand, the seats go a b a a a b a a a b.
    expect(result.perTopic).toEqual([
      { topic: "a", count: 7 },
      { topic: "b", count: 3 },
    ]);
    expect(result.items.map((i) => i.topic)).toEqual(["a", "b", "a", "b", "a", "b", "a", "a", "a", "a"]);
  });
});

describe("determinism", () => {
  it("gives the same quiz for the same seed, and another among equally good ones for another seed", () => {
    const bank = Array.from({ length: 30 }, (_, i) => item(["a", "b", "c"][i % 3]!, 0.7));
    const ids = (seed: number) => pick(bank, { topics: ["a", "b", "c"], length: 10 }, [], seed).items.map((i) => i.questionId);
    expect(ids(7)).toEqual(ids(7));
    expect(new Set([ids(1), ids(2), ids(3)].map((list) => list.join())).size).toBeGreaterThan(1);
  });
});
