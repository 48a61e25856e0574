// The inside of a GIFT answer block, read as Moodle's GIFT importer reads it
// (https://docs.moodle.org/en/GIFT_format): nothing (essay); T / F / TRUE / FALSE with up to two
// feedbacks (the first for a wrong choice, the second for the right one); `#` numbers (a value, a
// value:tolerance or a min..max range, several with `=` and %weights%, `~#feedback` for any other
// number); `=prompt -> answer` pairs (matching; an empty prompt is an extra distractor); `=` answers
// only (short answer); and `=` / `~` options (one right answer when there is an `=`, several with
// weights otherwise). Escapes are already placeholders here (gift-parser.ts) and are restored in the
// texts handed back. Each problem carries its offset in the body, so it is reported where it is.
import { gradeProblem, moodleGrade } from "./moodle-rules";

export interface BodyProblem {
  at: number;
  message: string;
  severity?: "warning";
}

export interface TextReader {
  /** A piece of text as the question shows it: escapes restored, its format marker read, HTML kept (sanitised) or plain. */
  text: (raw: string) => string;
  /** A text that is always plain (accepted answers, matching pairs): HTML turned into text. */
  plain: (raw: string) => string;
}

interface Answer {
  at: number;
  /** The answer as written, after its mark and weight. */
  raw: string;
  mark: "=" | "~";
  weight: number | null;
  text: string;
  /** The text as plain text (what a typed answer is compared with). */
  plain: string;
  feedback: string | undefined;
}

const WEIGHT = /^%(-?\d+(?:[.,]\d+)?)%/;

/** A %weight% as a share of the mark: Moodle's grade when it is one ("33.33333" is 0.3333333, not 0.33333329999999994). */
const share = (percent: number) => moodleGrade(percent / 100) ?? percent / 100;

/** Splits the answers (each starting with = or ~, at its offset); text before the first is `leading`. */
function splitAnswers(body: string, read: TextReader): { answers: Answer[]; leading: string } {
  const answers: Answer[] = [];
  const starts = [...body.matchAll(/[=~]/g)].map((m) => m.index);
  const leading = body.slice(0, starts[0] ?? body.length);
  starts.forEach((start, i) => {
    let rest = body.slice(start + 1, starts[i + 1] ?? body.length).trim();
    let weight: number | null = null;
    const w = rest.match(WEIGHT);
    if (w) {
      weight = Number(w[1]!.replace(",", "."));
      rest = rest.slice(w[0].length).trim();
    }
    answers.push({ at: start, raw: rest, mark: body[start] as "=" | "~", weight, ...splitFeedback(rest, read) });
  });
  return { answers, leading };
}

function splitFeedback(raw: string, read: TextReader): { text: string; plain: string; feedback: string | undefined } {
  const hash = raw.indexOf("#");
  const answer = (hash < 0 ? raw : raw.slice(0, hash)).trim();
  return { text: read.text(answer), plain: read.plain(answer), feedback: hash < 0 ? undefined : read.text(raw.slice(hash + 1).trim()) || undefined };
}

const NUMBER = String.raw`[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?`;
const RANGE = new RegExp(`^(${NUMBER})\\s*\\.\\.\\s*(${NUMBER})$`, "i");
const POINT = new RegExp(`^(${NUMBER})(?:\\s*:\\s*(${NUMBER}))?$`, "i");
const toNumber = (text: string) => Number(text.replace(",", "."));

function numericAnswer(spec: string): { value: number; tolerance: number } | null {
  const range = spec.match(RANGE);
  if (range) {
    const [low, high] = [toNumber(range[1]!), toNumber(range[2]!)];
    return low <= high ? { value: (low + high) / 2, tolerance: (high - low) / 2 } : null;
  }
  const point = spec.match(POINT);
  return point ? { value: toNumber(point[1]!), tolerance: Math.abs(point[2] ? toNumber(point[2]) : 0) } : null;
}

type Fields = Record<string, unknown>;

/** Moodle's split_truefalse_comment: the first feedback is for a wrong choice, the second for the right one. */
function trueFalse(body: string, read: TextReader): Fields {
  const [word, wrong, right] = body.split("#", 3).map((part, i) => (i === 0 ? part.trim() : read.text(part.trim())));
  const answer = word!.startsWith("T");
  const [forTrue, forFalse] = answer ? [right, wrong] : [wrong, right];
  return { type: "true-false", answer, ...(forTrue ? { feedbackTrue: forTrue } : {}), ...(forFalse ? { feedbackFalse: forFalse } : {}) };
}

function numerical(body: string, read: TextReader, problems: BodyProblem[]): Fields | null {
  // Moodle: everything from the first ~ is the feedback for any other number ("*", worth nothing).
  const tilde = body.indexOf("~");
  const wrongFeedback = tilde >= 0 ? splitFeedback(body.slice(tilde + 1), read).feedback : undefined;
  const { answers, leading } = splitAnswers(tilde >= 0 ? body.slice(0, tilde) : body, read);
  // "{#3:2}", "{#3:2~#wrong}": text before the first = is the first right answer.
  const first = leading.trim();
  const all: Answer[] = first ? [{ at: 0, raw: first, mark: "=", weight: null, ...splitFeedback(first, read) }, ...answers] : answers;
  const parsed: Fields[] = [];
  for (const answer of all) {
    const number = numericAnswer(answer.plain.trim());
    if (!number) {
      problems.push({ at: answer.at, message: `"${answer.plain}" is not a number, a number:tolerance or a min..max range` });
      continue;
    }
    const fraction = share(answer.weight ?? 100);
    const grade = gradeProblem(fraction, `the answer "${answer.plain}"`);
    if (grade) problems.push({ at: answer.at, message: grade });
    else if (fraction < 0)
      problems.push({ at: answer.at, message: `the answer "${answer.plain}" has a negative grade: a numerical answer's grade is 0% to 100%` });
    parsed.push({ ...number, fraction, ...(answer.feedback ? { feedback: answer.feedback } : {}) });
  }
  if (parsed.length === 0 && problems.length === 0)
    problems.push({ at: 0, message: "no answers found for this numerical question: write {#value} or {#value:tolerance}" });
  if (tilde >= 0) parsed.push({ value: "*", tolerance: 0, fraction: 0, ...(wrongFeedback ? { feedback: wrongFeedback } : {}) });
  if (parsed.length === 0) return null;
  return { type: "numerical", answers: parsed };
}

function matching(answers: Answer[], read: TextReader, problems: BodyProblem[]): Fields | null {
  const pairs = answers.map((a) => {
    const arrow = a.raw.indexOf("->");
    return { prompt: read.plain(a.raw.slice(0, arrow).trim()), answer: read.plain(a.raw.slice(arrow + 2).trim()), at: a.at };
  });
  const empty = pairs.find((p) => p.answer === "");
  if (empty) problems.push({ at: empty.at, message: "a pair has nothing after ->: each pair is =prompt -> answer" });
  if (pairs.filter((p) => p.prompt !== "").length < 2)
    problems.push({ at: 0, message: "a matching question needs at least two pairs =prompt -> answer (a pair with no prompt is an extra wrong answer)" });
  return { type: "matching", pairs: pairs.map(({ prompt, answer }) => ({ prompt, answer })) };
}

function shortAnswer(answers: Answer[], problems: BodyProblem[]): Fields {
  for (const a of answers) {
    const grade = gradeProblem(share(a.weight ?? 100), `the answer "${a.plain}"`);
    if (grade) problems.push({ at: a.at, message: grade });
  }
  return {
    type: "short-answer",
    answers: answers.map((a) => ({ text: a.plain, fraction: share(a.weight ?? 100), ...(a.feedback ? { feedback: a.feedback } : {}) })),
  };
}

function choice(answers: Answer[], problems: BodyProblem[]): Fields | null {
  // Moodle: one right answer when any answer starts with =; several (checkboxes) when none does.
  const multiple = !answers.some((a) => a.mark === "=");
  const fractions = answers.map((a) => share(a.weight ?? (a.mark === "=" ? 100 : 0)));
  const best = Math.max(...fractions);
  const options = answers.map((a, i) => {
    const fraction = fractions[i]!;
    const grade = gradeProblem(fraction, `the option "${a.plain}"`);
    if (grade) problems.push({ at: a.at, message: grade });
    // Right: any option with credit when several may be ticked; the best one(s) when one is chosen.
    const correct = multiple ? fraction > 0 : fraction > 0 && Math.abs(fraction - best) < 1e-9;
    return { text: a.text, correct, fraction, ...(a.feedback ? { feedback: a.feedback } : {}) };
  });
  if (!options.some((o) => o.correct)) {
    problems.push({ at: 0, message: "no right answer: mark one with = or give a positive %weight%" });
    return null;
  }
  const total = options.filter((o) => o.correct).reduce((sum, o) => sum + o.fraction, 0);
  if (multiple && Math.abs(total - 1) > 0.011)
    problems.push({
      at: 0,
      severity: "warning",
      message: `the right answers' weights add up to ${Math.round(total * 100)}%, not 100%: a student who picks all of them gets ${Math.round(Math.min(total, 1) * 100)}%`,
    });
  if (!multiple && best < 1) problems.push({ at: 0, severity: "warning", message: "no option gives full marks: the best answer earns less than 100%" });
  return { type: multiple ? "multiple" : "single", options };
}

/** The question's type and answers from the text between the braces (general feedback removed), in Moodle's order of checks. */
export function readAnswerBlock(body: string, read: TextReader, problems: BodyProblem[]): Fields | null {
  if (body === "") return { type: "essay" };
  if (body.startsWith("#")) return numerical(body.slice(1), read, problems);
  const { answers, leading } = splitAnswers(body, read);
  // Moodle keeps text before the first = or ~ as an answer (worth nothing in a choice, all in a short answer).
  const first = leading.trim();
  const withLeading = (mark: "=" | "~"): Answer[] =>
    first ? [{ at: 0, raw: first, mark, weight: mark === "=" ? null : 0, ...splitFeedback(first, read) }, ...answers] : answers;
  if (body.includes("~")) {
    const options = withLeading("~");
    if (options.length < 2) {
      problems.push({ at: 0, message: "a multiple-choice question needs at least two answers" });
      return null;
    }
    return choice(options, problems);
  }
  if (body.includes("=") && body.includes("->")) {
    const stray = first ? { at: 0 } : answers.find((a) => !a.raw.includes("->"));
    if (stray) {
      problems.push({ at: stray.at, message: "every answer of a matching question is a pair =prompt -> answer" });
      return null;
    }
    return matching(answers, read, problems);
  }
  if (["T", "TRUE", "F", "FALSE"].includes(body.split("#")[0]!.trim())) return trueFalse(body, read);
  return shortAnswer(withLeading("="), problems);
}
