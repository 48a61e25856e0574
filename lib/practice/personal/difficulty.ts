// How hard each bank question is, and how able a student is, on one Rasch (logit) scale. Pure: the
// class's answers come in anonymised (a person number, never who), and only difficulties and one
// class-wide figure go out.
//
// Difficulties: joint maximum likelihood (estimateRasch) over the class's first attempts, by question
// (the mean of the estimated difficulties is 0). A question with fewer than RASCH_MIN_ANSWERS answers
// from students with a finite ability gets a prior instead: its location — the Rasch estimate if it
// has one, else the class's typical ability plus the logit of its proportion wrong (smoothed by half
// an answer each way) — shrunk towards 0, the average question, by n / (n + PRIOR_ANSWERS). A
// question nobody answered is an average one: 0.
//
// Ability: maximum likelihood against those difficulties (abilitiesAt) over the student's own
// answers, plus one right and one wrong pseudo-answer at the prior's location: a weak prior that keeps
// the estimate finite (all right or all wrong) and is the estimate itself when there are no answers.
import { abilitiesAt, estimateRasch } from "../../analytics/rasch";

/** Answers (from students with a finite ability) a question needs before its own Rasch estimate is used. */
export const RASCH_MIN_ANSWERS = 20;
/** How many answers' worth the prior on a thinly answered question weighs. */
export const PRIOR_ANSWERS = 10;

export interface ClassAnswer {
  /** Any number standing for one student (the same student, the same number). */
  person: number;
  questionId: string;
  right: boolean;
}

export interface QuestionDifficulty {
  /** Logits: 0 is the average question, higher is harder. */
  difficulty: number;
  /** rasch: estimated from enough answers; prior: few answers; none: nobody answered it yet. */
  source: "rasch" | "prior" | "none";
  /** The class's answers to it. */
  answers: number;
}

export interface BankCalibration {
  difficulties: Map<string, QuestionDifficulty>;
  /**
   * The class's typical ability on the same scale (0 without data): where the average question is
   * answered right by a typical student with the class's proportion right. A class-wide figure only.
   */
  classAbility: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

export function calibrateBank(questionIds: readonly string[], answers: readonly ClassAnswer[]): BankCalibration {
  const column = new Map(questionIds.map((id, j) => [id, j]));
  const rows = new Map<number, (0 | 1 | null)[]>();
  const asked = questionIds.map(() => 0);
  const right = questionIds.map(() => 0);
  for (const answer of answers) {
    const j = column.get(answer.questionId);
    if (j === undefined) continue;
    let row = rows.get(answer.person);
    if (!row) rows.set(answer.person, (row = questionIds.map(() => null)));
    if (row[j] !== null) continue; // one answer per student and question: the first
    row[j] = answer.right ? 1 : 0;
    asked[j]!++;
    if (answer.right) right[j]!++;
  }
  const rasch = estimateRasch([...rows.values()]);
  // Where the class sits: for a question with an estimate, its difficulty plus the logit of its
  // proportion right is about the class's mean ability (exact when abilities do not spread).
  const anchors = questionIds.flatMap((_, j) => {
    const d = rasch.items[j]?.difficulty;
    return d !== null && d !== undefined && right[j]! > 0 && right[j]! < asked[j]! ? [d + logit(right[j]! / asked[j]!)] : [];
  });
  const classAbility = anchors.length > 0 ? anchors.reduce((s, v) => s + v, 0) / anchors.length : 0;
  const difficulties = new Map<string, QuestionDifficulty>();
  questionIds.forEach((id, j) => {
    const n = asked[j]!;
    const item = rasch.items[j];
    if (item && item.difficulty !== null && item.n >= RASCH_MIN_ANSWERS) {
      difficulties.set(id, { difficulty: item.difficulty, source: "rasch", answers: n });
    } else if (n > 0) {
      const location = item?.difficulty ?? classAbility + logit((n - right[j]! + 0.5) / (n + 1));
      difficulties.set(id, { difficulty: (location * n) / (n + PRIOR_ANSWERS), source: "prior", answers: n });
    } else {
      difficulties.set(id, { difficulty: 0, source: "none", answers: 0 });
    }
  });
  return { difficulties, classAbility };
}

/** One of the student's own answers, at its question's difficulty. */
export interface OwnAnswer {
  difficulty: number;
  right: boolean;
}

/** The student's ability (logits): maximum likelihood with one right and one wrong answer at `prior`. */
export function estimateAbility(answers: readonly OwnAnswer[], prior: number): number {
  const row: (0 | 1)[] = [...answers.map((a) => (a.right ? 1 : 0) as 0 | 1), 1, 0];
  const difficulties = [...answers.map((a) => a.difficulty), prior, prior];
  const [theta] = abilitiesAt(
    [row],
    [0],
    row.map((_, i) => i),
    difficulties,
    [prior],
  );
  return theta!;
}

/**
 * Where to centre the ability prior: a student without answers but with mastery (from flashcards)
 * is placed where the average question is answered right with their mean mastery (kept within
 * 5–95 %); anyone else at the class's typical ability.
 */
export function abilityPrior(masteries: readonly (number | null)[], hasAnswers: boolean, classAbility: number): number {
  const known = masteries.filter((m): m is number => m !== null);
  if (hasAnswers || known.length === 0) return classAbility;
  const mean = known.reduce((s, m) => s + m, 0) / known.length;
  return logit(Math.min(0.95, Math.max(0.05, mean)));
}
