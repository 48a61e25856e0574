// Mastery of a topic, from two kinds of evidence: quiz answers (their marks, weighted by how recent
// they are, halving every MASTERY_HALF_LIFE_DAYS) and flashcards or mistakes under review (FSRS's
// probability of recalling each now, which falls as time passes). A prior of PRIOR_WEIGHT answers
// worth 0 keeps one lucky answer from meaning mastery, and makes mastery fade when a topic is not
// practised: old answers weigh less and less against it, and recall probabilities fall.
//
//   mastery = (Σ wᵢ·xᵢ + Σ R_c) / (Σ wᵢ + n_cards + PRIOR_WEIGHT),  wᵢ = 2^(−ageᵢ / half-life)

export const MASTERY_HALF_LIFE_DAYS = 14;
export const PRIOR_WEIGHT = 1;
export const STRONG_MASTERY = 0.7;
export const WEAK_MASTERY = 0.4;

export interface AnswerEvidence {
  topic: string;
  /** Mark as a fraction of the question's maximum, 0..1. */
  score: number;
  at: Date;
}

export interface CardEvidence {
  topic: string;
  /** Probability of recall now, 0..1 (FSRS retrievability). */
  retrievability: number;
}

export interface TopicMastery {
  topic: string;
  /** 0..1, or null without any evidence. */
  mastery: number | null;
  answers: number;
  cards: number;
}

const DAY_MS = 86_400_000;

/**
 * What a card under review says about a topic: a learned card (REVIEW) its probability of recall now;
 * a lapsed card (RELEARNING) that it was forgotten (0); a card still in its first learning steps, or
 * never seen, nothing yet (null).
 */
export function cardRecall(state: "NEW" | "LEARNING" | "REVIEW" | "RELEARNING", retrievability: number): number | null {
  if (state === "REVIEW") return retrievability;
  if (state === "RELEARNING") return 0;
  return null;
}

export function recencyWeight(at: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - at.getTime()) / DAY_MS);
  return Math.pow(2, -ageDays / MASTERY_HALF_LIFE_DAYS);
}

/** Mastery of each of `topics` (in that order) at `now`. */
export function computeMastery(topics: readonly string[], answers: readonly AnswerEvidence[], cards: readonly CardEvidence[], now: Date): TopicMastery[] {
  return topics.map((topic) => {
    const mine = answers.filter((a) => a.topic === topic);
    const myCards = cards.filter((c) => c.topic === topic);
    if (mine.length === 0 && myCards.length === 0) return { topic, mastery: null, answers: 0, cards: 0 };
    let weighted = 0;
    let weights = 0;
    for (const answer of mine) {
      const w = recencyWeight(answer.at, now);
      weighted += w * Math.min(1, Math.max(0, answer.score));
      weights += w;
    }
    const recall = myCards.reduce((sum, c) => sum + Math.min(1, Math.max(0, c.retrievability)), 0);
    return { topic, mastery: (weighted + recall) / (weights + myCards.length + PRIOR_WEIGHT), answers: mine.length, cards: myCards.length };
  });
}

export function masteryLabel(mastery: number | null): string {
  if (mastery === null) return "Not started";
  if (mastery < WEAK_MASTERY) return "Needs work";
  if (mastery < STRONG_MASTERY) return "Getting there";
  return "Strong";
}
