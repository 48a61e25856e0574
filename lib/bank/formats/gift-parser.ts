// Moodle GIFT, parsed block by block into the bank's question model. Follows Moodle's documented
// rules (https://docs.moodle.org/en/GIFT_format): questions separated by blank lines; `//` comment
// lines; `$CATEGORY: path` switches; an optional `::title::`; an optional `[html|markdown|plain|moodle]`
// text format; an answer block in braces, anywhere in the text (text after it is a "missing word"
// question's rest); escapes \~ \= \# \{ \} \: \\ and \n. Inside the braces: nothing (essay), T / F /
// TRUE / FALSE (true-false), `=` and `~` answers with `%n%` weights and `#feedback` (multiple choice
// with one or several answers, or short answer when every answer is `=`), `#` numbers with `:tolerance`
// or `min..max` ranges (numerical, with `~#feedback` as a catch-all), `=prompt -> answer` pairs
// (matching), and `####general feedback`. Every block's problems are reported, not just the first.
import { bankQuestion } from "../schemas";
import type { ImportProblem, ParsedItem, ParsedQuestion, ParseResult } from "../types";
import { htmlToText } from "./html-text";

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

const FRACTION = /^%(-?\d+(?:\.\d+)?)%/;

interface Answer {
  mark: "=" | "~";
  weight: number | null;
  text: string;
  feedback: string | undefined;
}

/** Splits the inside of the braces into its answers (each starting with = or ~). */
function splitAnswers(body: string): { answers: Answer[]; leading: string } {
  const parts = body.split(/(?=[=~])/);
  const leading = parts[0] && !/^[=~]/.test(parts[0]) ? parts.shift()! : "";
  const answers = parts.map((part) => {
    const mark = part[0] as "=" | "~";
    let rest = part.slice(1).trim();
    let weight: number | null = null;
    const w = rest.match(FRACTION);
    if (w) {
      weight = Number(w[1]);
      rest = rest.slice(w[0].length).trim();
    }
    const hash = rest.indexOf("#");
    const feedback = hash >= 0 ? restore(rest.slice(hash + 1).trim()) : undefined;
    const text = restore((hash >= 0 ? rest.slice(0, hash) : rest).trim());
    return { mark, weight, text, feedback };
  });
  return { answers, leading };
}

function numericAnswer(spec: string): { value: number; tolerance: number } | null {
  const text = spec.trim();
  const range = text.match(/^(-?\d+(?:\.\d+)?(?:e-?\d+)?)\.\.(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    return low <= high ? { value: (low + high) / 2, tolerance: (high - low) / 2 } : null;
  }
  const point = text.match(/^(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?::(\d+(?:\.\d+)?(?:e-?\d+)?))?$/i);
  return point ? { value: Number(point[1]), tolerance: point[2] ? Number(point[2]) : 0 } : null;
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
    const problemsBefore = problems.length;
    const category_ = categorySwitch(joined);
    if (category_ !== null && block.lines.length === 1) {
      category = restore(category_).replace(/^\$(course|cat\d|module|system)\$\//, "") || undefined;
      continue;
    }
    const problem = (index: number, message: string, name: string) => problems.push({ ...locate(block, joined, index), message, question: name, snippet });

    let text = joined.trim();
    let name: string | undefined;
    const title = text.match(/^::(.*?)::/s);
    if (title) {
      name = restore(title[1]!.trim());
      text = text.slice(title[0].length).trim();
    }
    const format = text.match(/^\[(html|markdown|plain|moodle)\]\s*/i);
    if (format) text = text.slice(format[0].length);
    const isHtml = format?.[1]!.toLowerCase() === "html";
    const open = text.indexOf("{");
    const label =
      name ??
      restore(open >= 0 ? text.slice(0, open) : text)
        .trim()
        .slice(0, 60);
    const offset = joined.indexOf(text.slice(0, 20));
    if (open < 0) {
      problem(0, "no answer block: a GIFT question needs its answers in { braces } (use {} for an essay)", label);
      continue;
    }
    const close = text.indexOf("}", open);
    if (close < 0) {
      problem(offset + open, "the answer block opened here is never closed with }", label);
      continue;
    }
    if (text.indexOf("{", open + 1) >= 0 && text.indexOf("{", open + 1) < close) {
      problem(offset + text.indexOf("{", open + 1), "a { inside an answer block: escape it as \\{", label);
      continue;
    }
    const after = text.slice(close + 1).trim();
    const rawStem = restore(`${text.slice(0, open).trim()}${after ? ` _____ ${after}` : ""}`).trim();
    const stem = isHtml ? htmlToText(rawStem) : rawStem;
    let body = text.slice(open + 1, close).trim();
    let generalFeedback: string | undefined;
    const general = body.indexOf("####");
    if (general >= 0) {
      generalFeedback = restore(body.slice(general + 4).trim());
      body = body.slice(0, general).trim();
    }
    const base = {
      stem,
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...(generalFeedback ? { generalFeedback } : {}),
      origin: "imported" as const,
    };
    const at = offset + open + 1;
    let question: Record<string, unknown> | null = null;

    if (!stem) {
      problem(offset, "the question has no text", label);
      continue;
    }
    if (body === "") {
      question = { ...base, type: "essay" };
    } else if (/^(T|F|TRUE|FALSE)\b/i.test(body)) {
      const [, word] = body.match(/^(TRUE|FALSE|T|F)/i)!;
      const feedbacks = body
        .slice(word!.length)
        .split("#")
        .slice(1)
        .map((f) => restore(f.trim()));
      question = { ...base, type: "true-false", answer: /^t/i.test(word!), ...(feedbacks.length ? { explanation: feedbacks.join(" ") } : {}) };
    } else if (body.startsWith("#")) {
      const { answers, leading } = splitAnswers(body.slice(1).trim());
      const parsed: { value: number; tolerance: number; fraction: number; feedback?: string }[] = [];
      let catchAll: string | undefined;
      const specs = answers.length ? answers : [{ mark: "=" as const, weight: null, ...splitFeedback(leading) }];
      if (answers.length && leading.trim()) problem(at, `unexpected "${restore(leading.trim())}" before the first = answer`, label);
      for (const answer of specs) {
        if (answer.mark === "~") {
          if (answer.text === "" && answer.feedback !== undefined) catchAll = answer.feedback;
          else
            problem(
              at,
              `"~${answer.text}": a numerical question's answers start with =; "~#feedback" is the only ~ allowed (feedback for any other answer)`,
              label,
            );
          continue;
        }
        const number = numericAnswer(answer.text);
        if (!number) {
          problem(at, `"${answer.text}" is not a number, a number:tolerance or a min..max range`, label);
          continue;
        }
        parsed.push({ ...number, fraction: (answer.weight ?? 100) / 100, ...(answer.feedback ? { feedback: answer.feedback } : {}) });
      }
      if (parsed.some((a) => a.fraction < 0 || a.fraction > 1)) problem(at, "a numerical answer's weight must be between 0% and 100%", label);
      else if (parsed.length)
        question = { ...base, type: "numerical", answers: parsed, ...(catchAll !== undefined && !generalFeedback ? { generalFeedback: catchAll } : {}) };
    } else {
      const { answers, leading } = splitAnswers(body);
      if (leading.trim()) problem(at, `"${restore(leading.trim())}" is not an answer: each answer starts with = (right) or ~ (wrong)`, label);
      if (answers.length === 0) {
        problem(at, "the answer block has no answers", label);
        continue;
      }
      // Matching: every answer is "=prompt -> answer" (an arrow in a ~ answer is just text).
      const pairs = answers.filter((a) => a.mark === "=" && a.text.includes("->"));
      if (pairs.length > 0 && pairs.length === answers.length) {
        question = {
          ...base,
          type: "matching",
          pairs: pairs.map((p) => ({ prompt: p.text.split("->")[0]!.trim(), answer: p.text.split("->").slice(1).join("->").trim() })),
        };
      } else if (answers.every((a) => a.mark === "=") && answers.length >= 1 && !answers.some((a) => a.weight !== null && a.weight < 0)) {
        question = {
          ...base,
          type: "short-answer",
          answers: answers.map((a) => ({ text: a.text, fraction: (a.weight ?? 100) / 100, ...(a.feedback ? { feedback: a.feedback } : {}) })),
        };
      } else {
        const options = answers.map((a) => {
          const fraction = a.mark === "=" ? (a.weight ?? 100) / 100 : (a.weight ?? 0) / 100;
          return { text: a.text, correct: fraction > 0, fraction, ...(a.feedback ? { feedback: a.feedback } : {}) };
        });
        const bad = answers.find((a) => a.weight !== null && (a.weight < -100 || a.weight > 100));
        if (bad) problem(at, `weight %${bad.weight}% is outside -100%..100%`, label);
        const right = options.filter((o) => o.correct);
        const multiple = answers.every((a) => a.mark === "~") || right.length > 1;
        if (right.length === 0) problem(at, "no right answer: mark one with = or give a positive %weight%", label);
        else if (!bad) {
          const total = right.reduce((s, o) => s + o.fraction, 0);
          if (multiple && Math.abs(total - 1) > 0.011) problem(at, `the right answers' weights add up to ${Math.round(total * 100)}%, not 100%`, label);
          else question = { ...base, type: multiple ? "multiple" : "single", options };
        }
      }
    }
    // A block with any problem is rejected whole: nothing is half-imported.
    if (!question || problems.length > problemsBefore) continue;
    const checked = bankQuestion.safeParse({ id: "placeholder", ...question });
    if (!checked.success) {
      for (const issue of checked.error.issues) problem(at, `${issue.path.join(".") || "question"}: ${issue.message}`, label);
      continue;
    }
    const { id: _placeholder, ...rest } = checked.data;
    void _placeholder;
    questions.push({ line: block.line, question: rest as ParsedQuestion });
  }
  return { questions, problems };
}

function splitFeedback(text: string): { text: string; feedback: string | undefined } {
  const hash = text.indexOf("#");
  return hash >= 0
    ? { text: restore(text.slice(0, hash).trim()), feedback: restore(text.slice(hash + 1).trim()) }
    : { text: restore(text.trim()), feedback: undefined };
}
