import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/bank/formats/csv";

describe("CSV question banks", () => {
  it("reads each type, quoted fields with commas and newlines, and a byte-order mark", () => {
    const csv = [
      "\uFEFFid,type,stem,option_a,option_b,option_c,correct,explanation,topic",
      'q-formats,single,"Which format is column-major?",CSV,Parquet,JSON,B,"Parquet stores columns together, so reads by feature are fast.",data-formats',
      'q-vowels,multiple,"Which are vowels?",A,E,K,A;B,,',
      "q-tf,true-false,The sky is blue.,,,,true,,",
      'q-short,short-answer,"Name a columnar format:\nany one",Parquet,ORC,,,,',
      "q-essay,essay,Explain ETL vs ELT.,,,,,,",
    ].join("\n");
    const { questions, problems } = parseCsv(csv);
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.line, q.question.id, q.question.type])).toEqual([
      [2, "q-formats", "single"],
      [3, "q-vowels", "multiple"],
      [4, "q-tf", "true-false"],
      [5, "q-short", "short-answer"],
      [7, "q-essay", "essay"],
    ]);
    expect(questions[0]!.question).toMatchObject({
      explanation: "Parquet stores columns together, so reads by feature are fast.",
      topic: "data-formats",
      options: [
        { text: "CSV", correct: false },
        { text: "Parquet", correct: true },
        { text: "JSON", correct: false },
      ],
    });
    expect(questions[1]!.question).toMatchObject({ options: [{ correct: true }, { correct: true }, { correct: false }] });
    expect(questions[3]!.question).toMatchObject({ stem: "Name a columnar format:\nany one", answers: [{ text: "Parquet" }, { text: "ORC" }] });
  });

  it("names the line of every bad row and refuses types a row cannot hold", () => {
    const csv = [
      "id,type,stem,option_a,option_b,option_c,correct",
      "a,single,Two options?,x,y,,C",
      "b,single,Two keys?,x,y,,A;B",
      "c,numerical,How many?,,,,",
      "d,true-false,Maybe?,,,,yes",
      "e,single,Fine,x,y,,A",
      "f,guess,Huh?,,,,",
    ].join("\r\n");
    const { questions, problems } = parseCsv(csv);
    expect(questions.map((q) => q.question.id)).toEqual(["e"]);
    expect(problems.map((p) => [p.line, p.question, p.message])).toEqual([
      [2, "a", '"correct" names C, which is not an option of this row (A, B)'],
      [3, "b", "options: a single-answer question needs exactly one correct option, found 2"],
      [4, "c", "numerical questions cannot be written as one CSV row: import them as JSON, GIFT or Moodle XML"],
      [5, "d", 'a true-false question\'s "correct" is true or false, not "yes"'],
      [7, "f", 'unknown type "guess": use single, multiple, true-false, short-answer, essay'],
    ]);
  });

  it("reports a malformed file with its line, and unknown columns", () => {
    expect(parseCsv('id,stem\na,"unterminated\n').problems[0]).toMatchObject({ line: 2 });
    expect(parseCsv("id,stem,colour\na,Q?,red\n").problems[0]!.message).toMatch(/^unknown column\(s\) colour/);
    expect(parseCsv("id,stem\n").problems[0]!.message).toBe("the file has a header but no questions");
  });
});
