// A draft checked by the same rules as the content files and every import: the bank's zod model
// (lib/bank/schemas.ts) through checkQuestion, which says what is wrong as a teacher reads it
// ("option 3, its text: must not be empty"), Moodle's grades, and the course's topics and the
// lecture's sections. Each problem is placed at its form field and said in words. Pure.
import { checkQuestion } from "../bank/formats/question-issues";
import { bankQuestion, type BankQuestion } from "../bank/schemas";
import { draftToQuestion, type DraftProblem } from "./draft";
import type { QuestionDraft } from "./schemas";

/** A problem at its form field: `message` beside the field, `summary` (where, then what) in the list above the form. */
export interface FieldProblem extends DraftProblem {
  summary: string;
}

export interface DraftContext {
  /** The question's key in the bank. */
  id: string;
  topics: readonly string[];
  sections: readonly string[];
}

export type DraftCheck = { ok: true; question: BankQuestion } | { ok: false; problems: FieldProblem[] };

/** The bank model's field names → the form's (the same list index, the form's name for credit). */
const FORM_FIELD: Record<string, string> = { fraction: "grade" };

/** Where a zod issue of the bank's model belongs in the form. */
export function formFieldOf(path: readonly PropertyKey[], type: QuestionDraft["type"]): string {
  const [head, index, leaf] = path.map(String);
  if (head === undefined) return "_form";
  if (head === "parts" || (type === "cloze" && head === "stem")) return "stem";
  if (head === "options" || head === "answers" || head === "pairs") {
    if (index === undefined || !/^\d+$/.test(index)) return head;
    return leaf === undefined ? `${head}.${index}` : `${head}.${index}.${FORM_FIELD[leaf] ?? leaf}`;
  }
  return head;
}

const LOCATIONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^options\.(\d+)\.(\w+)$/, (m) => `Option ${Number(m[1]) + 1}, its ${m[2] === "grade" ? "grade" : m[2]}`],
  [/^answers\.(\d+)\.(\w+)$/, (m) => `Answer ${Number(m[1]) + 1}, its ${m[2]}`],
  [/^pairs\.(\d+)\.(\w+)$/, (m) => `Pair ${Number(m[1]) + 1}, its ${m[2]}`],
  [/^maxMark$/, () => "The default mark"],
  [/^stem$/, () => "The question text"],
];

/** A draft problem with its location in words, for the list above the form. */
function located(problem: DraftProblem): FieldProblem {
  for (const [pattern, words] of LOCATIONS) {
    const match = problem.field.match(pattern);
    // A grade's message already names its option ("Option 2 has the grade …").
    if (match)
      return {
        ...problem,
        summary: problem.message.startsWith("Option") || problem.message.startsWith("Answer") ? problem.message : `${words(match)}: ${problem.message}`,
      };
  }
  return { ...problem, summary: problem.message };
}

export function checkDraft(draft: QuestionDraft, context: DraftContext): DraftCheck {
  const { question, problems: conversion } = draftToQuestion(draft, context.id);
  const problems = conversion.map(located);
  if (draft.topic && !context.topics.includes(draft.topic))
    problems.push({ field: "topic", message: "is not a topic of this course", summary: "The topic is not a topic of this course" });
  if (draft.section && !context.sections.includes(draft.section))
    problems.push({
      field: "section",
      message: "is not a section of this lecture's notes",
      summary: "The notes section is not a section of this lecture's notes",
    });
  // The bank's model, as every import checks it (checkQuestion's words), each issue at its field.
  const { id, ...withoutId } = question as Record<string, unknown>;
  const checked = checkQuestion(withoutId);
  if ("messages" in checked) {
    const parsed = bankQuestion.safeParse({ id: "placeholder", ...withoutId });
    const issues = parsed.success ? [] : parsed.error.issues;
    const converted = new Set(conversion.map((p) => p.field));
    checked.messages.forEach((summary, i) => {
      const issue = issues[i];
      const field = issue ? formFieldOf(issue.path, draft.type) : "_form";
      // A number that was not one is said once, as such (not again as "must be positive").
      if (converted.has(field)) return;
      problems.push({ field, message: issue?.message ?? summary, summary: capitalise(summary) });
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, question: { ...(("question" in checked ? checked.question : {}) as BankQuestion), id: String(id) } };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Problems by form field, for the form ("_form": the question as a whole). */
export function problemsByField(problems: readonly FieldProblem[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[p.field] ??= []).push(p.message);
  return byField;
}
