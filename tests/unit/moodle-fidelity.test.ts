// Files written as Moodle writes them come in as Moodle reads them: one test per construct that was
// lost or changed on the way in (each is in Moodle's format documentation).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAiken } from "@/lib/bank/formats/aiken";
import { parseGift } from "@/lib/bank/formats/gift-parser";
import { toMoodleXml } from "@/lib/bank/formats/moodle-xml";
import { parseMoodleXml } from "@/lib/bank/formats/moodle-xml-parser";
import { MOODLE_GRADES, normaliseCategoryPath } from "@/lib/bank/formats/moodle-rules";
import { parseUpload } from "@/lib/bank/import/upload";

const gift = (source: string) => parseGift(source);
const onlyQuestion = (result: ReturnType<typeof parseGift>) => {
  expect(result.problems.filter((p) => p.severity !== "warning")).toEqual([]);
  expect(result.questions).toHaveLength(1);
  return result.questions[0]!.question as Record<string, unknown>;
};

describe("GIFT as Moodle reads it", () => {
  it("1. a numerical answer with no = and a catch-all wrong answer: 3 with tolerance 2, and feedback for any other number", () => {
    expect(onlyQuestion(gift("How many? {#3:2~#Completely wrong}"))).toMatchObject({
      type: "numerical",
      answers: [
        { value: 3, tolerance: 2, fraction: 1 },
        { value: "*", tolerance: 0, fraction: 0, feedback: "Completely wrong" },
      ],
    });
  });

  it("2. matching with an extra distractor (an empty prompt), and its errors at the line of the pair, in words", () => {
    expect(onlyQuestion(gift("Match {\n=Dog -> Chien\n=Cat -> Chat\n= -> Cheval\n}"))).toMatchObject({
      type: "matching",
      pairs: [
        { prompt: "Dog", answer: "Chien" },
        { prompt: "Cat", answer: "Chat" },
        { prompt: "", answer: "Cheval" },
      ],
    });
    const broken = gift("Match {\n=Dog -> Chien\n=Cat -> Chat\n=Cow ->\n}");
    expect(broken.questions).toEqual([]);
    expect(broken.problems.map((p) => [p.line, p.message])).toEqual([[4, "a pair has nothing after ->: each pair is =prompt -> answer"]]);
    expect(gift("Match {=Dog -> Chien = -> Chat}").problems[0]!.message).toMatch(/^a matching question needs at least two pairs/);
  });

  it("4. text-format markers on the question, options, feedback and pairs never reach the text students see", () => {
    expect(onlyQuestion(gift("[plain]Sky? {=[plain]blue#[html]<b>Right</b> ~[moodle]green#[markdown]no}"))).toMatchObject({
      stem: "Sky?",
      options: [
        { text: "blue", feedback: "Right" },
        { text: "green", feedback: "no" },
      ],
    });
    expect(onlyQuestion(gift("Match {=[html]<i>Dog</i> -> [plain]Chien =[plain]Cat -> Chat}"))).toMatchObject({
      pairs: [
        { prompt: "Dog", answer: "Chien" },
        { prompt: "Cat", answer: "Chat" },
      ],
    });
  });

  it("5. true/false with two feedbacks: the first for a wrong choice, the second for the right one", () => {
    expect(onlyQuestion(gift("Grant was born in 1900. {FALSE#Not so: 1822.#Right, 1822.}"))).toMatchObject({
      answer: false,
      feedbackTrue: "Not so: 1822.",
      feedbackFalse: "Right, 1822.",
    });
    expect(onlyQuestion(gift("The sun is a star. {T#No, it is.#Yes.}"))).toMatchObject({ answer: true, feedbackTrue: "Yes.", feedbackFalse: "No, it is." });
  });

  it("6. weights Moodle does not allow are refused, with the nearest allowed one named", () => {
    const result = gift("Which? {~%33%a ~%33.33333%b ~%33.33333%c ~%-100%d}");
    expect(result.questions).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'the option "a" has the grade 33%, which Moodle does not allow: use one of its grades, such as 33.33333% (the nearest)',
    ]);
    expect(onlyQuestion(gift("Which? {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}"))).toMatchObject({
      options: [{ fraction: 0.3333333 }, { fraction: 0.3333333 }, { fraction: 0.3333333 }, { fraction: -1 }],
    });
    expect(MOODLE_GRADES).toHaveLength(41);
  });

  it("7. $CATEGORY paths lose the context and the top category, as in Moodle XML", () => {
    const result = gift("$CATEGORY: $course$/top/Default for X\n\nQ {T}\n\n$CATEGORY: $course$/Other/Sub\n\nR {F}\n\n$CATEGORY: top/Third\n\nS {T}");
    expect(result.questions.map((q) => q.question.category)).toEqual(["Default for X", "Other/Sub", "Third"]);
    expect(normaliseCategoryPath(" $module$/top/ A / B ")).toBe("A/B");
  });

  it("reads the type as Moodle does: ~ makes a choice, = and -> a matching, T/F only in capitals, anything else a short answer", () => {
    expect(onlyQuestion(gift("Q {true}"))).toMatchObject({ type: "short-answer", answers: [{ text: "true", fraction: 1 }] });
    expect(onlyQuestion(gift("Q {=a ~%50%b ~c}"))).toMatchObject({ type: "single", options: [{ correct: true }, { correct: false, fraction: 0.5 }, {}] });
    expect(onlyQuestion(gift("Q {~%50%a ~%50%b ~c}"))).toMatchObject({ type: "multiple" });
    expect(onlyQuestion(gift("Q {#1..5 ####general}"))).toMatchObject({ type: "numerical", answers: [{ value: 3, tolerance: 2 }], generalFeedback: "general" });
  });
});

describe("Aiken as Moodle reads it", () => {
  it("3. options with no blank after the letter are options", () => {
    const { questions, problems } = parseAiken("Which is columnar?\nA)CSV\nB)Parquet\nC.JSON\nANSWER: B\n");
    expect(problems).toEqual([]);
    expect(questions[0]!.question).toMatchObject({
      options: [
        { text: "CSV", correct: false },
        { text: "Parquet", correct: true },
        { text: "JSON", correct: false },
      ],
    });
  });
});

describe("Moodle XML as Moodle reads it", () => {
  const file = readFileSync("tests/fixtures/banks/moodle-every-type.xml", "utf8");
  const parsed = parseMoodleXml(file);

  it("reads every type of a Moodle export, with categories' descriptions and idnumbers", () => {
    expect(parsed.questions.map((q) => q.question.type)).toEqual(["single", "true-false", "short-answer", "numerical", "matching", "cloze", "essay"]);
    expect(parsed.categories).toEqual([
      { path: "Default for Data Engineering/Formats", description: "Questions about file formats.", idnumber: "cat-formats" },
    ]);
    expect(parsed.questions.map((q) => q.line)).toEqual([15, 51, 67, 83, 105, 125, 136]);
  });

  it("6. names lose their tags; fractions are Moodle's grades; an idnumber that is not a key is kept as the idnumber", () => {
    expect(parsed.questions[0]!.question).toMatchObject({
      name: "Columnar formats",
      idnumber: "Q 101/a",
      options: [{ fraction: 1 }, { fraction: 0.3333333 }, { fraction: 0 }],
    });
    expect(parsed.questions[0]!.question).not.toHaveProperty("id");
    expect(parsed.problems.filter((p) => p.severity !== "warning").map((p) => [p.line, p.path, p.message])).toEqual([
      [150, "quiz/question[10]", 'the answer "a" has the grade 33%, which Moodle does not allow: use one of its grades, such as 33.33333% (the nearest)'],
    ]);
  });

  it("5. true/false keeps each answer's feedback; numerical keeps the * answer; matching keeps its distractor", () => {
    expect(parsed.questions[1]!.question).toMatchObject({
      answer: false,
      feedbackTrue: "No: Parquet is columnar.",
      feedbackFalse: "Right: it stores columns.",
    });
    expect(parsed.questions[3]!.question).toMatchObject({
      answers: [{ value: 1024 }, { value: 1000, fraction: 0.5 }, { value: "*", fraction: 0, feedback: "<p>2 to the 10th.</p>" }],
    });
    expect(parsed.questions[4]!.question).toMatchObject({ pairs: [{ prompt: "CSV" }, { prompt: "Parquet" }, { prompt: "", answer: "diagonal" }] });
  });

  it("10. cloze: each gap read with its weight, type, credits and feedback; the mark is the sum of the weights", () => {
    expect(parsed.questions[5]!.question).toMatchObject({
      stem: "Parquet is {#1}. It was released in {#2}. Its files are {#3}.",
      maxMark: 4,
      parts: [
        {
          kind: "shortanswer",
          weight: 1,
          answers: [
            { text: "columnar", fraction: 1, feedback: "Right" },
            { text: "column*", fraction: 0.5, feedback: "Nearly" },
          ],
        },
        { kind: "numerical", weight: 1, answers: [{ text: "2013", tolerance: 1, fraction: 1, feedback: "Good" }] },
        {
          kind: "single",
          weight: 2,
          display: "dropdown",
          answers: [
            { text: "binary", fraction: 1 },
            { text: "text", fraction: 0 },
          ],
        },
      ],
    });
    const bad = parseMoodleXml(
      '<quiz><question type="cloze"><name><text>C</text></name><questiontext><text>A {1:NUMERICAL:=abc} B {1:WHAT:=x}</text></questiontext></question></quiz>',
    );
    expect(bad.problems.map((p) => p.message)).toEqual([
      "gap 1: a numerical gap's answers must be numbers (value or value:tolerance) or *",
      '"WHAT" is not one of Moodle\'s embedded answer types (SHORTANSWER, NUMERICAL, MULTICHOICE, MULTIRESPONSE and their variants)',
    ]);
  });

  it("6. the export writes only Moodle's grades, and reads back unchanged", () => {
    const questions = parsed.questions.map((q) => q.question);
    const xml = toMoodleXml(questions);
    expect(xml).toContain('fraction="33.33333"');
    expect([...xml.matchAll(/fraction="(-?[\d.]+)"/g)].every((m) => MOODLE_GRADES.some((g) => Math.abs(g * 100 - Number(m[1])) < 1e-3))).toBe(true);
    const back = parseMoodleXml(xml);
    expect(back.problems).toEqual([]);
    expect(back.questions.map((q) => q.question)).toEqual(questions);
    // Categories' descriptions and idnumbers go out and come back too.
    expect(parseMoodleXml(toMoodleXml(questions, parsed.categories)).categories).toEqual(parsed.categories);
  });
});

describe("the same question twice", () => {
  it("8. is a warning: both copies are imported, known apart by their place, so a second import changes nothing", () => {
    const bytes = new TextEncoder().encode("Same? {T}\n\nSame? {T}\n\nSame? {T}\n");
    const first = parseUpload("twice.gift", bytes);
    expect(first.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [3, "warning", "the same question as on line 1: both are imported, as Moodle does"],
      [5, "warning", "the same question as on line 1: both are imported, as Moodle does"],
    ]);
    const ids = first.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.slice(1)).toEqual([`${ids[0]}-2`, `${ids[0]}-3`]);
    expect(parseUpload("twice.gift", bytes).questions.map((q) => q.id)).toEqual(ids);
  });
});
