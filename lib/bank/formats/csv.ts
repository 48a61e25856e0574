// The bank as CSV: one row per question, with a header naming the columns (in any order):
//   id, type, stem, option_a … option_z, correct, explanation, topic, lecture, section, category, max_mark
// type is single | multiple | true-false | short-answer | essay (default single). "correct" names the
// right options by letter, several separated by ";" ("B", "A;C"); for true-false it is true or false;
// for short-answer the options are the accepted answers and "correct" is left empty. Numerical and
// matching (and cloze) questions need structure a CSV row cannot hold: use JSON, GIFT or Moodle XML for them.
// Parsed with csv-parse (quoted fields, embedded newlines, a byte-order mark); every problem names
// the file line it comes from. The export writes the same columns (numerical, matching and cloze questions
// are left out, and counted).
import { parse } from "csv-parse/sync";
import { csvLine, restoreFormulaText } from "../../csv/cells";
import { bankQuestion } from "../schemas";
import type { ImportProblem, ParsedQuestion, ParseResult } from "../types";
import { countSkipped, type BankFormat } from "./bank-format";

export const CSV_COLUMNS = ["id", "type", "stem", "correct", "explanation", "topic", "lecture", "section", "category", "max_mark"] as const;
const OPTION_COLUMN = /^option_([a-z])$/;
const TYPES = ["single", "multiple", "true-false", "short-answer", "essay"];

export function parseCsv(source: string): ParseResult {
  const problems: ImportProblem[] = [];
  const questions: ParseResult["questions"] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(source, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
      trim: false,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      questions,
      problems: [
        {
          line: e.lines ?? 1,
          column: 1,
          message: e.message.replace(/^Invalid Record Length: /, "a row has a different number of fields than the header: "),
          question: "",
          snippet: "",
        },
      ],
    };
  }
  if (records.length === 0)
    return { questions, problems: [{ line: 1, column: 1, message: "the file has a header but no questions", question: "", snippet: "" }] };
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h) && !OPTION_COLUMN.test(h));
  if (unknown.length)
    problems.push({
      line: 1,
      column: 1,
      message: `unknown column(s) ${unknown.join(", ")}: the columns are ${CSV_COLUMNS.join(", ")} and option_a … option_z`,
      question: "",
      snippet: header.join(","),
    });
  if (!header.includes("stem"))
    return { questions, problems: [...problems, { line: 1, column: 1, message: "the header needs a stem column", question: "", snippet: header.join(",") }] };
  const optionColumns = header.filter((h) => OPTION_COLUMN.test(h)).sort();

  for (const { record, info } of records) {
    const line = info.lines - (record.stem?.split("\n").length ?? 1) + 1;
    // Our own export quotes cells that a spreadsheet could run as formulas ('=…): that quote is removed.
    const cell = (name: string) => restoreFormulaText((record[name] ?? "").trim());
    const stem = cell("stem");
    const fail = (message: string) => problems.push({ line, column: 1, message, question: (cell("id") || stem).slice(0, 60), snippet: stem.slice(0, 80) });
    const type = cell("type") || "single";
    if (!TYPES.includes(type)) {
      fail(
        type === "numerical" || type === "matching" || type === "cloze"
          ? `${type} questions cannot be written as one CSV row: import them as JSON, GIFT or Moodle XML`
          : `unknown type "${type}": use ${TYPES.join(", ")}`,
      );
      continue;
    }
    const options = optionColumns.map((c) => ({ letter: OPTION_COLUMN.exec(c)![1]!.toUpperCase(), text: cell(c) })).filter((o) => o.text !== "");
    const correct = cell("correct")
      .split(/[;,\s]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    const base: Record<string, unknown> = { stem, origin: "imported" };
    for (const [column, field] of [
      ["id", "id"],
      ["explanation", "explanation"],
      ["topic", "topic"],
      ["lecture", "lecture"],
      ["section", "section"],
      ["category", "category"],
    ] as const)
      if (cell(column)) base[field] = cell(column);
    if (cell("max_mark")) base.maxMark = Number(cell("max_mark"));
    let question: Record<string, unknown>;
    if (type === "true-false") {
      const value = cell("correct").toLowerCase();
      if (value !== "true" && value !== "false") {
        fail(`a true-false question's "correct" is true or false, not "${cell("correct")}"`);
        continue;
      }
      question = { ...base, type, answer: value === "true" };
    } else if (type === "short-answer") {
      question = { ...base, type, answers: options.map((o) => ({ text: o.text })) };
    } else if (type === "essay") {
      question = { ...base, type };
    } else {
      const letters = options.map((o) => o.letter);
      const missing = correct.filter((c) => !letters.includes(c));
      if (missing.length) {
        fail(
          `"correct" names ${missing.join(", ")}, which ${missing.length > 1 ? "are not options" : "is not an option"} ` +
            `of this row (${letters.join(", ") || "no options"})`,
        );
        continue;
      }
      question = { ...base, type, options: options.map((o) => ({ text: o.text, correct: correct.includes(o.letter) })) };
    }
    const checked = bankQuestion.safeParse({ id: "placeholder", ...question });
    if (!checked.success) {
      for (const issue of checked.error.issues) fail(`${issue.path.join(".") || "row"}: ${issue.message}`);
      continue;
    }
    const { id, ...rest } = checked.data;
    questions.push({ line, question: (id === "placeholder" ? rest : { id, ...rest }) as ParsedQuestion });
  }
  return { questions, problems };
}

/** CSV with the documented header; numerical, matching and cloze questions cannot be rows and are skipped, with the reason. */
export function toCsv(questions: readonly ParsedQuestion[]): { text: string; skipped: { question: ParsedQuestion; reason: string }[] } {
  const skipped: { question: ParsedQuestion; reason: string }[] = [];
  const rows: ParsedQuestion[] = [];
  for (const q of questions) {
    if (q.type === "numerical" || q.type === "matching" || q.type === "cloze")
      skipped.push({ question: q, reason: `${q.type} questions cannot be one CSV row` });
    else if (q.format === "html") skipped.push({ question: q, reason: "CSV holds plain text only: this question's text is HTML" });
    else rows.push(q);
  }
  const width = Math.max(
    2,
    ...rows.map((q) => (q.type === "single" || q.type === "multiple" ? q.options.length : q.type === "short-answer" ? q.answers.length : 0)),
  );
  const letters = Array.from({ length: width }, (_, i) => String.fromCharCode(97 + i));
  // The documented columns, with the options after the stem.
  const header = [...CSV_COLUMNS.slice(0, 3), ...letters.map((l) => `option_${l}`), ...CSV_COLUMNS.slice(3)];
  const lines = [header.join(",")];
  for (const q of rows) {
    const texts = q.type === "single" || q.type === "multiple" ? q.options.map((o) => o.text) : q.type === "short-answer" ? q.answers.map((a) => a.text) : [];
    const correct =
      q.type === "single" || q.type === "multiple"
        ? q.options.flatMap((o, i) => (o.correct ? [String.fromCharCode(65 + i)] : [])).join(";")
        : q.type === "true-false"
          ? String(q.answer)
          : "";
    // csvLine neutralises cells a spreadsheet would run as formulas; the CSV importer undoes it.
    lines.push(
      csvLine([
        q.id,
        q.type,
        q.stem,
        ...letters.map((_, i) => texts[i]),
        correct,
        q.explanation,
        q.topic,
        q.lecture,
        q.section,
        q.category,
        q.maxMark === 1 ? undefined : q.maxMark,
      ]),
    );
  }
  return { text: `${lines.join("\n")}\n`, skipped };
}

export const csvFormat = {
  name: "csv",
  label: "CSV",
  extension: "csv",
  mimeType: "text/csv",
  parse: parseCsv,
  serialize: (questions) => countSkipped(toCsv(questions)),
  importExtensions: ["csv"],
  asTxt: false,
  dbName: "CSV",
} as const satisfies BankFormat;
