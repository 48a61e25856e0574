import { describe, expect, it } from "vitest";
import { simulateRasch } from "@/lib/analytics/rasch";
import { abilityPrior, calibrateBank, estimateAbility, PRIOR_ANSWERS, type ClassAnswer } from "@/lib/practice/personal/difficulty";
import { startPersonalPracticeInput } from "@/lib/practice/personal/schemas";
import { abandonPractice, answerPractice, isPracticeDone, startPractice } from "@/lib/quiz/practice";
import { seededRandom } from "@/lib/random";

const logit = (p: number) => Math.log(p / (1 - p));

/** Normal draws from a seeded uniform source (Box–Muller). */
function normals(count: number, mean: number, sd: number, random: () => number): number[] {
  return Array.from({ length: count }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe("bank difficulties", () => {
  const truth = [-1.5, -1, -0.5, 0, 0, 0.5, 1, 1.5];
  const random = seededRandom(42);
  const abilities = normals(1000, 0.5, 1, random);
  const answers: ClassAnswer[] = simulateRasch(abilities, truth, random).flatMap((row, person) =>
    row.map((x, j) => ({ person, questionId: `q${j}`, right: x === 1 })),
  );
  // q-thin: four answers, all wrong (no Rasch estimate); q-new: never answered.
  const thin = [0, 1, 2, 3].map((person) => ({ person, questionId: "q-thin", right: false }));
  const ids = [...truth.map((_, j) => `q${j}`), "q-thin", "q-new"];
  const { difficulties, classAbility } = calibrateBank(ids, [...answers, ...thin]);

  it("estimates the Rasch difficulty of well-answered questions", () => {
    const errors = truth.map((d, j) => {
      const estimate = difficulties.get(`q${j}`)!;
      expect(estimate.source).toBe("rasch");
      expect(estimate.answers).toBe(1000);
      return Math.abs(estimate.difficulty - d);
    });
    // Sampling error: about 0.08 logits per question with 1,000 answers, more at the extremes.
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.15);
    expect(Math.max(...errors)).toBeLessThan(0.35);
    // The class's typical ability: near its mean (a little towards 0, as a proportion right is).
    expect(classAbility).toBeGreaterThan(0.25);
    expect(classAbility).toBeLessThan(0.6);
  });

  it("puts a thinly answered question at the shrunk logit of its proportion wrong, and a new one at 0", () => {
    expect(difficulties.get("q-thin")).toEqual({ source: "prior", answers: 4, difficulty: expect.any(Number) });
    expect(difficulties.get("q-thin")!.difficulty).toBeCloseTo(((classAbility + logit(4.5 / 5)) * 4) / (4 + PRIOR_ANSWERS), 12);
    expect(difficulties.get("q-new")).toEqual({ difficulty: 0, source: "none", answers: 0 });
  });

  it("counts one answer per student and question (the first)", () => {
    const twice = calibrateBank(
      ["a"],
      [
        { person: 1, questionId: "a", right: false },
        { person: 1, questionId: "a", right: true },
      ],
    );
    expect(twice.difficulties.get("a")).toMatchObject({ answers: 1, source: "prior" });
    // No class at all: the typical ability is 0, and a question answered wrong once leans hard.
    expect(twice.classAbility).toBe(0);
    expect(twice.difficulties.get("a")!.difficulty).toBeCloseTo(logit(1.5 / 2) / (1 + PRIOR_ANSWERS), 12);
  });
});

describe("a student's ability", () => {
  it("is the prior without answers, and the maximum likelihood with one right and one wrong pseudo-answer at the prior", () => {
    expect(estimateAbility([], 0.8)).toBeCloseTo(0.8, 9);
    // One right and one wrong at d = 0, prior 0: symmetric, θ = 0.
    expect(
      estimateAbility(
        [
          { difficulty: 0, right: true },
          { difficulty: 0, right: false },
        ],
        0,
      ),
    ).toBeCloseTo(0, 9);
    // Two right at d = 0, prior 0: 2(1 − P) + (1 − P) − P = 0, so P = 3/4 and θ = ln 3.
    expect(
      estimateAbility(
        [
          { difficulty: 0, right: true },
          { difficulty: 0, right: true },
        ],
        0,
      ),
    ).toBeCloseTo(Math.log(3), 9);
    // All right stays finite.
    const allRight = estimateAbility(
      Array.from({ length: 20 }, () => ({ difficulty: 0, right: true })),
      0,
    );
    expect(Number.isFinite(allRight)).toBe(true);
    expect(allRight).toBeGreaterThan(2);
  });

  it("centres the prior on mastery only for a student without answers", () => {
    expect(abilityPrior([0.8, null, 0.6], false, 0.4)).toBeCloseTo(logit(0.7), 12);
    expect(abilityPrior([0.99], false, 0.4)).toBeCloseTo(logit(0.95), 12);
    expect(abilityPrior([0.8], true, 0.4)).toBe(0.4);
    expect(abilityPrior([null, null], false, 0.4)).toBe(0.4);
  });
});

describe("the asked-once practice queue", () => {
  it("asks each item once, right or wrong, and keeps every answer", () => {
    let state = startPractice(["a", "b", "c", "a"], { askOnce: true });
    expect(state).toEqual({ queue: ["a", "b", "c"], answered: 0, correct: 0, askOnce: true, answers: [] });
    state = answerPractice(state, "a", false);
    state = answerPractice(state, "b", true);
    expect(state.queue).toEqual(["c"]);
    state = answerPractice(state, "c", false);
    expect(isPracticeDone(state)).toBe(true);
    expect(state).toEqual({
      queue: [],
      answered: 3,
      correct: 1,
      askOnce: true,
      answers: [
        { id: "a", correct: false },
        { id: "b", correct: true },
        { id: "c", correct: false },
      ],
    });
  });

  it("ends where it stands when abandoned", () => {
    const state = answerPractice(startPractice(["a", "b"], { askOnce: true }), "a", true);
    expect(abandonPractice(state)).toEqual({ ...state, queue: [], abandoned: true });
    expect(isPracticeDone(abandonPractice(state))).toBe(true);
  });
});

describe("the start input", () => {
  const slug = "ml-systems-and-data-engineering";

  it("defaults to my weak spots, 10 questions, review, resume", () => {
    expect(startPersonalPracticeInput.parse({ lectureSlug: slug })).toEqual({ lectureSlug: slug, topics: "weak", length: 10, mode: "review", restart: false });
  });

  it("reads a form's fields: topics separated by commas, a length, a mode, restart", () => {
    expect(startPersonalPracticeInput.parse({ lectureSlug: slug, topics: "data-models,etl", length: "30", mode: "stretch", restart: "true" })).toEqual({
      lectureSlug: slug,
      topics: ["data-models", "etl"],
      length: 30,
      mode: "stretch",
      restart: true,
    });
  });

  it.each([
    ["no topic", { topics: "" }, "topics"],
    ["a topic that is no key", { topics: "Data Models" }, "topics"],
    ["too short", { length: "4" }, "length"],
    ["too long", { length: 31 }, "length"],
    ["not a whole number", { length: "7.5" }, "length"],
    ["an unknown mode", { mode: "hard" }, "mode"],
    ["a slug that is none", { lectureSlug: "../x" }, "lectureSlug"],
  ])("refuses %s", (_name, input, field) => {
    const parsed = startPersonalPracticeInput.safeParse({ lectureSlug: slug, ...input });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toEqual([field]);
  });

  it("says what is wrong with the length", () => {
    const parsed = startPersonalPracticeInput.safeParse({ lectureSlug: slug, length: "40" });
    expect(parsed.error!.issues[0]!.message).toBe("Choose between 5 and 30 questions.");
  });
});
