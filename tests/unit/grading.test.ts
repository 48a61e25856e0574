// Every auto-gradable type marked as Moodle marks it, with the feedback for what was answered.
import { describe, expect, it } from "vitest";
import { answerList } from "@/lib/bank/answers/answer-list";
import { reviewAnswer } from "@/lib/bank/answers/review";
import { gradeAnswer, matchesWildcard, readNumber } from "@/lib/bank/answers/grading";

const grade = (type: string, data: unknown, answer: { chosen?: string[]; text?: string | null }, maxMark = 1, options = []) =>
  gradeAnswer({ type, data, options }, { chosen: answer.chosen ?? [], text: answer.text ?? null }, maxMark);

describe("short answer", () => {
  const data = {
    caseSensitive: false,
    answers: [
      { text: "Parquet", fraction: 1, feedback: "Yes." },
      { text: "*orc*", fraction: 0.5, feedback: "ORC counts half." },
      { text: "*", fraction: 0, feedback: "Think of columns." },
    ],
  };
  it("gives the first matching answer's credit and feedback; * matches any run of characters", () => {
    expect(grade("SHORT_ANSWER", data, { text: "  parquet " })).toEqual({ credit: 1, mark: 1, isCorrect: true, feedback: ["Yes."], awaitingGrading: false });
    expect(grade("SHORT_ANSWER", data, { text: "Apache ORC files" }, 2)).toMatchObject({
      credit: 0.5,
      mark: 1,
      isCorrect: false,
      feedback: ["ORC counts half."],
    });
    expect(grade("SHORT_ANSWER", data, { text: "CSV" })).toMatchObject({ credit: 0, feedback: ["Think of columns."] });
    expect(grade("SHORT_ANSWER", data, { text: "   " })).toMatchObject({ credit: 0, feedback: [] });
  });
  it("respects case when the question asks, and reads \\* as a star", () => {
    expect(grade("SHORT_ANSWER", { ...data, caseSensitive: true }, { text: "parquet" })).toMatchObject({ credit: 0, feedback: ["Think of columns."] });
    expect(matchesWildcard("a\\*b", "a*b", true)).toBe(true);
    expect(matchesWildcard("a\\*b", "axb", true)).toBe(false);
    expect(matchesWildcard("x.y", "xzy", true)).toBe(false);
  });
});

describe("numerical", () => {
  const data = {
    answers: [
      { value: 1024, tolerance: 0, fraction: 1, feedback: "" },
      { value: 1000, tolerance: 5, fraction: 0.5, feedback: "That is a kilobyte." },
      { value: "*", tolerance: 0, fraction: 0, feedback: "2 to the 10th." },
    ],
  };
  it("takes the first answer whose tolerance holds the number, the catch-all last", () => {
    expect(grade("NUMERICAL", data, { text: "1024" })).toMatchObject({ credit: 1, isCorrect: true, feedback: [] });
    expect(grade("NUMERICAL", data, { text: "1004" }, 4)).toMatchObject({ credit: 0.5, mark: 2, feedback: ["That is a kilobyte."] });
    expect(grade("NUMERICAL", data, { text: "7" })).toMatchObject({ credit: 0, feedback: ["2 to the 10th."] });
    expect(grade("NUMERICAL", data, { text: "lots" })).toMatchObject({ credit: 0, feedback: [] });
  });
  it("reads numbers as Moodle does", () => {
    expect([readNumber("3,5"), readNumber("1,000.5"), readNumber("1.5e3"), readNumber("2 x 10^3"), readNumber("-.5"), readNumber("12 kg")]).toEqual([
      3.5,
      1000.5,
      1500,
      2000,
      -0.5,
      null,
    ]);
  });
});

describe("matching", () => {
  const data = {
    pairs: [
      { prompt: "CSV", answer: "rows" },
      { prompt: "Parquet", answer: "columns" },
      { prompt: "ORC", answer: "columns" },
      { prompt: "", answer: "cells" },
    ],
  };
  it("credits each prompt matched (choices are the distinct answers: rows, columns, cells)", () => {
    expect(grade("MATCHING", data, { text: JSON.stringify(["0", "1", "1"]) })).toMatchObject({ credit: 1, isCorrect: true });
    expect(grade("MATCHING", data, { text: JSON.stringify(["0", "2", ""]) }, 3)).toMatchObject({ credit: 1 / 3, mark: 1, isCorrect: false });
    expect(grade("MATCHING", data, { text: "not json" })).toMatchObject({ credit: 0 });
    expect(answerList('["a", 3, null]')).toEqual(["a", "", ""]);
    // Read back, a prompt left blank is "no answer" (not the first choice).
    const review = reviewAnswer({ type: "MATCHING", data, options: [] }, { chosen: [], text: JSON.stringify(["0", ""]) }, []);
    expect(review.given).toEqual(["CSV → rows", "Parquet → no answer", "ORC → no answer"]);
    expect(review.right).toEqual(["CSV → rows", "Parquet → columns", "ORC → columns"]);
  });
});

describe("cloze", () => {
  const data = {
    parts: [
      {
        kind: "shortanswer",
        caseSensitive: false,
        display: "dropdown",
        shuffle: false,
        weight: 1,
        answers: [{ text: "columnar", fraction: 1, feedback: "Right" }],
      },
      { kind: "numerical", caseSensitive: false, display: "dropdown", shuffle: false, weight: 1, answers: [{ text: "2013", tolerance: 1, fraction: 1 }] },
      {
        kind: "single",
        caseSensitive: false,
        display: "dropdown",
        shuffle: false,
        weight: 2,
        answers: [
          { text: "binary", fraction: 1 },
          { text: "text", fraction: 0, feedback: "No" },
        ],
      },
      {
        kind: "multiple",
        caseSensitive: false,
        display: "vertical",
        shuffle: false,
        weight: 1,
        answers: [
          { text: "a", fraction: 0.5 },
          { text: "b", fraction: 0.5 },
          { text: "c", fraction: -0.5 },
        ],
      },
    ],
  };
  it("marks each gap as its type, weighted", () => {
    expect(grade("CLOZE", data, { text: JSON.stringify(["Columnar", "2014", "0", "0,1"]) }, 5)).toMatchObject({
      credit: 1,
      mark: 5,
      isCorrect: true,
      feedback: ["Gap 1: Right"],
    });
    // 1·1 + 0·1 + 0·2 + (0.5 − 0.5)·1 = 1 of 5
    expect(grade("CLOZE", data, { text: JSON.stringify(["columnar", "2020", "1", "0,2"]) }, 5)).toMatchObject({
      credit: 0.2,
      mark: 1,
      isCorrect: false,
      feedback: ["Gap 1: Right", "Gap 3: No"],
    });
    expect(grade("CLOZE", data, { text: null }, 5)).toMatchObject({ credit: 0, mark: 0 });
  });
});

describe("the rest", () => {
  it("an essay waits for a teacher; true/false gives the chosen answer's feedback", () => {
    expect(grade("ESSAY", null, { text: "My essay" }, 5)).toEqual({ credit: 0, mark: 0, isCorrect: false, feedback: [], awaitingGrading: true });
    expect(grade("ESSAY", null, { text: "  " }, 5)).toMatchObject({ mark: 0, awaitingGrading: false });
    const options = [
      { key: "true", isCorrect: false, fraction: 0, feedback: "No: it is columnar." },
      { key: "false", isCorrect: true, fraction: 1, feedback: "Right." },
    ];
    expect(gradeAnswer({ type: "TRUE_FALSE", data: null, options }, { chosen: ["true"], text: null }, 1)).toMatchObject({
      credit: 0,
      isCorrect: false,
      feedback: ["No: it is columnar."],
    });
  });
});
