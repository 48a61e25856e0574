// The bank's question types, by the names the files use and by the database's names, and which of
// them a quiz can grade. Plain data, so client components may use it too.
import type { QuestionType } from "../generated/prisma/enums";
import type { BankQuestion } from "./schemas";

export type BankQuestionType = BankQuestion["type"];

/** The database's name for each type. */
export const DB_QUESTION_TYPE: Record<BankQuestionType, QuestionType> = {
  single: "SINGLE_CHOICE",
  multiple: "MULTIPLE_CHOICE",
  "true-false": "TRUE_FALSE",
  "short-answer": "SHORT_ANSWER",
  numerical: "NUMERICAL",
  matching: "MATCHING",
  cloze: "CLOZE",
  essay: "ESSAY",
};

/** The files' name for each database type. */
export const BANK_QUESTION_TYPE: Record<QuestionType, BankQuestionType> = {
  SINGLE_CHOICE: "single",
  MULTIPLE_CHOICE: "multiple",
  TRUE_FALSE: "true-false",
  SHORT_ANSWER: "short-answer",
  NUMERICAL: "numerical",
  MATCHING: "matching",
  CLOZE: "cloze",
  ESSAY: "essay",
};

/** The types scored by the options chosen (the database's names). */
export const CHOICE_TYPES = ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE"] as const satisfies readonly QuestionType[];

/** The names bank:check and Moodle use for each type. */
export const MOODLE_TYPE_NAME: Record<BankQuestionType, string> = {
  single: "single",
  multiple: "multiple",
  "true-false": "truefalse",
  "short-answer": "shortanswer",
  numerical: "numerical",
  matching: "matching",
  cloze: "cloze",
  essay: "essay",
};
