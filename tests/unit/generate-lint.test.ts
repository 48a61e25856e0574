import { describe, expect, it } from "vitest";
import { LINT_MESSAGES, levenshtein, lintItem, nearDuplicates, normalizeForComparison, similarity } from "@/lib/generate/lint";
import type { GeneratedDraft } from "@/lib/generate/types";

function mcq(fields: Partial<GeneratedDraft>): GeneratedDraft {
  return {
    kind: "MCQ",
    section: "data-formats",
    source: "Column-major (e.g. Parquet, ORC): consecutive elements of a column are stored next to each other.",
    front: "",
    back: "",
    stem: "Which format stores consecutive elements of a column next to each other?",
    options: ["Parquet", "CSV", "JSON", "Avro"],
    answer: "Parquet",
    lint: [],
    ...fields,
  };
}

function card(kind: "CLOZE" | "TERM" | "DEFINITION", front: string, back: string, fields: Partial<GeneratedDraft> = {}): GeneratedDraft {
  return {
    kind,
    section: "data-models",
    source: "Data is organized into relations; each relation is a set of tuples.",
    front,
    back,
    stem: "",
    options: [],
    answer: back,
    lint: [],
    ...fields,
  };
}

const x = (n: number) => "x".repeat(n);

describe("lintItem: multiple-choice items", () => {
  const cases: [string, GeneratedDraft, string[]][] = [
    ["a good item passes", mcq({}), []],
    ["empty section and source", mcq({ section: " ", source: "" }), ["The section is empty.", "The source is empty."]],
    ["empty stem", mcq({ stem: "" }), ["The stem is empty."]],
    ["an empty option", mcq({ options: ["Parquet", "CSV", "", "Avro"] }), ["An option is empty."]],
    ["empty answer", mcq({ answer: "" }), ["The answer is empty."]],
    ["fewer than 3 options", mcq({ options: ["Parquet", "CSV"] }), ["There are fewer than 3 options."]],
    ["answer not among the options", mcq({ answer: "ORC" }), ["The answer is not among the options."]],
    // Exact text: a key that differs from its option by case is not the option the grader compares.
    ["answer differing from its option by case", mcq({ answer: "parquet" }), ["The answer is not among the options."]],
    ["all of the above", mcq({ options: ["Parquet", "CSV", "JSON", "All of the above"] }), ['An option is "all of the above" or "none of the above".']],
    ["none of the above", mcq({ options: ["Parquet", "CSV", "JSON", "None of the above"] }), ['An option is "all of the above" or "none of the above".']],
    [
      "negative stem without emphasis",
      mcq({ stem: "Which format is not human-readable?", options: ["Parquet", "CSV", "JSON", "YAML"] }),
      ['The stem is negative ("not") without emphasis in capitals.'],
    ],
    ["negative stem in capitals passes", mcq({ stem: "Which format is NOT human-readable?", options: ["Parquet", "CSV", "JSON", "YAML"] }), []],
    ["EXCEPT in capitals passes", mcq({ stem: "All of these are text formats EXCEPT which one?", options: ["Parquet", "CSV", "JSON", "YAML"] }), []],
    [
      "except in lowercase",
      mcq({ stem: "All of these are text formats except which one?", options: ["Parquet", "CSV", "JSON", "YAML"] }),
      ['The stem is negative ("except") without emphasis in capitals.'],
    ],
    [
      "a contraction is negative",
      mcq({ stem: "Which format isn't human-readable?", options: ["Parquet", "CSV", "JSON", "YAML"] }),
      ['The stem is negative ("isn\'t") without emphasis in capitals.'],
    ],
    ["least", mcq({ stem: "Which format is the least compact?", answer: "JSON" }), ['The stem is negative ("least") without emphasis in capitals.']],
    ['"at least" is a quantity, not a negation', mcq({ stem: "Which format needs at least one schema file to read?" }), []],
    // 49 characters vs 40: 22.5 % and 9 characters longer, past both margins.
    ["the key longest by a clear margin", mcq({ options: [x(49), x(40), "CSV", "JSON"], answer: x(49) }), ["The right option is the longest."]],
    // 48 vs 40 is exactly 20 %: not more than 20 %.
    ["the key 20 % longer passes", mcq({ options: [x(48), x(40), "CSV", "JSON"], answer: x(48) }), []],
    // 20 vs 10 is 100 % longer but only 10 characters: flagged; 18 vs 10 is 8 characters: not more than 8.
    ["a short key twice as long", mcq({ options: [x(20), x(10), "CSV", "JSON"], answer: x(20) }), ["The right option is the longest."]],
    ["eight characters longer passes", mcq({ options: [x(18), x(10), "CSV", "JSON"], answer: x(18) }), []],
    [
      "the answer's words in the stem",
      mcq({
        stem: "Which layout stores consecutive elements of a row next to each other?",
        options: ["Row-major", "Column-major", "Document model", "Graph model"],
        answer: "Row-major",
      }),
      ['The stem gives away the answer ("Row").'],
    ],
    [
      "a word every distractor shares gives nothing away",
      mcq({
        stem: "Which data is bought from companies that collect it on the public?",
        options: ["Third-party data", "First-party data", "Second-party data", "User-generated data"],
        answer: "Third-party data",
      }),
      [],
    ],
    ["duplicate options", mcq({ options: ["Parquet", " parquet", "CSV", "JSON"] }), ["Options 1 and 2 are duplicates."]],
    ["duplicates up to punctuation", mcq({ options: ["Parquet", "CSV", "Row-major", "row major"] }), ["Options 3 and 4 are duplicates."]],
    ["near-duplicates: the same lemmas", mcq({ options: ["Parquet", "data lake", "data lakes", "CSV"] }), ["Options 2 and 3 are near-duplicates."]],
    ["near-duplicates: 90 % alike", mcq({ options: ["Parquet", "CSV", "normalisation", "normalization"] }), ["Options 3 and 4 are near-duplicates."]],
    [
      "a pair made to be told apart is not a near-duplicate",
      mcq({
        stem: "Which turns a data structure into bytes?",
        options: ["Serialization", "Deserialization", "Normalization", "Indexing"],
        answer: "Serialization",
      }),
      [],
    ],
  ];
  it.each(cases)("%s", (_name, item, flaws) => {
    expect(lintItem(item)).toEqual(flaws);
  });

  it("reports several flaws in a fixed order", () => {
    const item = mcq({ stem: "Which is not a format?", options: ["Parquet", "Parquet", "All of the above"], answer: "All of the above" });
    expect(lintItem(item)).toEqual([
      'An option is "all of the above" or "none of the above".',
      'The stem is negative ("not") without emphasis in capitals.',
      "The right option is the longest.",
      "Options 1 and 2 are duplicates.",
    ]);
  });
});

describe("lintItem: cards", () => {
  const longBack = `${"a".repeat(301)}`;
  const cases: [string, GeneratedDraft, string[]][] = [
    ["a good cloze passes", card("CLOZE", "Data is organized into _____; each is a set of tuples.", "relations"), []],
    ["a good TERM card passes", card("TERM", "Normalization", "Structures the database to reduce redundancy and dependency."), []],
    ["a good DEFINITION card passes", card("DEFINITION", "Structures the database to reduce redundancy and dependency.", "Normalization"), []],
    ["a cloze without a blank", card("CLOZE", "Data is organized into relations.", "tuples"), ["The cloze front has no blank (_____)."]],
    [
      "a cloze front still holding the term",
      card("CLOZE", "_____ structures data: normalization reduces redundancy.", "Normalization"),
      ['The front gives away the answer ("Normalization").'],
    ],
    ["a blank hiding only stopwords", card("CLOZE", "Data is organized into _____ relations.", "the"), ["The blank hides no content word."]],
    ["an empty front", card("TERM", " ", "A set of tuples."), ["The front is empty."]],
    ["an empty back", card("DEFINITION", "A set of tuples.", ""), ["The back is empty."]],
    ["a back over 300 characters", card("TERM", "Relation", longBack), ["The back is longer than 300 characters."]],
    ["a back of exactly 300 characters passes", card("TERM", "Relation", "a".repeat(300)), []],
    ["an answer that is not the back", card("TERM", "Relation", "A set of tuples.", { answer: "Tuples" }), ["The answer is not the card's back."]],
    [
      "a definition naming its term",
      card("DEFINITION", "Consecutive elements of a row are stored next to each other.", "Row-major"),
      ['The front gives away the answer ("Row").'],
    ],
    // A TERM card's back may repeat its front's words; only a front holding the whole back gives it away.
    ["a term repeated in its definition passes", card("TERM", "Row-major", "Consecutive elements of a row are stored next to each other."), []],
    ["a TERM front holding its back", card("TERM", "Binary format", "binary"), ['The front gives away the answer ("binary").']],
  ];
  it.each(cases)("%s", (_name, item, flaws) => {
    expect(lintItem(item)).toEqual(flaws);
  });
});

describe("the comparison helpers", () => {
  it.each([
    ["  Row–major’s  ", "row major s"],
    ["“JSON”", "json"],
    ["ﬁle\u00a0Format", "file format"],
    ["ETL (Extract, Transform, Load)", "etl extract transform load"],
  ])("normalizeForComparison(%j) = %j", (input, output) => {
    expect(normalizeForComparison(input)).toBe(output);
  });

  it.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["flaw", "lawn", 2],
    ["same", "same", 0],
  ])("levenshtein(%j, %j) = %d", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
  });

  it("similarity is 1 − distance / longer length of the normalised texts", () => {
    expect(similarity("Serialization", "Deserialization")).toBeCloseTo(1 - 2 / 15, 10);
    expect(similarity("Row-major", "row major")).toBe(1);
  });

  it("nearDuplicates", () => {
    expect(nearDuplicates("data lake", "Data lakes")).toBe(true);
    expect(nearDuplicates("schema on write", "schema on read")).toBe(false);
    expect(nearDuplicates("scans of a few columns across many rows", "scans of a few rows across many columns")).toBe(false);
  });

  it("the messages that name words quote them", () => {
    expect(LINT_MESSAGES.stemGivesAnswer(["row", "major"])).toBe('The stem gives away the answer ("row", "major").');
    expect(LINT_MESSAGES.nearDuplicateOptions(2, 4)).toBe("Options 2 and 4 are near-duplicates.");
  });
});
