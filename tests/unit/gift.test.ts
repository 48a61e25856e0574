// GIFT conformance: every construct of Moodle's documented format, and errors located per block.
import { describe, expect, it } from "vitest";
import { parseGift } from "@/lib/bank/formats/gift-parser";

const one = (source: string) => {
  const result = parseGift(source);
  expect(result.problems).toEqual([]);
  expect(result.questions).toHaveLength(1);
  return result.questions[0]!.question;
};

describe("GIFT questions", () => {
  it("multiple choice with one answer, per-answer feedback, a title and general feedback", () => {
    expect(one("::Colour::What colour is the sky? {=blue#Right! ~green#No. ~red ####The sky scatters blue light.}")).toEqual({
      type: "single",
      name: "Colour",
      stem: "What colour is the sky?",
      generalFeedback: "The sky scatters blue light.",
      origin: "imported",
      explanation: "",
      maxMark: 1,
      options: [
        { text: "blue", correct: true, fraction: 1, feedback: "Right!" },
        { text: "green", correct: false, fraction: 0, feedback: "No." },
        { text: "red", correct: false, fraction: 0 },
      ],
    });
  });

  it("multiple answers with %n% weights, across lines", () => {
    const q = one("Which are vowels? {\n~%50%A\n~%50%E\n~%-100%K\n}");
    expect(q).toMatchObject({ type: "multiple", stem: "Which are vowels?" });
    expect((q as unknown as { options: unknown[] }).options).toEqual([
      { text: "A", correct: true, fraction: 0.5 },
      { text: "E", correct: true, fraction: 0.5 },
      { text: "K", correct: false, fraction: -1 },
    ]);
  });

  it("true/false with feedback, short answer, essay", () => {
    // Moodle: the first feedback is for a wrong choice, the second for the right one.
    expect(one("The sun rises in the east.{T#Wrong#Right}")).toMatchObject({ type: "true-false", answer: true, feedbackTrue: "Right", feedbackFalse: "Wrong" });
    expect(one("The sun rises in the west.{FALSE#fb1#fb2}")).toMatchObject({ type: "true-false", answer: false, feedbackTrue: "fb1", feedbackFalse: "fb2" });
    expect(one("One feedback {F#You chose true}")).toEqual(expect.objectContaining({ feedbackTrue: "You chose true" }));
    expect(one("One feedback {F#You chose true}")).not.toHaveProperty("feedbackFalse");
    expect(one("Grant is {FALSE}")).toMatchObject({ type: "true-false", answer: false });
    expect(one("Who's buried in Grant's tomb?{=Grant =%50%Ulysses Grant#Half marks}")).toMatchObject({
      type: "short-answer",
      answers: [
        { text: "Grant", fraction: 1 },
        { text: "Ulysses Grant", fraction: 0.5, feedback: "Half marks" },
      ],
    });
    expect(one("Write a short biography of Dag Hammarskjöld. {}")).toMatchObject({ type: "essay", stem: "Write a short biography of Dag Hammarskjöld." });
  });

  it("numerical with tolerance, ranges, several answers and catch-all feedback", () => {
    expect(one("When was Ulysses S. Grant born? {#1822:5}")).toMatchObject({ type: "numerical", answers: [{ value: 1822, tolerance: 5, fraction: 1 }] });
    expect(one("What is a number from 1 to 5? {#1..5}")).toMatchObject({ answers: [{ value: 3, tolerance: 2, fraction: 1 }] });
    expect(one("Grant's birth year? {#\n=1822:0 #Exactly\n=%50%1822:2 #Close\n~#Not even close\n}")).toMatchObject({
      type: "numerical",
      answers: [
        { value: 1822, tolerance: 0, fraction: 1, feedback: "Exactly" },
        { value: 1822, tolerance: 2, fraction: 0.5, feedback: "Close" },
        { value: "*", tolerance: 0, fraction: 0, feedback: "Not even close" },
      ],
    });
  });

  it("matching, missing-word text, escapes, comments, categories and text formats", () => {
    expect(one("Match the countries with their capitals. {\n=Canada -> Ottawa\n=Italy -> Rome\n=Japan -> Tokyo\n}")).toMatchObject({
      type: "matching",
      pairs: [
        { prompt: "Canada", answer: "Ottawa" },
        { prompt: "Italy", answer: "Rome" },
        { prompt: "Japan", answer: "Tokyo" },
      ],
    });
    expect(one("Moodle costs {~lots of money =nothing ~a small amount} to download.")).toMatchObject({ stem: "Moodle costs _____ to download." });
    expect(one("[markdown]Is 1 \\= 1 and 2 \\{ 3 \\}? \\# really\\: yes {=yes \\~ sure ~no}")).toMatchObject({
      stem: "Is 1 = 1 and 2 { 3 }? # really: yes",
      options: [{ text: "yes ~ sure" }, { text: "no" }],
    });
    const result = parseGift("// a comment\n$CATEGORY: $course$/Lecture 1/Formats\n\n// another\nQ1 {T}\n\n\n$CATEGORY: Other\n\nQ2 {F}\n");
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.question.category, q.question.stem])).toEqual([
      [5, "Lecture 1/Formats", "Q1"],
      [10, "Other", "Q2"],
    ]);
  });

  it("reads CRLF and CR line endings and a byte-order mark", () => {
    const result = parseGift("\uFEFFQ1 {T}\r\n\r\nQ2 {F}\rQ2 goes on\r\rQ3 {}");
    expect(result.questions.map((q) => q.question.stem)).toEqual(["Q1", "Q2 _____ Q2 goes on", "Q3"]);
  });
});

describe("GIFT errors", () => {
  it("reports every block's errors with their line, question and snippet, and keeps the good blocks", () => {
    const source = [
      "Good one {T}",
      "",
      "::Broken::No braces here",
      "",
      "Open {=a ~b",
      "",
      "No right answer {~a ~b}",
      "",
      "Weights {~%60%a ~%60%b ~c}",
      "",
      "Numbers {#abc}",
      "",
      "Last good {=x ~y}",
    ].join("\n");
    const { questions, problems } = parseGift(source);
    // Moodle imports a text without answers as a description and a question whose weights miss 100%: warnings here.
    expect(questions.map((q) => q.question.stem)).toEqual(["Good one", "Weights", "Last good"]);
    expect(problems.map((p) => [p.line, p.question, p.severity ?? "error", p.message])).toEqual([
      [3, "Broken", "warning", "no answer block, so Moodle would import this as a description (text shown between questions, not a question); it is left out"],
      [5, "Open", "error", "the answer block opened here is never closed with }"],
      [7, "No right answer", "error", "no right answer: mark one with = or give a positive %weight%"],
      [9, "Weights", "warning", "the right answers' weights add up to 120%, not 100%: a student who picks all of them gets 100%"],
      [11, "Numbers", "error", '"abc" is not a number, a number:tolerance or a min..max range'],
    ]);
    expect(problems[0]!.snippet).toBe("::Broken::No braces here");
    expect(problems[1]!.column).toBe(6);
  });

  it("reads two = answers mixed with ~ as Moodle does: one answer to choose, either of the two right", () => {
    expect(one("Two keys {=a =b ~c}")).toMatchObject({
      type: "single",
      options: [
        { text: "a", correct: true, fraction: 1 },
        { text: "b", correct: true, fraction: 1 },
        { text: "c", correct: false, fraction: 0 },
      ],
    });
  });
});
