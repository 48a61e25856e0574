// What `npm run bank:check` prints for one file: each question in a format-neutral shape (Moodle's
// type names, every answer with its share of the mark) and each problem located. Pure: the command
// (scripts/bank-check.ts) reads the files and prints; the tests call this directly.
import { plainText } from "../rich-text/format";
import { MOODLE_TYPE_NAME } from "../question-types";
import type { BankQuestion } from "../schemas";
import type { IdentifiedQuestion, ParsedUpload } from "../import/upload";
import { isError } from "../types";
import { toVersionData } from "../version-data";

export interface CheckedAnswer {
  text: string;
  /** Share of the question's mark (1 = 100 %, may be negative); null where it does not apply (matching). */
  fraction: number | null;
  feedback: string;
  tolerance?: number;
  prompt?: string;
}

export interface CheckedQuestion {
  name: string;
  type: string;
  stem: string;
  category: string;
  answers: CheckedAnswer[];
  generalFeedback: string;
}

export interface CheckedProblem {
  line: number;
  column: number;
  path: string;
  severity: "error" | "warning";
  message: string;
  question: string;
}

export interface CheckedFile {
  file: string;
  format: string | null;
  questions: CheckedQuestion[];
  problems: CheckedProblem[];
}

function answersOf(question: BankQuestion): CheckedAnswer[] {
  switch (question.type) {
    case "single":
    case "multiple":
      // The stored credit, defaults included (a multiple-answer option with none gets ±1/k).
      return toVersionData(question).options.map((o) => ({ text: o.text, fraction: o.fraction, feedback: o.feedback }));
    case "true-false":
      return [
        { text: "true", fraction: question.answer ? 1 : 0, feedback: question.feedbackTrue ?? "" },
        { text: "false", fraction: question.answer ? 0 : 1, feedback: question.feedbackFalse ?? "" },
      ];
    case "short-answer":
      return question.answers.map((a) => ({ text: a.text, fraction: a.fraction, feedback: a.feedback ?? "" }));
    case "numerical":
      return question.answers.map((a) => ({ text: String(a.value), fraction: a.fraction, feedback: a.feedback ?? "", tolerance: a.tolerance }));
    case "matching":
      return question.pairs.map((p) => ({ text: p.answer, fraction: null, feedback: "", prompt: p.prompt }));
    case "cloze":
      return question.parts.flatMap((part) =>
        part.answers.map((a) => ({
          text: a.text,
          fraction: a.fraction,
          feedback: a.feedback ?? "",
          ...(part.kind === "numerical" ? { tolerance: a.tolerance ?? 0 } : {}),
        })),
      );
    case "essay":
      return [];
  }
}

/** An HTML question's texts as plain text: what a teacher reads (the importer keeps the HTML). */
export function checkedQuestion({ question }: IdentifiedQuestion): CheckedQuestion {
  const q = question as BankQuestion;
  const text = plainText(q.format);
  return {
    name: q.name ?? "",
    type: MOODLE_TYPE_NAME[q.type],
    stem: text(q.stem),
    category: q.category ?? "",
    answers: answersOf(q).map((a) => ({ ...a, text: text(a.text), feedback: text(a.feedback) })),
    generalFeedback: text(q.generalFeedback ?? ""),
  };
}

export function checkedFile(file: string, parsed: ParsedUpload): CheckedFile {
  return {
    file,
    format: parsed.format,
    questions: parsed.questions.map(checkedQuestion),
    problems: parsed.problems.map((p) => ({
      line: p.line,
      column: p.column,
      path: p.path ?? "",
      severity: isError(p) ? "error" : "warning",
      message: p.message,
      question: p.question,
    })),
  };
}

/** Whether any file has an error (the command's exit status is then 1). */
export const hasErrors = (files: readonly CheckedFile[]): boolean => files.some((f) => f.problems.some((p) => p.severity === "error"));
