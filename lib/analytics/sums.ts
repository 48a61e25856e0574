// The running sums of class statistics: one row per slot ("" variant) and per variant, plus the
// totals' power sums per quiz. The one home of "add an answer / an attempt to the sums": the fold
// and the exact recompute (groups of identical answers) build rows here, the readers add waiting
// attempts here, and the one writer (internal/writer.ts) stores them; a regrade takes attempts out
// with their negated rows (negateRow) before their marks change. attemptSums is one attempt's share.
// Notation: x = mark on the question; T = attempt total; R = T - x (the rest score). Pure.
import type { ItemSums, OptionSums, TotalSums } from "./statistics";

export type { ItemSums, OptionSums, TotalSums };

/** One scored answer of a submitted attempt, as the submission hands it to the statistics. */
export interface ScoredResponse {
  slotId: string;
  questionVersionId: string;
  mark: number;
  chosenOptionKeys: readonly string[];
  timeSpentMs: number;
}

/** The sufficient statistics of one slot ("" variant) or one variant, over the selected attempts. */
export interface StatRow {
  slotId: string;
  /** "" for the slot as a whole, else the question version id. */
  variantKey: string;
  sums: ItemSums;
  sumTimeMs: number;
  options: Record<string, OptionSums>;
  /** Histograms of x and R, keyed by histogramKey(value). */
  xHist: Record<string, number>;
  rHist: Record<string, number>;
}

/** The slot row's variant key. */
export const SLOT_ROW = "";

export function emptyItemSums(): ItemSums {
  return { n: 0, sumX: 0, sumX2: 0, sumT: 0, sumT2: 0, sumXT: 0 };
}

export function emptyOptionSums(): OptionSums {
  return { count: 0, sumX: 0, sumT: 0 };
}

export function emptyRow(slotId: string, variantKey: string): StatRow {
  return { slotId, variantKey, sums: emptyItemSums(), sumTimeMs: 0, options: {}, xHist: {}, rHist: {} };
}

export function emptyTotals(): TotalSums {
  return { n: 0, sumT: 0, sumT2: 0, sumT3: 0, sumT4: 0 };
}

/** The histogram key of a value: rounded to 9 decimals, no trailing zeros. */
export function histogramKey(value: number): string {
  return String(Number(value.toFixed(9)));
}

/**
 * n answers with the same mark x, rest score R and chosen keys, whose attempt totals add up to sumT
 * (and their squares to sumT2). One answer is n = 1, sumT = T, sumT2 = T², R = T − x.
 */
export interface AnswerGroup {
  n: number;
  x: number;
  rest: number;
  sumT: number;
  sumT2: number;
  sumTimeMs: number;
  chosenOptionKeys: readonly string[];
}

/** Adds a group of identical answers to the row, in place; returns the row. */
export function addAnswers(row: StatRow, group: AnswerGroup): StatRow {
  const { n, x, sumT } = group;
  const sums = row.sums;
  sums.n += n;
  sums.sumX += n * x;
  sums.sumX2 += n * x * x;
  sums.sumT += sumT;
  sums.sumT2 += group.sumT2;
  sums.sumXT += x * sumT;
  row.sumTimeMs += group.sumTimeMs;
  addCount(row.xHist, histogramKey(x), n);
  addCount(row.rHist, histogramKey(group.rest), n);
  for (const key of new Set(group.chosenOptionKeys)) {
    const option = (row.options[key] ??= emptyOptionSums());
    option.count += n;
    option.sumX += n * x;
    option.sumT += sumT;
  }
  return row;
}

/** One answer: mark x on a question of an attempt whose total is T. */
export interface Answer {
  mark: number;
  total: number;
  chosenOptionKeys: readonly string[];
  timeSpentMs: number;
}

/** One answer as a group of one. */
export function singleAnswer({ mark, total, chosenOptionKeys, timeSpentMs }: Answer): AnswerGroup {
  return { n: 1, x: mark, rest: total - mark, sumT: total, sumT2: total * total, sumTimeMs: timeSpentMs, chosenOptionKeys };
}

/** Adds one answer to the row, in place; returns the row. */
export function addAnswer(row: StatRow, answer: Answer): StatRow {
  return addAnswers(row, singleAnswer(answer));
}

/** Adds one attempt total to the power sums, in place; returns them. */
export function addAttempt(totals: TotalSums, total: number): TotalSums {
  totals.n += 1;
  totals.sumT += total;
  totals.sumT2 += total ** 2;
  totals.sumT3 += total ** 3;
  totals.sumT4 += total ** 4;
  return totals;
}

/** Two rows' sums together (a new row): what the writer's upsert does in SQL when a row exists. */
export function mergeRows(a: StatRow, b: StatRow): StatRow {
  const options: Record<string, OptionSums> = {};
  for (const key of new Set([...Object.keys(a.options), ...Object.keys(b.options)])) {
    const p = a.options[key] ?? emptyOptionSums();
    const q = b.options[key] ?? emptyOptionSums();
    options[key] = { count: p.count + q.count, sumX: p.sumX + q.sumX, sumT: p.sumT + q.sumT };
  }
  return {
    slotId: a.slotId,
    variantKey: a.variantKey,
    sums: {
      n: a.sums.n + b.sums.n,
      sumX: a.sums.sumX + b.sums.sumX,
      sumX2: a.sums.sumX2 + b.sums.sumX2,
      sumT: a.sums.sumT + b.sums.sumT,
      sumT2: a.sums.sumT2 + b.sums.sumT2,
      sumXT: a.sums.sumXT + b.sums.sumXT,
    },
    sumTimeMs: a.sumTimeMs + b.sumTimeMs,
    options,
    xHist: mergeCounts(a.xHist, b.xHist),
    rHist: mergeCounts(a.rHist, b.rHist),
  };
}

export function mergeTotals(a: TotalSums, b: TotalSums): TotalSums {
  return { n: a.n + b.n, sumT: a.sumT + b.sumT, sumT2: a.sumT2 + b.sumT2, sumT3: a.sumT3 + b.sumT3, sumT4: a.sumT4 + b.sumT4 };
}

/**
 * Rows keyed by slot and variant: each answer counts in its slot's row and in its variant's row.
 * The recompute and the submission both accumulate through it.
 */
export class RowSet {
  private readonly rows = new Map<string, StatRow>();

  /** Adds a group of identical answers on one variant of a slot to both the slot and the variant rows. */
  addAnswers(slotId: string, questionVersionId: string, group: AnswerGroup): void {
    addAnswers(this.row(slotId, SLOT_ROW), group);
    addAnswers(this.row(slotId, questionVersionId), group);
  }

  /** Adds a stored row to the row of its slot and variant (readers add waiting answers to stored rows). */
  addRow(row: StatRow): void {
    const id = `${row.slotId}|${row.variantKey}`;
    const existing = this.rows.get(id);
    this.rows.set(id, existing ? mergeRows(existing, row) : row);
  }

  /** Rows in a fixed order (slot, then variant key; the slot row first): the writer locks them in it. */
  toArray(): StatRow[] {
    return sortRows([...this.rows.values()]);
  }

  private row(slotId: string, variantKey: string): StatRow {
    const id = `${slotId}|${variantKey}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = emptyRow(slotId, variantKey)));
    return row;
  }
}

/** Rows ordered by slot id, then variant key ("" first). */
export function sortRows(rows: StatRow[]): StatRow[] {
  return rows.sort((a, b) => (a.slotId === b.slotId ? a.variantKey.localeCompare(b.variantKey) : a.slotId.localeCompare(b.slotId)));
}

/** What one submitted attempt adds to the sums: a slot row and a variant row per answer, and the totals. */
export function attemptSums(responses: readonly ScoredResponse[]): { rows: StatRow[]; totals: TotalSums } {
  const total = responses.reduce((sum, r) => sum + r.mark, 0);
  const rows = new RowSet();
  for (const response of responses) {
    rows.addAnswers(response.slotId, response.questionVersionId, singleAnswer({ ...response, total }));
  }
  return { rows: rows.toArray(), totals: addAttempt(emptyTotals(), total) };
}

/** A row with every sum and count negated: adding it takes the row's answers out of the stored sums (a regrade). */
export function negateRow(row: StatRow): StatRow {
  const negated = (counts: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, -n]));
  const { n, sumX, sumX2, sumT, sumT2, sumXT } = row.sums;
  return {
    slotId: row.slotId,
    variantKey: row.variantKey,
    sums: { n: -n, sumX: -sumX, sumX2: -sumX2, sumT: -sumT, sumT2: -sumT2, sumXT: -sumXT },
    sumTimeMs: -row.sumTimeMs,
    options: Object.fromEntries(Object.entries(row.options).map(([key, o]) => [key, { count: -o.count, sumX: -o.sumX, sumT: -o.sumT }])),
    xHist: negated(row.xHist),
    rHist: negated(row.rHist),
  };
}

export function negateTotals(t: TotalSums): TotalSums {
  return { n: -t.n, sumT: -t.sumT, sumT2: -t.sumT2, sumT3: -t.sumT3, sumT4: -t.sumT4 };
}

function addCount(counts: Record<string, number>, key: string, n: number): void {
  counts[key] = (counts[key] ?? 0) + n;
}

function mergeCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) addCount(out, key, n);
  return out;
}
