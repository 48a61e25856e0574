// What one submitted attempt adds to the running sufficient statistics (n, sums, sums of squares and
// cross-products) that the instructor dashboard reads. x = mark on a question, T = attempt total.
// Pure: the data layer turns these into one upsert.
import type { OptionSums } from "../analytics/statistics";

export type { OptionSums };

export interface ScoredResponse {
  slotId: string;
  questionVersionId: string;
  mark: number;
  chosenOptionKeys: readonly string[];
  timeSpentMs: number;
}

export interface QuestionStatIncrement {
  slotId: string;
  /** "" for the slot as a whole, else the question version id. */
  variantKey: string;
  questionVersionId: string | null;
  n: number;
  sumX: number;
  sumX2: number;
  sumT: number;
  sumT2: number;
  sumXT: number;
  sumTimeMs: number;
  optionSums: Record<string, OptionSums>;
  /** { "<x>": 1 } and { "<R>": 1 }: this attempt's mark and rest score, as histogram keys. */
  xHist: Record<string, number>;
  rHist: Record<string, number>;
}

/** The histogram key of a value: rounded to 9 decimals, no trailing zeros (as the SQL backfill writes it). */
export function histogramKey(value: number): string {
  return String(Number(value.toFixed(9)));
}

export interface QuizStatIncrement {
  n: number;
  sumT: number;
  sumT2: number;
  sumT3: number;
  sumT4: number;
}

export function statIncrements(responses: readonly ScoredResponse[]): { questions: QuestionStatIncrement[]; quiz: QuizStatIncrement } {
  const total = responses.reduce((sum, r) => sum + r.mark, 0);
  const questions: QuestionStatIncrement[] = [];
  for (const response of responses) {
    const optionSums: Record<string, OptionSums> = {};
    for (const key of new Set(response.chosenOptionKeys)) optionSums[key] = { count: 1, sumX: response.mark, sumT: total };
    const base = {
      slotId: response.slotId,
      n: 1,
      sumX: response.mark,
      sumX2: response.mark * response.mark,
      sumT: total,
      sumT2: total * total,
      sumXT: response.mark * total,
      sumTimeMs: response.timeSpentMs,
      optionSums,
      xHist: { [histogramKey(response.mark)]: 1 },
      rHist: { [histogramKey(total - response.mark)]: 1 },
    };
    questions.push({ ...base, variantKey: "", questionVersionId: null });
    questions.push({ ...base, variantKey: response.questionVersionId, questionVersionId: response.questionVersionId });
  }
  // A fixed order, so concurrent submissions lock the same rows in the same order (no deadlocks).
  questions.sort((a, b) => (a.slotId === b.slotId ? a.variantKey.localeCompare(b.variantKey) : a.slotId.localeCompare(b.slotId)));
  return { questions, quiz: { n: 1, sumT: total, sumT2: total ** 2, sumT3: total ** 3, sumT4: total ** 4 } };
}
