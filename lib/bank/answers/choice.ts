// Marking an answer to a choice question (single answer, true/false, multiple answers). Pure.
import { CHOICE_TYPES } from "../question-types";

export type ChoiceType = (typeof CHOICE_TYPES)[number];

export function isChoiceType(type: string): type is ChoiceType {
  return (CHOICE_TYPES as readonly string[]).includes(type);
}

export interface ScoredOption {
  key: string;
  isCorrect: boolean;
  /** Credit for choosing it, as a fraction of the question's mark (-1..1). */
  fraction: number;
}

export interface QuestionScore {
  mark: number;
  isCorrect: boolean;
}

/**
 * Marks one answer. Single answer: the chosen option's fraction of the mark (choosing several is
 * invalid and scores 0). Multiple answer (partial credit): the sum of the chosen options' fractions —
 * each right option +1/k, each wrong one −1/(n−k) by default — clamped to [0, 1]; so choosing 2 of 3
 * right options and nothing wrong earns 2/3, adding a wrong one takes credit away, and ticking every
 * box earns 0. It is correct only when exactly the right options are chosen. No answer scores 0.
 */
export function scoreChoice(type: ChoiceType, options: ScoredOption[], chosen: readonly string[], maxMark: number): QuestionScore {
  const byKey = new Map(options.map((o) => [o.key, o]));
  const picked = [...new Set(chosen)].filter((key) => byKey.has(key));
  if (picked.length === 0) return { mark: 0, isCorrect: false };
  if (type !== "MULTIPLE_CHOICE" && picked.length > 1) return { mark: 0, isCorrect: false };
  const credit = Math.min(
    1,
    Math.max(
      0,
      picked.reduce((sum, key) => sum + byKey.get(key)!.fraction, 0),
    ),
  );
  const correctKeys = options.filter((o) => o.isCorrect).map((o) => o.key);
  // One answer: right when it is a right option (Moodle allows several with full marks). Several: exactly the right ones.
  const isCorrect =
    type === "MULTIPLE_CHOICE" ? picked.length === correctKeys.length && correctKeys.every((key) => picked.includes(key)) : byKey.get(picked[0]!)!.isCorrect;
  // Round away floating-point dust (1/3 + 1/3 + 1/3) so that marks add up exactly.
  return { mark: Math.round(credit * maxMark * 1e9) / 1e9, isCorrect };
}
