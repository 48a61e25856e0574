import { describe, expect, it } from "vitest";
import { parseAiken } from "@/lib/bank/formats/aiken";

describe("Aiken", () => {
  it("reads questions with A. and A) options, and ANSWER lines in any case", () => {
    const { questions, problems } = parseAiken(
      [
        "What is the correct answer to this question?",
        "A. Is it this one?",
        "B. Maybe this answer?",
        "C) Possibly this one?",
        "D) Must be this one!",
        "ANSWER: D",
        "",
        "Which LMS has the most quiz import formats?",
        "A) Moodle",
        "B) ATutor",
        "answer: a",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(
      questions.map((q) => [
        q.line,
        q.question.stem,
        (q.question as unknown as { options: { text: string; correct: boolean }[] }).options.filter((o) => o.correct).map((o) => o.text),
      ]),
    ).toEqual([
      [1, "What is the correct answer to this question?", ["Must be this one!"]],
      [8, "Which LMS has the most quiz import formats?", ["Moodle"]],
    ]);
  });

  it("takes a first line that looks like an option as the question, and handles CR line endings and a BOM", () => {
    const { questions, problems } = parseAiken("\uFEFFA. B. or C. which letter comes first?\rA. A\rB. B\rANSWER: A\r\rSecond?\r\nA. x\r\nB. y\r\nANSWER: B");
    expect(problems).toEqual([]);
    expect(questions.map((q) => q.question.stem)).toEqual(["A. B. or C. which letter comes first?", "Second?"]);
  });

  it("reports each broken question with its line and keeps the others", () => {
    const { questions, problems } = parseAiken(
      [
        "Q1?",
        "A. a",
        "B. b",
        "ANSWER: E",
        "",
        "Q2?",
        "A. a",
        "C. c",
        "ANSWER: A",
        "",
        "Q3?",
        "A. only",
        "ANSWER: A",
        "",
        "Q4?",
        "A. a",
        "B. b",
        "",
        "Good?",
        "A. yes",
        "B. no",
        "ANSWER: A",
        "",
        "Q6?",
        "A. a",
      ].join("\n"),
    );
    expect(questions.map((q) => q.question.stem)).toEqual(["Good?"]);
    expect(problems.map((p) => [p.line, p.question, p.message])).toEqual([
      [4, "Q1?", "the answer E is not one of the options (A, B)"],
      [8, "Q2?", "option C where B was expected"],
      [13, "Q3?", "only 1 option(s): an Aiken question needs at least two"],
      [15, "Q4?", "the question has no ANSWER: line"],
      [24, "Q6?", "the file ends before this question's ANSWER: line"],
    ]);
  });
});
