// The editor's form and the bank's model, both ways. A question (a stored version read back with
// fromVersionData) becomes a draft: every field as the form shows it, numbers as text, a cloze
// question's gaps written back into its text in Moodle's embedded-answers syntax (writeCloze, as
// Moodle's own editor shows them). A draft becomes a question, or the problems that stop it (a
// number that is not one, a grade Moodle does not allow, a gap it cannot read). Exact both ways: an
// untouched draft gives the very content (and content hash) it came from. Pure: the page, the
// preview and the save all use it.
import { readCloze, writeCloze } from "../bank/formats/cloze";
import { gradeProblem, MOODLE_GRADES } from "../bank/formats/moodle-rules";
import type { BankQuestion } from "../bank/schemas";
import type { ParsedQuestion } from "../bank/types";
import type { DraftAnswer, DraftOption, DraftPair, QuestionDraft } from "./schemas";

/** A problem with the draft: which field (a form field's key, for placing it) and what is wrong, in words. */
export interface DraftProblem {
  field: string;
  message: string;
}

const EMPTY: Omit<QuestionDraft, "type"> = {
  name: "",
  stem: "",
  generalFeedback: "",
  explanation: "",
  topic: "",
  section: "",
  maxMark: "1",
  format: "plain",
  idnumber: "",
  options: [],
  answer: "true",
  feedbackTrue: "",
  feedbackFalse: "",
  answers: [],
  caseSensitive: false,
  pairs: [],
};

export const emptyOption = (): DraftOption => ({ text: "", grade: "0", feedback: "" });
export const emptyAnswer = (): DraftAnswer => ({ text: "", value: "", tolerance: "0", grade: "1", feedback: "" });
export const emptyPair = (distractor = false): DraftPair => ({ prompt: "", answer: "", distractor });

/** A number as the form holds it: exactly the number, so that it reads back as itself. */
const numberText = (value: number) => String(value);

/** The draft of a question (a stored version read back). */
export function questionToDraft(question: ParsedQuestion | BankQuestion): QuestionDraft {
  const base: QuestionDraft = {
    ...EMPTY,
    type: question.type,
    name: question.name ?? "",
    stem: question.stem,
    generalFeedback: question.generalFeedback ?? "",
    explanation: question.explanation ?? "",
    topic: question.topic ?? "",
    section: question.section ?? "",
    maxMark: numberText(question.maxMark ?? 1),
    format: question.format ?? "plain",
    idnumber: question.idnumber ?? "",
  };
  switch (question.type) {
    case "single":
    case "multiple":
      return {
        ...base,
        options: question.options.map((o) => ({
          text: o.text,
          grade: numberText(o.fraction ?? (o.correct ? 1 : 0)),
          feedback: o.feedback ?? "",
        })),
      };
    case "true-false":
      return { ...base, answer: question.answer ? "true" : "false", feedbackTrue: question.feedbackTrue ?? "", feedbackFalse: question.feedbackFalse ?? "" };
    case "short-answer":
      return {
        ...base,
        caseSensitive: question.caseSensitive ?? false,
        answers: question.answers.map((a) => ({ ...emptyAnswer(), text: a.text, grade: numberText(a.fraction ?? 1), feedback: a.feedback ?? "" })),
      };
    case "numerical":
      return {
        ...base,
        answers: question.answers.map((a) => ({
          ...emptyAnswer(),
          value: a.value === "*" ? "*" : numberText(a.value),
          tolerance: numberText(a.tolerance ?? 0),
          grade: numberText(a.fraction ?? 1),
          feedback: a.feedback ?? "",
        })),
      };
    case "matching":
      return { ...base, pairs: question.pairs.map((p) => ({ prompt: p.prompt, answer: p.answer, distractor: p.prompt === "" })) };
    case "cloze":
      return { ...base, stem: writeCloze(question.stem, question.parts) };
    case "essay":
      return base;
  }
}

const NUMBER = /^[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?$/i;

/** A number typed in the form ("2,5" as Moodle reads it), or null. */
export function readDraftNumber(text: string): number | null {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed.replace(",", ".")) : null;
}

/** Moodle's grades for a select: each as the share it gives and its label ("33.33333%"). */
export function gradeChoices(options: { negative: boolean }): { value: number; label: string }[] {
  return MOODLE_GRADES.filter((g) => options.negative || g >= 0).map((value) => ({ value, label: `${Number((value * 100).toFixed(5))}%` }));
}

/** The question a draft describes (its texts as typed; the bank's model checks them), or its problems. */
export function draftToQuestion(draft: QuestionDraft, id: string): { question: Record<string, unknown> & { type: string }; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const number = (text: string, field: string, what = "must be a number, such as 1 or 2.5"): number => {
    const value = readDraftNumber(text);
    if (value === null) problems.push({ field, message: what });
    return value ?? 0;
  };
  const grade = (text: string, field: string, what: string): number => {
    const value = number(text, field, "must be one of Moodle's grades");
    const problem = readDraftNumber(text) === null ? null : gradeProblem(value, what);
    if (problem) problems.push({ field, message: problem });
    return value;
  };
  const optional = (text: string) => (text.trim() === "" ? undefined : text);
  const base = {
    id,
    type: draft.type,
    stem: draft.stem,
    explanation: draft.explanation,
    maxMark: number(draft.maxMark, "maxMark", "must be a positive number, such as 1 or 2.5"),
    ...(optional(draft.name) ? { name: draft.name } : {}),
    ...(optional(draft.generalFeedback) ? { generalFeedback: draft.generalFeedback } : {}),
    ...(draft.topic ? { topic: draft.topic } : {}),
    ...(draft.section ? { section: draft.section } : {}),
    ...(draft.idnumber ? { idnumber: draft.idnumber } : {}),
    ...(draft.format === "html" ? { format: "html" as const } : {}),
  };
  switch (draft.type) {
    case "single":
    case "multiple": {
      const fractions = draft.options.map((o, i) => grade(o.grade, `options.${i}.grade`, `Option ${i + 1}`));
      const best = Math.max(0, ...fractions);
      // As Moodle's formats read it: a multiple-answer option is right when it gives credit; a
      // single-answer one when it gives the most (several may give full marks).
      const correct = (f: number) => (draft.type === "multiple" ? f > 0 : f > 0 && Math.abs(f - best) < 1e-9);
      const options = draft.options.map((o, i) => ({
        text: o.text,
        correct: correct(fractions[i]!),
        fraction: fractions[i]!,
        ...(optional(o.feedback) ? { feedback: o.feedback } : {}),
      }));
      return { question: { ...base, options }, problems };
    }
    case "true-false":
      return {
        question: {
          ...base,
          answer: draft.answer === "true",
          ...(optional(draft.feedbackTrue) ? { feedbackTrue: draft.feedbackTrue } : {}),
          ...(optional(draft.feedbackFalse) ? { feedbackFalse: draft.feedbackFalse } : {}),
        },
        problems,
      };
    case "short-answer": {
      const answers = draft.answers.map((a, i) => ({
        text: a.text,
        fraction: grade(a.grade, `answers.${i}.grade`, `Answer ${i + 1}`),
        ...(optional(a.feedback) ? { feedback: a.feedback } : {}),
      }));
      return { question: { ...base, caseSensitive: draft.caseSensitive, answers }, problems };
    }
    case "numerical": {
      const answers = draft.answers.map((a, i) => ({
        value: a.value.trim() === "*" ? ("*" as const) : number(a.value, `answers.${i}.value`, "must be a number (or * for any other number)"),
        tolerance: a.tolerance.trim() === "" ? 0 : number(a.tolerance, `answers.${i}.tolerance`, "must be a number, 0 for an exact answer"),
        fraction: grade(a.grade, `answers.${i}.grade`, `Answer ${i + 1}`),
        ...(optional(a.feedback) ? { feedback: a.feedback } : {}),
      }));
      return { question: { ...base, answers }, problems };
    }
    case "matching": {
      draft.pairs.forEach((p, i) => {
        if (!p.distractor && p.prompt.trim() === "")
          problems.push({ field: `pairs.${i}.prompt`, message: "needs a prompt (or make it an extra distractor, an answer that matches no prompt)" });
      });
      return { question: { ...base, pairs: draft.pairs.map((p) => ({ prompt: p.distractor ? "" : p.prompt, answer: p.answer })) }, problems };
    }
    case "cloze": {
      const reading = readCloze(draft.stem);
      for (const message of reading.problems) problems.push({ field: "stem", message });
      return { question: { ...base, stem: reading.stem, parts: reading.parts }, problems };
    }
    case "essay":
      return { question: base, problems };
  }
}
