// The regrade's plan, without a database: options carried over by their words, the slot's maximum now,
// teachers' marks kept, and each attempt's new total.
import { describe, expect, it } from "vitest";
import { mapOptionKeys, planRegrade, type PlanResponse, type PlanVersion } from "@/lib/grading/regrade-plan";

const option = (key: string, text: string, isCorrect: boolean) => ({ key, text, isCorrect, fraction: isCorrect ? 1 : 0, feedback: "" });
const v1: PlanVersion = {
  id: "v1",
  questionId: "q",
  version: 1,
  type: "SINGLE_CHOICE",
  data: null,
  options: [option("a", "Parquet", true), option("b", "CSV", false), option("c", "JSON", false)],
};
// Version 2 reorders the options and moves the key: "CSV" is right now.
const v2: PlanVersion = {
  id: "v2",
  questionId: "q",
  version: 2,
  type: "SINGLE_CHOICE",
  data: null,
  options: [option("a", "CSV", true), option("b", "JSON", false), option("c", "Parquet", false)],
};
const versions = new Map([v1, v2].map((v) => [v.id, v]));
const newest = new Map([["q", v2]]);

function response(id: string, chosen: string[], mark: number, extra: Partial<PlanResponse> = {}): PlanResponse {
  return {
    responseId: id,
    attemptId: `attempt-${id}`,
    student: `Student ${id}`,
    attemptNumber: 1,
    score: mark + 3,
    maxScore: 5,
    mark,
    maxMark: 2,
    slotMaxMark: 2,
    isCorrect: mark === 2,
    chosenOptionKeys: chosen,
    answerText: null,
    optionOrder: ["c", "a", "b"],
    handGraded: false,
    versionId: "v1",
    ...extra,
  };
}

describe("regrade plan", () => {
  it("carries choices over by their words, whatever the order", () => {
    expect([...mapOptionKeys(v1, v2)]).toEqual([
      ["a", "c"],
      ["b", "a"],
      ["c", "b"],
    ]);
  });

  it("scores with the newest version: new marks, totals, version and keys; teachers' marks and essays stay", () => {
    const plan = planRegrade(
      [response("1", ["a"], 2), response("2", ["b"], 0), response("3", ["c"], 0), response("4", ["a"], 1, { handGraded: true })],
      versions,
      newest,
      "KEY",
    );
    expect(plan.changed.map((c) => [c.student, c.oldMark, c.newMark, c.oldScore, c.newScore])).toEqual([
      ["Student 1", 2, 0, 5, 3],
      ["Student 2", 0, 2, 3, 5],
    ]);
    // Student 3 stays wrong but moves to version 2 (its answer in version 2's keys, the order as shown).
    expect(plan.rewrites.find((w) => w.responseId === "3")).toMatchObject({
      newMark: 0,
      versionId: "v2",
      chosenOptionKeys: ["b"],
      optionOrder: ["b", "c", "a"],
    });
    expect(plan.unchanged).toBe(1);
    expect(plan.skipped).toEqual([{ reason: "marked by hand (the teacher's mark stays)", count: 1 }]);
  });

  it("drops the slot, and brings it back with the slot's maximum", () => {
    const dropped = planRegrade([response("1", ["a"], 2)], versions, newest, "DROP");
    expect(dropped.changed[0]).toMatchObject({ newMark: 0, newScore: 3, newMaxScore: 3 });
    const back = planRegrade([response("1", ["b"], 0, { maxMark: 0, maxScore: 3, score: 3 })], versions, newest, "FULL");
    expect(back.changed[0]).toMatchObject({ oldMark: 0, newMark: 2, newScore: 5, newMaxScore: 5 });
  });
});
