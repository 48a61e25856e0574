// Moodle GIFT, parsed block by block into the bank's question model. Follows Moodle's documented
// rules (https://docs.moodle.org/en/GIFT_format): questions separated by blank lines; `//` comment
// lines; `$CATEGORY: path` switches; an optional `::title::`; an optional `[html|markdown|plain|moodle]`
// text format, on the question and on any answer or feedback; an answer block in braces, anywhere in
// the text (text after it is a "missing word" question's rest); escapes \~ \= \# \{ \} \: \\ and \n;
// `####general feedback` in the block. The block's inside is read by gift-answers.ts. Every block's
// problems are reported at their line and column, not just the first; a warning leaves the question in.
import type { ImportProblem, ParsedItem, ParseResult } from "../types";
import { readAnswerBlock, type BodyProblem, type TextReader } from "./gift-answers";
import { htmlToText } from "./html-text";
import { sanitizeQuestionHtml, textAsHtml } from "../rich-text/sanitize";
import { normaliseCategoryPath, splitFormatMarker, type TextFormat } from "./moodle-rules";
import { checkQuestion } from "./question-issues";

// Escaped characters are swapped for private-use placeholders while the structure is read.
const ESCAPES: Record<string, string> = { "~": "\uE000", "=": "\uE001", "#": "\uE002", "{": "\uE003", "}": "\uE004", ":": "\uE005", "\\": "\uE006", n: "\n" };
const UNESCAPE = new Map(
  Object.entries(ESCAPES)
    .filter(([k]) => k !== "n")
    .map(([k, v]) => [v, k]),
);

function protect(text: string): string {
  return text.replace(/\\([~=#{}:\\n])/g, (_, c: string) => ESCAPES[c]!);
}

function restore(text: string): string {
  return text.replace(/[\uE000-\uE006]/g, (c) => UNESCAPE.get(c)!);
}

interface Block {
  line: number;
  lines: string[];
}

/** Splits the file into blocks of non-blank, non-comment lines, each with its first line number. */
function blocks(source: string): Block[] {
  const result: Block[] = [];
  let current: Block | null = null;
  source.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") {
      current = null;
      return;
    }
    if (/^\s*\/\//.test(line)) return;
    if (!current) result.push((current = { line: i + 1, lines: [] }));
    current.lines.push(line);
  });
  return result;
}

/**
 * Reads texts of a question whose own format is `questionFormat`; a text's marker overrides it. An
 * HTML question keeps HTML (sanitised; a text marked [plain], [moodle] or [markdown] escaped into
 * it); any other question is plain text (HTML turned into text).
 */
function textReader(questionFormat: TextFormat | null): TextReader {
  const html = questionFormat === "html";
  const plain = (raw: string) => {
    const { format, text } = splitFormatMarker(restore(raw));
    return (format ?? questionFormat) === "html" ? htmlToText(text) : text.trim();
  };
  return {
    plain,
    text: (raw) => {
      if (!html) return plain(raw);
      const { format, text } = splitFormatMarker(restore(raw));
      return (format ?? "html") === "html" ? sanitizeQuestionHtml(text).trim() : textAsHtml(text.trim());
    },
  };
}

/**
 * The path of a "$CATEGORY: path" line, or null. Sliced and trimmed rather than matched with
 * /^\s*\$CATEGORY:\s*(.*?)\s*$/, whose lazy group and trailing \s* rescan every run of blanks from
 * each of its positions: quadratic, 2 s for 36 KB of spaces, hours for a 5 MB file.
 */
function categorySwitch(line: string): string | null {
  const start = line.trimStart();
  return start.startsWith("$CATEGORY:") ? start.slice("$CATEGORY:".length).trim() : null;
}

/** Position of the line and column of `index` in a block's joined text. */
function locate(block: Block, joined: string, index: number): { line: number; column: number } {
  const before = joined.slice(0, Math.max(0, index));
  const line = before.split("\n").length - 1;
  return { line: block.line + line, column: before.length - before.lastIndexOf("\n") };
}

export function parseGift(source: string): ParseResult {
  const questions: ParsedItem[] = [];
  const problems: ImportProblem[] = [];
  let category: string | undefined;
  for (const block of blocks(source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"))) {
    const joined = protect(block.lines.join("\n"));
    const snippet = block.lines[0]!.trim().slice(0, 80);
    const switched = categorySwitch(joined);
    if (switched !== null && block.lines.length === 1) {
      category = normaliseCategoryPath(restore(switched)) || undefined;
      continue;
    }
    let errors = 0;
    let label = "";
    const problem = (index: number, message: string, severity?: "warning") => {
      if (severity !== "warning") errors++;
      problems.push({ ...locate(block, joined, index), message, question: label, snippet, ...(severity ? { severity } : {}) });
    };

    // `at` walks through the block: each part is read from where the previous one ended.
    let at = joined.length - joined.trimStart().length;
    let name: string | undefined;
    const title = joined.slice(at).match(/^::(.*?)::/s);
    if (title) {
      name = restore(title[1]!.trim());
      at += title[0].length;
    }
    const marked = splitFormatMarker(joined.slice(at));
    at = joined.length - marked.text.length;
    const read = textReader(marked.format);
    const open = joined.indexOf("{", at);
    label =
      name ??
      restore(joined.slice(at, open >= 0 ? open : undefined))
        .trim()
        .slice(0, 60);
    if (open < 0) {
      problem(at, "no answer block, so Moodle would import this as a description (text shown between questions, not a question); it is left out", "warning");
      continue;
    }
    const close = joined.indexOf("}", open);
    if (close < 0) {
      problem(open, "the answer block opened here is never closed with }");
      continue;
    }
    const nested = joined.indexOf("{", open + 1);
    if (nested >= 0 && nested < close) {
      problem(nested, "a { inside an answer block: escape it as \\{");
      continue;
    }
    const after = joined.slice(close + 1).trim();
    const stem = read.text(`${joined.slice(at, open).trim()}${after ? ` _____ ${after}` : ""}`);
    if (!stem) {
      problem(at, "the question has no text");
      continue;
    }
    let body = joined.slice(open + 1, close);
    const bodyAt = open + 1 + (body.length - body.trimStart().length);
    body = body.trim();
    let generalFeedback: string | undefined;
    const general = body.indexOf("####");
    if (general >= 0) {
      generalFeedback = read.text(body.slice(general + 4).trim()) || undefined;
      body = body.slice(0, general).trim();
    }
    const found: BodyProblem[] = [];
    const fields = readAnswerBlock(body, read, found);
    for (const p of found) problem(bodyAt + p.at, p.message, p.severity);
    // A block with an error is rejected whole: nothing is half-imported.
    if (!fields || errors > 0) continue;
    const checked = checkQuestion({
      stem,
      ...(marked.format === "html" ? { format: "html" } : {}),
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...(generalFeedback ? { generalFeedback } : {}),
      origin: "imported",
      ...fields,
    });
    if ("messages" in checked) for (const message of checked.messages) problem(bodyAt, message);
    else questions.push({ line: block.line, question: checked.question });
  }
  return { questions, problems };
}
