// Moodle Aiken: one multiple-choice question per block — the question text, options "A." or "A)"
// (with or without a blank after them),
// then "ANSWER: X". Its pitfalls are handled: the first line of a block is always the question (even
// when it looks like an option, "A. B. C. which is right?"), answer letters in lower case are read,
// CR and CRLF line endings and a byte-order mark are normalised, and blocks need not be separated by
// a blank line (ANSWER ends a question). Each block's problems are reported with its line. The export
// writes single-answer questions only (the others are left out, and counted).
import { checkQuestion } from "./question-issues";
import type { ImportProblem, ParsedQuestion, ParseResult } from "../types";
import { countSkipped, type BankFormat } from "./bank-format";

// Lines are read by position, not with /^([A-Za-z])[.)]\s+(.*)$/ or /^ANSWER\s*:\s*(.*)$/: there the
// blanks can go to \s+ or to (.*), and when the match fails at the end (a line separator that `.`
// does not match) every split is retried, which is quadratic in the length of the line.
const LETTER = /^[A-Za-z]$/;
const BLANK = /^\s$/;

/** "B. text", "B) text" or "B)text" (Moodle's /^[A-Z][).][ \t]?/): the letter and the text, or null. */
function optionLine(line: string): { letter: string; text: string } | null {
  if (line.length < 3 || !LETTER.test(line[0]!) || (line[1] !== "." && line[1] !== ")")) return null;
  const text = line.slice(BLANK.test(line[2]!) ? 3 : 2).trim();
  return text ? { letter: line[0]!, text } : null;
}

/** What follows "ANSWER:" (any case, blanks allowed before the colon), or null. */
function answerLine(line: string): string | null {
  if (line.slice(0, 6).toUpperCase() !== "ANSWER") return null;
  const rest = line.slice(6).trimStart();
  return rest.startsWith(":") ? rest.slice(1).trim() : null;
}

export function parseAiken(source: string): ParseResult {
  const lines = source
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const questions: ParseResult["questions"] = [];
  const problems: ImportProblem[] = [];
  let block: { line: number; stem: string[]; options: { letter: string; text: string; line: number }[]; bad: boolean } | null = null;
  const fail = (line: number, message: string, stem: string, snippet: string) =>
    problems.push({ line, column: 1, message, question: stem.slice(0, 60), snippet: snippet.slice(0, 80) });

  lines.forEach((raw, i) => {
    const line = raw.trim();
    const number = i + 1;
    if (line === "") {
      if (block && block.options.length) fail(block.line, "the question has no ANSWER: line", block.stem.join(" "), block.stem[0] ?? "");
      else if (block) fail(block.line, "the question has no options (A. …) and no ANSWER: line", block.stem.join(" "), block.stem[0] ?? "");
      block = null;
      return;
    }
    if (!block) {
      block = { line: number, stem: [line], options: [], bad: false };
      return;
    }
    const answer = answerLine(line);
    if (answer !== null) {
      const stem = block.stem.join(" ");
      const letter = answer.toUpperCase();
      const letters = block.options.map((o) => o.letter);
      if (block.bad) {
        // Its problem is already reported: a block with a problem is never half-imported.
      } else if (block.options.length < 2) fail(number, `only ${block.options.length} option(s): an Aiken question needs at least two`, stem, raw);
      else if (!/^[A-Z]$/.test(letter)) fail(number, `"ANSWER: ${answer}" must name one option letter`, stem, raw);
      else if (!letters.includes(letter)) fail(number, `the answer ${letter} is not one of the options (${letters.join(", ")})`, stem, raw);
      else {
        const question = { type: "single", stem, origin: "imported", options: block.options.map((o) => ({ text: o.text, correct: o.letter === letter })) };
        const checked = checkQuestion(question);
        if ("question" in checked) questions.push({ line: block.line, question: checked.question });
        else for (const message of checked.messages) fail(block.line, message, stem, block.stem[0] ?? "");
      }
      block = null;
      return;
    }
    const option = optionLine(line);
    if (option) {
      const letter = option.letter.toUpperCase();
      const expected = String.fromCharCode(65 + block.options.length);
      if (letter !== expected) {
        fail(number, `option ${letter} where ${expected} was expected`, block.stem.join(" "), raw);
        block.bad = true;
      }
      block.options.push({ letter, text: option.text, line: number });
    } else if (block.options.length === 0) block.stem.push(line);
    else {
      fail(number, `"${line.slice(0, 40)}" is neither an option (A. …) nor the ANSWER: line`, block.stem.join(" "), raw);
      block.bad = true;
    }
  });
  const last = block as { line: number; stem: string[] } | null;
  if (last) fail(last.line, "the file ends before this question's ANSWER: line", last.stem.join(" "), last.stem[0] ?? "");
  return { questions, problems };
}

/** Aiken holds single-answer questions only; others are returned as skipped, with the reason. */
export function toAiken(questions: readonly ParsedQuestion[]): { text: string; skipped: { question: ParsedQuestion; reason: string }[] } {
  const blocks: string[] = [];
  const skipped: { question: ParsedQuestion; reason: string }[] = [];
  for (const q of questions) {
    if (q.type !== "single") {
      skipped.push({ question: q, reason: `Aiken holds single-answer multiple-choice questions only, not ${q.type}` });
      continue;
    }
    if (q.format === "html") {
      skipped.push({ question: q, reason: "Aiken holds plain text only: this question's text is HTML" });
      continue;
    }
    if (q.stem.includes("\n") || q.options.some((o) => o.text.includes("\n"))) {
      skipped.push({ question: q, reason: "Aiken puts the question and each option on one line" });
      continue;
    }
    const right = q.options.findIndex((o) => o.correct);
    blocks.push([q.stem, ...q.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o.text}`), `ANSWER: ${String.fromCharCode(65 + right)}`].join("\n"));
  }
  return { text: `${blocks.join("\n\n")}\n`, skipped };
}

/** Anchored at a line start, then a literal word, blanks and a colon (which no blank can match): each line start is tried once, so this is linear. */
const hasAnswerLine = (text: string) => /^ANSWER[ \t]*:/im.test(text);

export const aikenFormat = {
  name: "aiken",
  label: "Moodle Aiken",
  extension: "aiken.txt",
  mimeType: "text/plain",
  parse: parseAiken,
  serialize: (questions) => countSkipped(toAiken(questions)),
  importExtensions: ["aiken"],
  asTxt: true,
  sniff: { marker: hasAnswerLine },
  dbName: "AIKEN",
} as const satisfies BankFormat;
