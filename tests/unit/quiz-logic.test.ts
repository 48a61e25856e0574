import { describe, expect, it } from "vitest";
import { answerPractice, isPracticeDone, startPractice } from "@/lib/quiz/practice";
import { scoreChoice, type ScoredOption } from "@/lib/bank/answers/choice";
import { countingAttempt, planSlot, slotOrder } from "@/lib/quiz/scoring";
import { seededShuffle } from "@/lib/random";

const single: ScoredOption[] = [
  { key: "a", isCorrect: false, fraction: 0 },
  { key: "b", isCorrect: true, fraction: 1 },
  { key: "c", isCorrect: false, fraction: 0 },
  { key: "d", isCorrect: false, fraction: 0 },
];
// Three right options of five: +1/3 each; two wrong: −1/2 each (the loader's defaults).
const multiple: ScoredOption[] = [
  { key: "a", isCorrect: true, fraction: 1 / 3 },
  { key: "b", isCorrect: true, fraction: 1 / 3 },
  { key: "c", isCorrect: true, fraction: 1 / 3 },
  { key: "d", isCorrect: false, fraction: -1 / 2 },
  { key: "e", isCorrect: false, fraction: -1 / 2 },
];

describe("scoreChoice", () => {
  it.each([
    ["single right", "SINGLE_CHOICE", single, ["b"], 1, { mark: 1, isCorrect: true }],
    ["single wrong", "SINGLE_CHOICE", single, ["a"], 1, { mark: 0, isCorrect: false }],
    ["single unanswered", "SINGLE_CHOICE", single, [], 1, { mark: 0, isCorrect: false }],
    ["single with two chosen is invalid", "SINGLE_CHOICE", single, ["a", "b"], 1, { mark: 0, isCorrect: false }],
    ["single, mark 2", "SINGLE_CHOICE", single, ["b"], 2, { mark: 2, isCorrect: true }],
    ["unknown keys are ignored", "SINGLE_CHOICE", single, ["zz"], 1, { mark: 0, isCorrect: false }],
    ["multiple: all three right", "MULTIPLE_CHOICE", multiple, ["a", "b", "c"], 1, { mark: 1, isCorrect: true }],
    ["multiple: two of three right", "MULTIPLE_CHOICE", multiple, ["a", "c"], 1, { mark: 0.666666667, isCorrect: false }],
    ["multiple: two right, one wrong", "MULTIPLE_CHOICE", multiple, ["a", "b", "d"], 1, { mark: 0.166666667, isCorrect: false }],
    ["multiple: everything ticked", "MULTIPLE_CHOICE", multiple, ["a", "b", "c", "d", "e"], 1, { mark: 0, isCorrect: false }],
    ["multiple: only wrong ones, floored at 0", "MULTIPLE_CHOICE", multiple, ["d"], 1, { mark: 0, isCorrect: false }],
    ["multiple: duplicates count once", "MULTIPLE_CHOICE", multiple, ["a", "a", "b", "c"], 1, { mark: 1, isCorrect: true }],
  ] as const)("%s", (_name, type, options, chosen, maxMark, expected) => {
    expect(scoreChoice(type, options, chosen, maxMark)).toEqual(expected);
  });
});

describe("countingAttempt", () => {
  const attempts = [
    { id: "1", attemptNumber: 1, score: 5, submittedAt: new Date("2026-01-01") },
    { id: "3", attemptNumber: 3, score: 7, submittedAt: new Date("2026-01-03") },
    { id: "2", attemptNumber: 2, score: 8, submittedAt: new Date("2026-01-02") },
    { id: "4", attemptNumber: 4, score: 8, submittedAt: new Date("2026-01-04") },
  ];
  it.each([
    ["FIRST", "1"],
    ["LAST", "4"],
    ["BEST", "2"],
  ] as const)("%s counts attempt %s", (policy, id) => {
    expect(countingAttempt(attempts, policy)?.id).toBe(id);
  });
  it("is null without submitted attempts", () => {
    expect(countingAttempt([], "BEST")).toBeNull();
  });
});

describe("per-attempt shuffle", () => {
  it("is deterministic for a seed, a permutation, and differs between seeds", () => {
    const keys = ["a", "b", "c", "d"];
    expect(seededShuffle(keys, 42)).toEqual(seededShuffle(keys, 42));
    expect([...seededShuffle(keys, 42)].sort()).toEqual(keys);
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => seededShuffle(keys, seed).join("")));
    expect(orders.size).toBeGreaterThan(10);
    expect(keys).toEqual(["a", "b", "c", "d"]);
  });

  it("plans the same variant and option order for the same attempt seed and slot", () => {
    const variants = [
      { id: "v1", keys: ["a", "b", "c", "d"] },
      { id: "v2", keys: ["a", "b", "c", "d"] },
    ];
    const plan = planSlot(1234, 5, variants, (v) => v.keys, true);
    expect(planSlot(1234, 5, variants, (v) => v.keys, true)).toEqual(plan);
    expect(planSlot(1234, 5, variants, (v) => v.keys, false).optionOrder).toEqual(["a", "b", "c", "d"]);
    const picked = new Set(Array.from({ length: 40 }, (_, seed) => planSlot(seed, 0, variants, (v) => v.keys, true).variant.id));
    expect(picked).toEqual(new Set(["v1", "v2"]));
  });

  it("keeps the quiz's slot order unless the quiz shuffles its slots, then shuffles them by the attempt's seed", () => {
    const slots = Array.from({ length: 12 }, (_, i) => `s${i}`);
    expect(slotOrder(99, slots, false)).toEqual(slots);
    const shuffled = slotOrder(99, slots, true);
    expect(shuffled).toEqual(slotOrder(99, slots, true));
    expect([...shuffled].sort()).toEqual([...slots].sort());
    expect(shuffled).not.toEqual(slots);
    expect(new Set(Array.from({ length: 20 }, (_, seed) => slotOrder(seed, slots, true).join()))).toHaveProperty("size", 20);
  });
});

describe("practice queue", () => {
  it("sends a missed item behind three others and ends when all are right", () => {
    let state = startPractice(["q1", "q2", "q3", "q4", "q5", "q1"]);
    expect(state.queue).toEqual(["q1", "q2", "q3", "q4", "q5"]);
    state = answerPractice(state, "q1", false);
    expect(state.queue).toEqual(["q2", "q3", "q4", "q1", "q5"]);
    state = answerPractice(state, "q2", true);
    expect(state.queue).toEqual(["q3", "q4", "q1", "q5"]);
    state = answerPractice(state, "q3", false);
    expect(state.queue).toEqual(["q4", "q1", "q5", "q3"]);
    for (const id of ["q4", "q1", "q5", "q3"]) state = answerPractice(state, id, true);
    expect(isPracticeDone(state)).toBe(true);
    expect(state).toEqual({ queue: [], answered: 7, correct: 5 });
    expect(() => answerPractice(startPractice(["a", "b"]), "b", true)).toThrow("That is not the current practice question.");
  });
});
