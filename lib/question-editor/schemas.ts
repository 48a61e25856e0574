// What the question editor takes from the page: the draft (the form's fields, every value as the
// form holds it — numbers as typed text — so that a half-typed "0," is a message, not a crash), the
// bank page's filters and the history page's choice of versions. The draft's content rules are the
// bank's own (lib/bank/schemas.ts, applied in draft.ts); these only bound sizes and shapes.
import { z } from "zod";
import { safeCallbackUrl } from "../auth/callback-url";
import { DB_QUESTION_TYPE, type BankQuestionType } from "../bank/question-types";
import { recordIdWith } from "../ids";
import { firstSearchParam, type SearchParams } from "../search-params";

export const questionId = recordIdWith("is not a question id");

/** The bank's type names (question-types.ts is their one home). */
const BANK_QUESTION_TYPES = Object.keys(DB_QUESTION_TYPE) as [BankQuestionType, ...BankQuestionType[]];

const TEXT_MAX = 20_000;
const text = (max = TEXT_MAX) => z.string().max(max, `must be at most ${max} characters`);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(100, "may have at most 100 rows");

export const draftOption = z.strictObject({ text: text(), grade: text(20), feedback: text() });
export const draftAnswer = z.strictObject({ text: text(2000), value: text(40), tolerance: text(40), grade: text(20), feedback: text() });
export const draftPair = z.strictObject({ prompt: text(2000), answer: text(2000), distractor: z.boolean() });

/** The editor's form: one shape for every type (a type reads only its own fields). */
export const questionDraft = z.strictObject({
  type: z.enum(BANK_QUESTION_TYPES),
  name: text(255),
  /** For cloze: the text with its gaps in Moodle's embedded-answers syntax ({1:SHORTANSWER:=Berlin}). */
  stem: text(),
  generalFeedback: text(),
  explanation: text(),
  /** A topic key of the course, or "" for none. */
  topic: text(120),
  /** A notes section key of the lecture, or "" for none. */
  section: text(120),
  maxMark: text(20),
  /** Kept as the version has them (not edited here): they are part of its content. */
  format: z.enum(["plain", "html"]),
  idnumber: text(100),
  /** Single and multiple choice. */
  options: list(draftOption),
  /** True/false. */
  answer: z.enum(["true", "false"]),
  feedbackTrue: text(),
  feedbackFalse: text(),
  /** Short answer (text) and numerical (value, tolerance). */
  answers: list(draftAnswer),
  caseSensitive: z.boolean(),
  /** Matching: pairs, and extra distractors (an answer with no prompt). */
  pairs: list(draftPair),
});

export type QuestionDraft = z.output<typeof questionDraft>;
export type DraftOption = z.output<typeof draftOption>;
export type DraftAnswer = z.output<typeof draftAnswer>;
export type DraftPair = z.output<typeof draftPair>;

/** A student's answer in the preview, to see the "after submission" view. */
export const previewAnswer = z.strictObject({ chosen: z.array(z.string().max(20)).max(100), text: z.string().max(TEXT_MAX).nullable() });

export const previewQuestionInput = z.strictObject({
  questionId,
  draft: questionDraft,
  /** The shuffle's seed: "shuffle again" sends another. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** Present: show the after-submission view for this answer. Absent: the question alone, no key. */
  answer: previewAnswer.optional(),
});

export const saveQuestionInput = z.strictObject({
  questionId,
  draft: questionDraft,
  /** The newest version when the editor opened: a save over someone else's newer one is refused. */
  baseVersion: z.number().int().min(1),
});

const MAX_QUERY = 200;

/** The bank page's filters, from its query: a malformed value is dropped (the filter is off). */
export const bankQuery = z.object({
  q: z.string().trim().max(MAX_QUERY).catch("").default(""),
  type: z.enum(BANK_QUESTION_TYPES).optional().catch(undefined),
  topic: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,119}$/)
    .optional()
    .catch(undefined),
});

export type BankQuery = z.output<typeof bankQuery>;

export function parseBankQuery(query: SearchParams): BankQuery {
  return bankQuery.parse({ q: firstSearchParam(query.q), type: firstSearchParam(query.type), topic: firstSearchParam(query.topic) || undefined });
}

const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

/** The history page's two versions (?a=1&b=3); either may be absent (the newest two are compared). */
export function parseHistoryQuery(query: SearchParams): { a: number | null; b: number | null } {
  const one = (key: string) => {
    const parsed = versionNumber.safeParse(firstSearchParam(query[key]));
    return parsed.success ? parsed.data : null;
  };
  return { a: one("a"), b: one("b") };
}

/** Where "back" goes from the editor: a same-site path under /instructor, else the bank page. */
export function parseBackPath(value: string | string[] | undefined): string {
  const path = safeCallbackUrl(value, "/instructor/questions");
  return /^\/instructor(\/|\?|$)/.test(path) ? path : "/instructor/questions";
}
