// The history's diff: every field of two versions, texts word by word, values whole, options added and
// removed; and the audit line that names the key change first.
import { describe, expect, it } from "vitest";
import type { ParsedQuestion } from "@/lib/bank/types";
import { changeSummary, diffVersions, keyOf, questionFields } from "@/lib/question-editor/diff";

type Single = Extract<ParsedQuestion, { type: "single" }>;
const single = (over: Partial<Single> = {}): Single => ({
  type: "single",
  stem: "Which format is columnar?",
  explanation: "",
  maxMark: 1,
  origin: "authored",
  options: [
    { text: "CSV", correct: false, fraction: 0 },
    { text: "Parquet", correct: true, fraction: 1, feedback: "Right." },
  ],
  ...over,
});

describe("diffVersions", () => {
  it("marks words added and removed in a text, values whole, and an option added", () => {
    const before = { question: single(), topic: "formats" };
    const after = {
      question: single({
        stem: "Which file format is columnar?",
        options: [
          { text: "CSV", correct: true, fraction: 1 },
          { text: "Parquet", correct: false, fraction: 0, feedback: "Right." },
          { text: "ORC", correct: false, fraction: 0 },
        ],
      }),
      topic: "storage",
    };
    const rows = diffVersions(before, after);
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row("stem")).toMatchObject({ status: "changed", before: "Which format is columnar?", after: "Which file format is columnar?" });
    expect(row("stem").words).toEqual([
      { value: "Which ", kind: "same" },
      { value: "file ", kind: "added" },
      { value: "format is columnar?", kind: "same" },
    ]);
    expect(row("options.0.grade")).toEqual({ key: "options.0.grade", label: "Option A: credit", before: "0%", after: "100%", status: "changed", words: null });
    expect(row("options.2.text")).toMatchObject({ status: "added", before: null, after: "ORC", words: [{ value: "ORC", kind: "added" }] });
    expect(row("topic")).toMatchObject({ status: "changed", before: "formats", after: "storage" });
    expect(row("options.1.feedback").status).toBe("same");
    expect(rows.filter((r) => r.status !== "same").map((r) => r.key)).toEqual([
      "stem",
      "options.0.grade",
      "options.1.grade",
      "options.2.text",
      "options.2.grade",
      "topic",
    ]);
  });

  it("lists an option the newer version dropped as removed", () => {
    const rows = diffVersions({ question: single(), topic: null }, { question: single({ options: [single().options[1]!] }), topic: null });
    expect(rows.filter((r) => r.status === "removed").map((r) => [r.key, r.before])).toEqual([
      ["options.1.text", "Parquet"],
      ["options.1.grade", "100%"],
      ["options.1.feedback", "Right."],
    ]);
  });

  it("compares a cloze question's text with its gaps", () => {
    const cloze: ParsedQuestion = {
      type: "cloze",
      stem: "Capital: {#1}",
      explanation: "",
      maxMark: 1,
      origin: "authored",
      parts: [{ kind: "shortanswer", caseSensitive: false, display: "dropdown", shuffle: false, weight: 1, answers: [{ text: "Berlin", fraction: 1 }] }],
    };
    expect(questionFields({ question: cloze, topic: null })[1]).toEqual({
      key: "stem",
      label: "Question text (with its gaps)",
      value: "Capital: {1:SHORTANSWER:%100%Berlin}",
      text: true,
    });
  });
});

describe("changeSummary", () => {
  it("says the key change first, then every other field", () => {
    const after = single({
      options: [
        { text: "CSV", correct: true, fraction: 1 },
        { text: "Parquet", correct: false, fraction: 0, feedback: "Right." },
      ],
    });
    expect(keyOf(single())).toBe("B");
    expect(changeSummary({ question: single(), topic: null }, { question: after, topic: null })).toEqual([
      "key changed from B to A",
      "option A: credit changed from 0% to 100%",
      "option B: credit changed from 100% to 0%",
    ]);
  });
  it("names a text that changed without repeating it", () => {
    expect(changeSummary({ question: single(), topic: null }, { question: single({ explanation: "See notes." }), topic: null })).toEqual([
      "explanation changed",
    ]);
  });
});
