// The editor's form and the bank's model, both ways: every type read back from its stored version,
// turned into a draft and back, gives the very content hash it had (an untouched save writes nothing);
// and a draft with mistakes says what is wrong, in words, at the field it concerns.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import type { BankQuestion } from "@/lib/bank/schemas";
import type { ParsedQuestion } from "@/lib/bank/types";
import { fromVersionData, toVersionData } from "@/lib/bank/version-data";
import { draftToQuestion, emptyOption, questionToDraft, readDraftNumber } from "@/lib/question-editor/draft";
import type { QuestionDraft } from "@/lib/question-editor/schemas";
import { checkDraft, formFieldOf } from "@/lib/question-editor/validation";

const fixture = readFileSync(path.resolve(import.meta.dirname, "../fixtures/banks/moodle-every-type.xml"), "utf8");
const imported = parseMoodleXml(fixture).questions.map((item, i) => ({ id: `fixture-${i}`, ...item.question }) as BankQuestion);

const base = { explanation: "Because.", maxMark: 1, origin: "authored" as const };
const handMade: BankQuestion[] = [
  // Multiple answer with the default credits (1/k right, −1/(n−k) wrong), stored as 0.333… exactly.
  {
    ...base,
    id: "multi-default",
    type: "multiple",
    stem: "Which are columnar?",
    section: "formats",
    topic: "data-formats",
    options: [
      { text: "Parquet", correct: true },
      { text: "ORC", correct: true },
      { text: "Arrow", correct: true },
      { text: "CSV", correct: false, feedback: "Rows." },
    ],
  },
  { ...base, id: "tf", type: "true-false", stem: "Parquet is columnar.", answer: true, feedbackFalse: "It is." },
  {
    ...base,
    id: "num",
    type: "numerical",
    maxMark: 2.5,
    stem: "π to two places?",
    answers: [
      { value: 3.14, tolerance: 0.005, fraction: 1 },
      { value: 3, tolerance: 0, fraction: 0.5, feedback: "Close." },
      { value: "*", tolerance: 0, fraction: 0, feedback: "No." },
    ],
  },
  {
    ...base,
    id: "match",
    type: "matching",
    stem: "Match.",
    pairs: [
      { prompt: "", answer: "diagonal" },
      { prompt: "CSV", answer: "row-major" },
      { prompt: "Parquet", answer: "column-major" },
    ],
  },
  {
    ...base,
    id: "cloze-multi",
    type: "cloze",
    stem: "Columnar: {#1}. Year: {#2}.",
    parts: [
      {
        kind: "multiple",
        caseSensitive: false,
        display: "vertical",
        shuffle: true,
        weight: 2,
        answers: [
          { text: "Parquet", fraction: 0.5 },
          { text: "ORC", fraction: 0.5, feedback: "Yes ~ too" },
          { text: "CSV", fraction: -1 },
        ],
      },
      { kind: "numerical", caseSensitive: false, display: "dropdown", shuffle: false, weight: 1, answers: [{ text: "2013", fraction: 1, tolerance: 1 }] },
    ],
  },
  { ...base, id: "essay-html", type: "essay", format: "html", stem: "<p>Explain <em>ETL</em>.</p>", generalFeedback: "<p>See the notes.</p>", idnumber: "E 1" },
];

/** A question as its stored version reads back (what the editor opens). */
function stored(question: BankQuestion): ParsedQuestion {
  return fromVersionData(
    { externalKey: question.id, category: "", topic: question.topic ? { key: question.topic } : null, version: toVersionData(question) },
    "alpha",
  );
}

const context = (q: BankQuestion) => ({ id: q.id, topics: ["data-formats"], sections: ["formats"] });

describe("draft round trip", () => {
  const every = [...imported, ...handMade];
  it("covers every type", () => {
    expect(new Set(every.map((q) => q.type))).toEqual(new Set(["single", "multiple", "true-false", "short-answer", "numerical", "matching", "cloze", "essay"]));
  });
  it.each(every.map((q) => [`${q.type} ${q.id}`, q] as const))("%s: version → draft → question keeps the content hash", (_, question) => {
    const draft = questionToDraft(stored(question));
    const checked = checkDraft(draft, context(question));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    if (!checked.ok) return;
    expect(toVersionData(checked.question).contentHash).toBe(toVersionData(question).contentHash);
    expect(checked.question.topic).toBe(question.topic);
  });
  it("writes a cloze question's gaps into its text in Moodle's syntax", () => {
    expect(questionToDraft(stored(handMade[4]!)).stem).toBe(
      "Columnar: {2:MULTIRESPONSE_S:%50%Parquet~%50%ORC#Yes \\~ too~%-100%CSV}. Year: {1:NUMERICAL:%100%2013:1}.",
    );
  });
  it("notices a change", () => {
    const question = handMade[1]!;
    const draft = { ...questionToDraft(stored(question)), answer: "false" as const };
    const checked = checkDraft(draft, context(question));
    expect(checked.ok && toVersionData(checked.question).contentHash).not.toBe(toVersionData(question).contentHash);
  });
});

const single = (): QuestionDraft =>
  questionToDraft({
    ...base,
    type: "single",
    stem: "Pick",
    options: [
      { text: "A", correct: true },
      { text: "B", correct: false },
    ],
  });

describe("draft problems", () => {
  const problems = (draft: QuestionDraft) => {
    const checked = checkDraft(draft, { id: "q", topics: ["data-formats"], sections: [] });
    return checked.ok ? [] : checked.problems;
  };
  it("places the bank model's issues at their fields, in words", () => {
    const draft = single();
    draft.options = [draft.options[0]!, { ...emptyOption(), text: "  " }, { ...draft.options[1]!, grade: "0.33" }];
    draft.maxMark = "two";
    draft.topic = "nope";
    expect(problems(draft)).toEqual([
      { field: "maxMark", message: "must be a positive number, such as 1 or 2.5", summary: "The default mark: must be a positive number, such as 1 or 2.5" },
      {
        field: "options.2.grade",
        message: "Option 3 has the grade 33%, which Moodle does not allow: use one of its grades, such as 33.33333% (the nearest)",
        summary: "Option 3 has the grade 33%, which Moodle does not allow: use one of its grades, such as 33.33333% (the nearest)",
      },
      { field: "topic", message: "is not a topic of this course", summary: "The topic is not a topic of this course" },
      { field: "options.1.text", message: "must not be empty", summary: "Option 2, its text: must not be empty" },
    ]);
  });
  it("says a single-answer question needs a right option", () => {
    const draft = single();
    draft.options = draft.options.map((o) => ({ ...o, grade: "0" }));
    expect(problems(draft)).toEqual([
      { field: "options", message: "a single-answer question needs a right option", summary: "The options: a single-answer question needs a right option" },
    ]);
  });
  it("reads a cloze text as Moodle does and names the gap", () => {
    const draft = { ...single(), type: "cloze" as const, options: [], stem: "Capital: {1:SHORTANSWER:%50%Bonn}." };
    expect(problems(draft)).toEqual([
      {
        field: "stem",
        message: "gap 1: one answer must be worth 100% (mark it with =)",
        summary: "The question text: gap 1: one answer must be worth 100% (mark it with =)",
      },
    ]);
  });
  it("wants a prompt unless the row is an extra distractor", () => {
    const draft = {
      ...single(),
      type: "matching" as const,
      pairs: [
        { prompt: "a", answer: "1", distractor: false },
        { prompt: "", answer: "2", distractor: false },
        { prompt: "ignored", answer: "3", distractor: true },
      ],
    };
    expect(problems(draft).map((p) => [p.field, p.message])).toEqual([
      ["pairs.1.prompt", "needs a prompt (or make it an extra distractor, an answer that matches no prompt)"],
      ["pairs", "a matching question needs at least two prompts with answers, found 1"],
    ]);
    expect(draftToQuestion(draft, "q").question).toMatchObject({ pairs: [{ prompt: "a" }, { prompt: "" }, { prompt: "", answer: "3" }] });
  });
  it("reads numbers as typed", () => {
    expect([readDraftNumber("2,5"), readDraftNumber(" 1e3 "), readDraftNumber("1.2.3"), readDraftNumber("")]).toEqual([2.5, 1000, null, null]);
  });
  it("maps the model's paths to the form's fields", () => {
    expect([formFieldOf(["options", 2, "fraction"], "single"), formFieldOf(["parts", 0, "answers"], "cloze"), formFieldOf([], "essay")]).toEqual([
      "options.2.grade",
      "stem",
      "_form",
    ]);
  });
});
