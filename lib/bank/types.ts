// What every format's parser hands back and every serializer takes: questions in the bank's model
// (schemas.ts), located in their file, and the problems found, each located too.
import type { BankQuestion } from "./schemas";

/** A bank question as a file gives it: the id is optional (the import gives one to those without). */
export type ParsedQuestion = (BankQuestion extends infer Q ? (Q extends unknown ? Omit<Q, "id"> : never) : never) & { id?: string };

/** A question with its key: what the importer writes and the export reads back. */
export type KeyedQuestion = ParsedQuestion & { id: string };

export interface ImportProblem {
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  message: string;
  /** The question's title or the start of its text. */
  question: string;
  snippet: string;
  /** A warning (the question is imported as Moodle would) or an error (it is not). Absent: an error. */
  severity?: "error" | "warning";
  /** Where in an XML file: "quiz/question[3]". */
  path?: string;
}

/** Whether a problem stops its question (or file) from being imported. */
export const isError = (problem: ImportProblem): boolean => problem.severity !== "warning";

/** A bank category's own fields (Moodle's category info and idnumber). */
export interface CategoryInfo {
  path: string;
  description: string;
  idnumber: string;
}

export interface ParsedItem {
  line: number;
  question: ParsedQuestion;
}

export interface ParseResult {
  questions: ParsedItem[];
  problems: ImportProblem[];
  /** Categories the file describes (Moodle XML's category questions with info or an idnumber). */
  categories?: CategoryInfo[];
}

/** What writing a question does to the bank: a new question, a new version of a changed one, or nothing. */
export type VersionOutcome = "created" | "new-version" | "unchanged";
