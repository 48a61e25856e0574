// Moodle's embedded answers (Cloze, https://docs.moodle.org/en/Embedded_Answers_(Cloze)_question_type):
// gaps such as {1:SHORTANSWER:=Berlin#Right~%50%Bonn#Half} in the question text, read as Moodle's
// qtype_multianswer reads them — a weight, a type code, then answers split by ~, each with = or %n%
// credit and #feedback; \} \# \~ escape — into the bank's parts, and the text with {#1}, {#2}, … in
// their places (Moodle's stored form). Scanned by hand in one pass rather than with Moodle's regular
// expression, whose lazy groups and look-arounds backtrack on a hostile file.
import type { ClozePart } from "../schemas";
import { decodeEntities } from "./xml-entities";

type Kind = ClozePart["kind"];
type Display = ClozePart["display"];

/** Moodle's type codes: what each gap is, how a choice is shown, whether it is shuffled. */
const CODES = new Map<string, { kind: Kind; caseSensitive?: true; display?: Display; shuffle?: true }>();
for (const [names, settings] of [
  [["SHORTANSWER", "SA", "MW"], { kind: "shortanswer" }],
  [["SHORTANSWER_C", "SAC", "MWC"], { kind: "shortanswer", caseSensitive: true }],
  [["NUMERICAL", "NM"], { kind: "numerical" }],
  [["MULTICHOICE", "MC"], { kind: "single", display: "dropdown" }],
  [["MULTICHOICE_V", "MCV"], { kind: "single", display: "vertical" }],
  [["MULTICHOICE_H", "MCH"], { kind: "single", display: "horizontal" }],
  [["MULTICHOICE_S", "MCS"], { kind: "single", display: "dropdown", shuffle: true }],
  [["MULTICHOICE_VS", "MCVS"], { kind: "single", display: "vertical", shuffle: true }],
  [["MULTICHOICE_HS", "MCHS"], { kind: "single", display: "horizontal", shuffle: true }],
  [["MULTIRESPONSE", "MR"], { kind: "multiple", display: "vertical" }],
  [["MULTIRESPONSE_H", "MRH"], { kind: "multiple", display: "horizontal" }],
  [["MULTIRESPONSE_S", "MRS"], { kind: "multiple", display: "vertical", shuffle: true }],
  [["MULTIRESPONSE_HS", "MRHS"], { kind: "multiple", display: "horizontal", shuffle: true }],
] as const)
  for (const name of names) CODES.set(name, settings);

const GAP_START = /\{(\d*):([A-Z_]+):/g;
const NUMBER = /^-?(?:\d+[.,]?\d*|[.,]\d+)(?:[eE][-+]?\d+)?$/;

/** Index of the first `char` at or after `from` not escaped by a backslash (nor, for #, part of an &#…; entity), or -1. */
function unescaped(text: string, char: string, from: number, end = text.length): number {
  for (let i = from; i < end; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === char && !(char === "#" && text[i - 1] === "&")) return i;
  }
  return -1;
}

const unescape = (text: string) => decodeEntities(text.replace(/\\([}#~\\/"])/g, "$1")).trim();

/** The answers of one gap: "=a#fb~%50%b~c", and whether any credit was given as %n%. */
function readAnswers(body: string, kind: Kind): { answers: ClozePart["answers"]; weighted: boolean } {
  const answers: ClozePart["answers"] = [];
  let weighted = false;
  let start = 0;
  while (start <= body.length) {
    let end = unescaped(body, "~", start);
    if (end < 0) end = body.length;
    let alternative = body.slice(start, end);
    let fraction = 0;
    if (alternative.startsWith("=")) {
      fraction = 1;
      alternative = alternative.slice(1);
    } else {
      const percent = alternative.match(/^%(-?\d+(?:[.,]\d*)?)%/);
      if (percent) {
        fraction = Number(percent[1]!.replace(",", ".")) / 100;
        weighted = true;
        alternative = alternative.slice(percent[0].length);
      }
    }
    const hash = unescaped(alternative, "#", 0);
    const text = unescape(hash < 0 ? alternative : alternative.slice(0, hash));
    const feedback = hash < 0 ? "" : unescape(alternative.slice(hash + 1));
    const answer: ClozePart["answers"][number] = { text, fraction, ...(feedback ? { feedback } : {}) };
    if (kind === "numerical" && text !== "*") {
      const [value, tolerance] = text.split(":");
      if (value !== undefined && NUMBER.test(value.trim()) && (tolerance === undefined || NUMBER.test(tolerance.trim()))) {
        answer.text = String(Number(value.trim().replace(",", ".")));
        answer.tolerance = tolerance === undefined ? 0 : Math.abs(Number(tolerance.trim().replace(",", ".")));
      }
    }
    answers.push(answer);
    start = end + 1;
  }
  return { answers, weighted };
}

export interface ClozeReading {
  stem: string;
  parts: ClozePart[];
  problems: string[];
}

/** The question text with its gaps taken out, and each gap read (problems name the gap by number). */
export function readCloze(text: string): ClozeReading {
  const parts: ClozePart[] = [];
  const problems: string[] = [];
  let stem = "";
  let from = 0;
  GAP_START.lastIndex = 0;
  for (let match = GAP_START.exec(text); match; match = GAP_START.exec(text)) {
    const code = CODES.get(match[2]!);
    const bodyStart = match.index + match[0].length;
    const close = unescaped(text, "}", bodyStart);
    if (!code || close < 0) {
      if (code) problems.push(`gap ${parts.length + 1} (${match[2]}) is never closed with }`);
      else problems.push(`"${match[2]}" is not one of Moodle's embedded answer types (SHORTANSWER, NUMERICAL, MULTICHOICE, MULTIRESPONSE and their variants)`);
      GAP_START.lastIndex = bodyStart;
      continue;
    }
    const { answers, weighted } = readAnswers(text.slice(bodyStart, close), code.kind);
    if (code.kind === "multiple") {
      // Moodle: credits of the right answers are scaled to add up to 100%; without any %weight%, each wrong one costs as much.
      const total = answers.filter((a) => a.fraction > 0).reduce((s, a) => s + a.fraction, 0);
      for (const a of answers) if (a.fraction > 0) a.fraction /= total;
      if (!weighted && total > 0) for (const a of answers) if (a.fraction === 0) a.fraction = -1 / total;
    }
    const n = parts.length + 1;
    if (code.kind === "numerical" && answers.some((a) => a.text !== "*" && a.tolerance === undefined))
      problems.push(`gap ${n}: a numerical gap's answers must be numbers (value or value:tolerance) or *`);
    if ((code.kind === "single" || code.kind === "multiple") && answers.length < 2) problems.push(`gap ${n}: a choice gap needs at least two answers`);
    if (answers.some((a) => a.text === "")) problems.push(`gap ${n}: an answer is empty`);
    const best = Math.max(...answers.map((a) => a.fraction));
    if (code.kind !== "multiple" && Math.abs(best - 1) > 1e-7) problems.push(`gap ${n}: one answer must be worth 100% (mark it with =)`);
    if (code.kind === "multiple" && best <= 0) problems.push(`gap ${n}: no answer gives credit`);
    parts.push({
      kind: code.kind,
      caseSensitive: code.caseSensitive ?? false,
      display: code.display ?? "dropdown",
      shuffle: code.shuffle ?? false,
      weight: match[1] ? Math.max(1, Number(match[1])) : 1,
      answers,
    });
    stem += `${text.slice(from, match.index)}{#${n}}`;
    from = close + 1;
    GAP_START.lastIndex = from;
  }
  stem += text.slice(from);
  if (parts.length === 0 && problems.length === 0) problems.push("an embedded answers (Cloze) question needs at least one gap such as {1:SHORTANSWER:=answer}");
  return { stem, parts, problems };
}

const CODE_OF: Record<string, string> = {
  "shortanswer:": "SHORTANSWER",
  "shortanswer:c": "SHORTANSWER_C",
  "numerical:": "NUMERICAL",
  "single:dropdown": "MULTICHOICE",
  "single:vertical": "MULTICHOICE_V",
  "single:horizontal": "MULTICHOICE_H",
  "multiple:vertical": "MULTIRESPONSE",
  "multiple:dropdown": "MULTIRESPONSE",
  "multiple:horizontal": "MULTIRESPONSE_H",
};

const escapeAnswer = (text: string) => text.replace(/([}#~\\])/g, "\\$1");

/** One part in Moodle's gap syntax, credits as %n% so that they read back exactly. */
export function writeGap(part: ClozePart): string {
  const base =
    part.kind === "shortanswer" ? `shortanswer:${part.caseSensitive ? "c" : ""}` : part.kind === "numerical" ? "numerical:" : `${part.kind}:${part.display}`;
  const code = `${CODE_OF[base]}${part.shuffle && part.kind !== "shortanswer" && part.kind !== "numerical" ? "_S" : ""}`
    .replace("_H_S", "_HS")
    .replace("_V_S", "_VS");
  const answers = part.answers.map((a) => {
    const value = part.kind === "numerical" && a.text !== "*" ? `${a.text}:${a.tolerance ?? 0}` : escapeAnswer(a.text);
    return `%${Number((a.fraction * 100).toFixed(5))}%${value}${a.feedback ? `#${escapeAnswer(a.feedback)}` : ""}`;
  });
  return `{${part.weight}:${code}:${answers.join("~")}}`;
}

/** The question text with each {#n} replaced by its gap in Moodle's syntax. */
export function writeCloze(stem: string, parts: readonly ClozePart[]): string {
  return stem.replace(/\{#(\d+)\}/g, (whole, n: string) => (parts[Number(n) - 1] ? writeGap(parts[Number(n) - 1]!) : whole));
}
