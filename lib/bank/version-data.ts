// Turns a bank question (the project's JSON format) into the rows of an immutable question version,
// with a hash of its normalised content: the same content always hashes the same, so re-importing an
// unchanged question is recognised and changes nothing. And back: a stored version as a bank
// question, for the export.
import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { QuestionType } from "../generated/prisma/enums";
import { BANK_QUESTION_TYPE, DB_QUESTION_TYPE } from "./question-types";
import type { BankQuestion, ClozePart } from "./schemas";
import type { KeyedQuestion } from "./types";

export interface OptionData {
  key: string;
  position: number;
  text: string;
  isCorrect: boolean;
  fraction: number;
  feedback: string;
}

export interface VersionData {
  type: QuestionType;
  name: string;
  stem: string;
  explanation: string;
  generalFeedback: string;
  sectionKey: string | null;
  maxMark: number;
  data: Record<string, unknown> | null;
  options: OptionData[];
  contentHash: string;
}

/** Option keys by position: a, b, …, z, aa, ab, … */
export function optionKey(index: number): string {
  let key = "";
  let n = index;
  do {
    key = String.fromCharCode(97 + (n % 26)) + key;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return key;
}

/**
 * Default credit when a file gives none. Single answer: 1 for the right option, 0 otherwise.
 * Multiple answer: each right option +1/k (k right options), each wrong one −1/(n−k), so ticking
 * every box earns nothing; the question's mark is never below zero (applied when scoring).
 */
function defaultFraction(type: BankQuestion["type"], correct: boolean, correctCount: number, total: number): number {
  if (type !== "multiple") return correct ? 1 : 0;
  if (correct) return 1 / correctCount;
  const wrong = total - correctCount;
  return wrong > 0 ? -1 / wrong : 0;
}

const normalise = (value: string) => value.normalize("NFC").replace(/\r\n?/g, "\n").trim();

export function toVersionData(question: BankQuestion): VersionData {
  let options: OptionData[] = [];
  let data: Record<string, unknown> | null = null;
  switch (question.type) {
    case "single":
    case "multiple": {
      const correctCount = question.options.filter((o) => o.correct).length;
      options = question.options.map((o, position) => ({
        key: optionKey(position),
        position,
        text: normalise(o.text),
        isCorrect: o.correct,
        fraction: o.fraction ?? defaultFraction(question.type, o.correct, correctCount, question.options.length),
        feedback: normalise(o.feedback ?? ""),
      }));
      break;
    }
    case "true-false":
      options = [true, false].map((value, position) => ({
        key: value ? "true" : "false",
        position,
        text: value ? "True" : "False",
        isCorrect: question.answer === value,
        fraction: question.answer === value ? 1 : 0,
        feedback: normalise((value ? question.feedbackTrue : question.feedbackFalse) ?? ""),
      }));
      break;
    case "short-answer":
      data = {
        caseSensitive: question.caseSensitive,
        answers: question.answers.map((a) => ({ text: normalise(a.text), fraction: a.fraction, feedback: a.feedback ?? "" })),
      };
      break;
    case "numerical":
      data = { answers: question.answers.map((a) => ({ value: a.value, tolerance: a.tolerance, fraction: a.fraction, feedback: a.feedback ?? "" })) };
      break;
    case "matching":
      data = { pairs: question.pairs.map((p) => ({ prompt: normalise(p.prompt), answer: normalise(p.answer) })) };
      break;
    case "cloze":
      data = {
        parts: question.parts.map((part) => ({
          ...part,
          answers: part.answers.map((a) => ({ ...a, text: normalise(a.text), feedback: normalise(a.feedback ?? "") })),
        })),
      };
      break;
    case "essay":
      break;
  }
  // Kept only when the file has them, so that questions without them hash as they always did.
  if (question.idnumber) data = { ...data, idnumber: question.idnumber };
  if (question.format === "html") data = { ...data, format: "html" };
  const version = {
    type: DB_QUESTION_TYPE[question.type],
    name: normalise(question.name ?? ""),
    stem: normalise(question.stem),
    explanation: normalise(question.explanation),
    generalFeedback: normalise(question.generalFeedback ?? ""),
    sectionKey: question.section ?? null,
    maxMark: question.maxMark,
    data,
    options,
  };
  const contentHash = createHash("sha256").update(JSON.stringify(version)).digest("hex");
  return { ...version, contentHash };
}

/** A stored question and its latest version, as the export reads them. */
export interface StoredQuestion {
  externalKey: string;
  category: string;
  topic: { key: string } | null;
  /** The version's rows as stored: VersionData without its hash, `data` as the JSON column holds it. */
  version: Omit<VersionData, "data" | "options" | "contentHash"> & {
    data: unknown;
    options: Pick<OptionData, "text" | "isCorrect" | "fraction" | "feedback">[];
  };
}

/** The columns of a stored version that fromVersionData reads back (its options in order): select them with it. */
export const versionContentSelect = {
  type: true,
  name: true,
  stem: true,
  explanation: true,
  generalFeedback: true,
  sectionKey: true,
  maxMark: true,
  data: true,
  options: { orderBy: { position: "asc" }, select: { text: true, isCorrect: true, fraction: true, feedback: true } },
} as const satisfies Prisma.QuestionVersionSelect;

/** The inverse of toVersionData: a stored version as a question in the file model. */
export function fromVersionData({ externalKey, category, topic, version: v }: StoredQuestion, lectureSlug: string): KeyedQuestion {
  const data = (v.data ?? {}) as Record<string, unknown>;
  const base = {
    id: externalKey,
    stem: v.stem,
    explanation: v.explanation,
    maxMark: v.maxMark,
    origin: "imported" as const,
    ...(v.name ? { name: v.name } : {}),
    ...(v.generalFeedback ? { generalFeedback: v.generalFeedback } : {}),
    ...(v.sectionKey ? { section: v.sectionKey } : {}),
    ...(topic ? { topic: topic.key } : {}),
    ...(category ? { category } : {}),
    lecture: lectureSlug,
    ...(typeof data.idnumber === "string" ? { idnumber: data.idnumber } : {}),
    ...(data.format === "html" ? { format: "html" as const } : {}),
  };
  const type = BANK_QUESTION_TYPE[v.type];
  switch (type) {
    case "single":
    case "multiple":
      return {
        ...base,
        type,
        options: v.options.map((o) => ({ text: o.text, correct: o.isCorrect, fraction: o.fraction, ...(o.feedback ? { feedback: o.feedback } : {}) })),
      };
    case "true-false": {
      const feedbackOf = (key: string) => v.options.find((o) => o.text.toLowerCase() === key)?.feedback;
      return {
        ...base,
        type,
        answer: v.options.find((o) => o.isCorrect)?.text === "True",
        ...(feedbackOf("true") ? { feedbackTrue: feedbackOf("true") } : {}),
        ...(feedbackOf("false") ? { feedbackFalse: feedbackOf("false") } : {}),
      };
    }
    case "short-answer":
      return {
        ...base,
        type,
        caseSensitive: Boolean(data.caseSensitive),
        answers: (data.answers as { text: string; fraction: number; feedback: string }[]).map((a) => ({
          text: a.text,
          fraction: a.fraction,
          ...(a.feedback ? { feedback: a.feedback } : {}),
        })),
      };
    case "numerical":
      return {
        ...base,
        type,
        answers: (data.answers as { value: number | "*"; tolerance: number; fraction: number; feedback: string }[]).map((a) => ({
          value: a.value,
          tolerance: a.tolerance,
          fraction: a.fraction,
          ...(a.feedback ? { feedback: a.feedback } : {}),
        })),
      };
    case "matching":
      return { ...base, type, pairs: data.pairs as { prompt: string; answer: string }[] };
    case "cloze":
      return {
        ...base,
        type,
        parts: (data.parts as ClozePart[]).map((part) => ({
          ...part,
          answers: part.answers.map(({ feedback, ...a }) => ({ ...a, ...(feedback ? { feedback } : {}) })),
        })),
      };
    case "essay":
      return { ...base, type };
  }
}
