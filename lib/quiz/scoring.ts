// Scoring, grade policy and the deterministic per-attempt shuffle. Pure functions, no database.
import { CHOICE_TYPES } from "../bank/question-types";
import { seededRandom, seededShuffle } from "../random";

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

export type GradingPolicy = "FIRST" | "LAST" | "BEST";

export interface GradedAttempt {
  id: string;
  attemptNumber: number;
  score: number;
  submittedAt: Date;
}

/** The submitted attempt whose score counts under the quiz's policy (null when none is submitted). */
export function countingAttempt<T extends GradedAttempt>(attempts: readonly T[], policy: GradingPolicy): T | null {
  if (attempts.length === 0) return null;
  const byNumber = [...attempts].sort((a, b) => a.attemptNumber - b.attemptNumber);
  if (policy === "FIRST") return byNumber[0]!;
  if (policy === "LAST") return byNumber.at(-1)!;
  // BEST: the highest score; on a tie the earlier attempt.
  return byNumber.reduce((best, attempt) => (attempt.score > best.score ? attempt : best));
}

/** A seed for one slot of one attempt, derived from the attempt's seed. */
export function slotSeed(attemptSeed: number, slotIndex: number): number {
  return (Math.imul(attemptSeed ^ 0x9e3779b9, 2654435761) + Math.imul(slotIndex + 1, 40503)) >>> 0;
}

export interface SlotPlan<V> {
  variant: V;
  optionOrder: string[];
}

/** What one attempt shows for a slot: which variant, and the order of its options. */
export function planSlot<V>(
  attemptSeed: number,
  slotIndex: number,
  variants: readonly V[],
  optionKeys: (variant: V) => string[],
  shuffleOptions: boolean,
): SlotPlan<V> {
  const seed = slotSeed(attemptSeed, slotIndex);
  const random = seededRandom(seed);
  const variant = variants[Math.floor(random() * variants.length)]!;
  const keys = optionKeys(variant);
  return { variant, optionOrder: shuffleOptions ? seededShuffle(keys, seed ^ 0x5bd1e995) : keys };
}
