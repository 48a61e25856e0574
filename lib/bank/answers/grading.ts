// Marks one answer of any question type as Moodle does, with the feedback that goes with it. Pure:
// the submission, practice and the results page all call it.
// - single / true-false / multiple: the chosen options' credit (choice.ts scoreChoice);
// - short answer: the first accepted answer that matches, `*` matching any run of characters, case
//   ignored unless the question says otherwise (Moodle's qtype_shortanswer);
// - numerical: the first answer whose value ± tolerance holds the number ("*" holds any), the number
//   read as Moodle reads it ("3,5", "1.5e3", "2 x 10^3");
// - matching: the share of prompts matched with their answer;
// - cloze: each gap marked as its type, weighted by its weight;
// - essay: nothing until a teacher grades it.
import type { ClozePart } from "../schemas";
import { answerList } from "./answer-list";
import { isChoiceType, scoreChoice, type ScoredOption } from "./choice";

export interface GradableQuestion {
  type: string;
  /** The version's type-specific data (accepted answers, pairs, gaps). */
  data: unknown;
  options: (ScoredOption & { feedback?: string })[];
}

export interface GivenAnswer {
  chosen: readonly string[];
  /** Typed text (short answer, numerical, essay), or a JSON list of strings (matching, cloze). */
  text: string | null;
}

export interface Grade {
  /** Share of the mark earned, 0..1. */
  credit: number;
  mark: number;
  isCorrect: boolean;
  /** The feedback for what was answered (each option chosen, the answer matched, each gap). */
  feedback: string[];
  /** An essay waits for a teacher: no mark yet. */
  awaitingGrading: boolean;
}

interface TextAnswer {
  text: string;
  fraction: number;
  feedback?: string;
}

interface NumberAnswer {
  value: number | "*";
  tolerance: number;
  fraction: number;
  feedback?: string;
}

interface Pair {
  prompt: string;
  answer: string;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/** Moodle's wildcard match: `*` is any run of characters (`\*` a star), anchored, case as asked. */
export function matchesWildcard(pattern: string, response: string, caseSensitive: boolean): boolean {
  const pieces = pattern
    .normalize("NFC")
    .split(/(?<!\\)\*+/)
    .map((piece) => piece.replace(/\\\*/g, "*").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${pieces.join(".*")}$`, caseSensitive ? "su" : "isu").test(response.normalize("NFC"));
}

/** The first accepted answer the response matches (Moodle's first-matching-answer rule), or null. */
export function matchShortAnswer(answers: readonly TextAnswer[], response: string, caseSensitive: boolean): TextAnswer | null {
  const given = response.trim();
  if (given === "") return null;
  return answers.find((a) => matchesWildcard(a.text, given, caseSensitive)) ?? null;
}

/**
 * A number as Moodle reads a response: blanks removed, "x10^" and "×10^" as an exponent, a comma as
 * the decimal point unless there is also a point (then commas separate thousands). Null when the
 * response is not a number (or has a unit: these questions have none).
 */
export function readNumber(response: string): number | null {
  let text = response.replace(/\s+/g, "").replace(/(?:[x*×]10(?:\^|\*\*))/i, "e");
  if (text.includes(".") || (text.match(/,/g) ?? []).length > 1) text = text.replace(/,/g, "");
  else text = text.replace(",", ".");
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text) ? Number(text) : null;
}

/** The first answer whose interval holds the number: value ± (tolerance + a hair, as Moodle's nominal tolerance). */
export function matchNumber(answers: readonly NumberAnswer[], response: string): NumberAnswer | null {
  const value = readNumber(response);
  if (value === null) return null;
  return (
    answers.find((a) => {
      if (a.value === "*") return true;
      const slack = Math.abs(a.tolerance) + 1e-7 * Math.max(Math.abs(a.tolerance), Math.abs(a.value), 1e-7);
      return Math.abs(value - a.value) <= slack;
    }) ?? null
  );
}

/** A matching question's prompts (those with one) and its choices: each distinct answer once, in order. */
export function matchingParts(pairs: readonly Pair[]): { prompts: Pair[]; choices: string[] } {
  return { prompts: pairs.filter((p) => p.prompt !== ""), choices: [...new Set(pairs.map((p) => p.answer))] };
}

function gradeGap(part: ClozePart, given: string): { credit: number; feedback: string } {
  const answers = part.answers;
  if (part.kind === "shortanswer") {
    const hit = matchShortAnswer(answers, given, part.caseSensitive);
    return { credit: hit?.fraction ?? 0, feedback: hit?.feedback ?? "" };
  }
  if (part.kind === "numerical") {
    const hit = matchNumber(
      answers.map((a) => ({ ...a, value: a.text === "*" ? "*" : Number(a.text), tolerance: a.tolerance ?? 0 })),
      given,
    );
    return { credit: hit?.fraction ?? 0, feedback: hit?.feedback ?? "" };
  }
  const picked = [...new Set(given.split(",").filter((i) => /^\d+$/.test(i) && Number(i) < answers.length))].map((i) => answers[Number(i)]!);
  if (part.kind === "single" && picked.length > 1) return { credit: 0, feedback: "" };
  const credit = Math.min(
    1,
    Math.max(
      0,
      picked.reduce((sum, a) => sum + a.fraction, 0),
    ),
  );
  return {
    credit,
    feedback: picked
      .map((a) => a.feedback ?? "")
      .filter(Boolean)
      .join(" "),
  };
}

function credited(credit: number, maxMark: number, feedback: string[], full = credit >= 1 - 1e-9): Grade {
  return { credit, mark: round(credit * maxMark), isCorrect: full, feedback: feedback.filter(Boolean), awaitingGrading: false };
}

export function gradeAnswer(question: GradableQuestion, answer: GivenAnswer, maxMark: number): Grade {
  const data = (question.data ?? {}) as Record<string, unknown>;
  if (isChoiceType(question.type)) {
    const { mark, isCorrect } = scoreChoice(question.type, question.options, answer.chosen, maxMark);
    const chosen = new Set(answer.chosen);
    const feedback = question.options.filter((o) => chosen.has(o.key)).map((o) => o.feedback ?? "");
    return { credit: maxMark > 0 ? mark / maxMark : 0, mark, isCorrect, feedback: feedback.filter(Boolean), awaitingGrading: false };
  }
  switch (question.type) {
    case "SHORT_ANSWER": {
      const hit = matchShortAnswer(data.answers as TextAnswer[], answer.text ?? "", Boolean(data.caseSensitive));
      return credited(hit?.fraction ?? 0, maxMark, [hit?.feedback ?? ""]);
    }
    case "NUMERICAL": {
      const hit = matchNumber(data.answers as NumberAnswer[], answer.text ?? "");
      return credited(hit?.fraction ?? 0, maxMark, [hit?.feedback ?? ""]);
    }
    case "MATCHING": {
      const { prompts, choices } = matchingParts(data.pairs as Pair[]);
      const given = answerList(answer.text);
      const right = prompts.filter((p, i) => /^\d+$/.test(given[i] ?? "") && choices[Number(given[i])] === p.answer).length;
      return credited(prompts.length ? right / prompts.length : 0, maxMark, [], prompts.length > 0 && right === prompts.length);
    }
    case "CLOZE": {
      const parts = data.parts as ClozePart[];
      const given = answerList(answer.text);
      const gaps = parts.map((part, i) => gradeGap(part, given[i] ?? ""));
      const weights = parts.reduce((sum, p) => sum + p.weight, 0);
      const credit = weights ? gaps.reduce((sum, g, i) => sum + g.credit * parts[i]!.weight, 0) / weights : 0;
      return credited(
        credit,
        maxMark,
        gaps.map((g, i) => (g.feedback ? `Gap ${i + 1}: ${g.feedback}` : "")),
        gaps.every((g) => g.credit >= 1 - 1e-9),
      );
    }
    default:
      // An essay: a teacher marks it (one left empty earns nothing, and waits for no one).
      return { credit: 0, mark: 0, isCorrect: false, feedback: [], awaitingGrading: (answer.text ?? "").trim() !== "" };
  }
}
