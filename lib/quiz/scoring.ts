// Grade policy and the deterministic per-attempt shuffle. Pure functions, no database. (How one
// answer is marked is the question's own business: lib/bank/answers/.)
import { seededRandom, seededShuffle } from "../random";

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

/** The order an attempt shows the quiz's slots in: as the quiz lists them, or shuffled by the attempt's seed. */
export function slotOrder<S>(attemptSeed: number, slots: readonly S[], shuffleSlots: boolean): S[] {
  return shuffleSlots ? seededShuffle(slots, attemptSeed ^ 0x2545f491) : [...slots];
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
