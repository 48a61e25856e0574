// Classical test statistics, as Moodle's quiz statistics report defines them (see PRODUCT.md, "The
// numbers instructors will trust"), computed from sufficient statistics (counts, sums, sums of squares
// and cross-products) so that the same functions serve the running totals kept at each submission and
// an exact recompute from the responses. Pure; every function returns null when its value is undefined
// (too few attempts, no variance).
//
// Notation: s attempts; x = mark on the question; T = attempt total; R = T - x (the rest score).
// Variances divide by s - 1.

/** Running sums for one question over the selected attempts. */
export interface ItemSums {
  n: number;
  sumX: number;
  sumX2: number;
  sumT: number;
  sumT2: number;
  sumXT: number;
}

/** Per option: how many attempts chose it, and the sums of their x and T. */
export interface OptionSums {
  count: number;
  sumX: number;
  sumT: number;
}

/** Power sums of the attempt totals. */
export interface TotalSums {
  n: number;
  sumT: number;
  sumT2: number;
  sumT3: number;
  sumT4: number;
}

export const Z_95 = 1.959963984540054;

function variance(n: number, sum: number, sum2: number): number | null {
  if (n < 2) return null;
  const v = (sum2 - (sum * sum) / n) / (n - 1);
  return v < 0 ? 0 : v; // rounding can leave a tiny negative
}

function covariance(n: number, sumA: number, sumB: number, sumAB: number): number | null {
  if (n < 2) return null;
  return (sumAB - (sumA * sumB) / n) / (n - 1);
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Quantile by linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
export function quantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function standardDeviation(n: number, sum: number, sum2: number): number | null {
  const v = variance(n, sum, sum2);
  return v === null ? null : Math.sqrt(v);
}

/** The rest score's sums, from the question's and the totals' sums. */
export function restSums(item: ItemSums): { sumR: number; sumR2: number; sumXR: number } {
  return { sumR: item.sumT - item.sumX, sumR2: item.sumT2 - 2 * item.sumXT + item.sumX2, sumXR: item.sumXT - item.sumX2 };
}

/** Facility index: mean mark as a percentage of the maximum mark. */
export function facility(item: Pick<ItemSums, "n" | "sumX">, maxMark: number): number | null {
  return item.n > 0 && maxMark > 0 ? (100 * item.sumX) / item.n / maxMark : null;
}

/** Standard deviation of the mark, as a percentage of the maximum mark. */
export function markSdPercent(item: Pick<ItemSums, "n" | "sumX" | "sumX2">, maxMark: number): number | null {
  const sd = standardDeviation(item.n, item.sumX, item.sumX2);
  return sd === null || maxMark <= 0 ? null : (100 * sd) / maxMark;
}

/** Discrimination index: 100 × the corrected item-rest correlation, cov(x, R) / √(var x · var R). */
export function discriminationIndex(item: ItemSums): number | null {
  const { sumR, sumR2, sumXR } = restSums(item);
  const vx = variance(item.n, item.sumX, item.sumX2);
  const vr = variance(item.n, sumR, sumR2);
  const c = covariance(item.n, item.sumX, sumR, sumXR);
  if (vx === null || vr === null || c === null || vx <= 0 || vr <= 0) return null;
  return (100 * c) / Math.sqrt(vx * vr);
}

/** A distribution as value → count (for exact maxima of covariance). */
export type Histogram = ReadonlyMap<number, number> | Readonly<Record<string, number>>;

function entries(histogram: Histogram): [number, number][] {
  const list = histogram instanceof Map ? [...histogram.entries()] : Object.entries(histogram).map(([k, v]) => [Number(k), v] as [number, number]);
  return list.filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
}

/**
 * The largest covariance x and R could have with their own distributions: both sorted ascending and
 * paired rank by rank. Computed from the two histograms by walking their runs together.
 */
export function maximumCovariance(xHistogram: Histogram, rHistogram: Histogram): number | null {
  const xs = entries(xHistogram);
  const rs = entries(rHistogram);
  const n = xs.reduce((s, [, c]) => s + c, 0);
  if (n < 2 || n !== rs.reduce((s, [, c]) => s + c, 0)) return null;
  let sumX = 0;
  let sumR = 0;
  let sumXR = 0;
  let i = 0;
  let j = 0;
  let leftX = xs[0]![1];
  let leftR = rs[0]![1];
  while (i < xs.length && j < rs.length) {
    const take = Math.min(leftX, leftR);
    const x = xs[i]![0];
    const r = rs[j]![0];
    sumX += take * x;
    sumR += take * r;
    sumXR += take * x * r;
    leftX -= take;
    leftR -= take;
    if (leftX === 0 && ++i < xs.length) leftX = xs[i]![1];
    if (leftR === 0 && ++j < rs.length) leftR = rs[j]![1];
  }
  return covariance(n, sumX, sumR, sumXR);
}

/** Discriminative efficiency: 100 × cov(x, R) / covmax. */
export function discriminativeEfficiency(item: ItemSums, xHistogram: Histogram, rHistogram: Histogram): number | null {
  const { sumR, sumXR } = restSums(item);
  const c = covariance(item.n, item.sumX, sumR, sumXR);
  const max = maximumCovariance(xHistogram, rHistogram);
  if (c === null || max === null || max <= 0) return null;
  return (100 * c) / max;
}

/** Corrected point-biserial of choosing an option, against the rest score R. */
export function optionPointBiserial(item: ItemSums, option: OptionSums): number | null {
  const { sumR, sumR2 } = restSums(item);
  const optionSumR = option.sumT - option.sumX;
  const vo = variance(item.n, option.count, option.count); // an indicator: its squares are itself
  const vr = variance(item.n, sumR, sumR2);
  const c = covariance(item.n, option.count, sumR, optionSumR);
  if (vo === null || vr === null || c === null || vo <= 0 || vr <= 0) return null;
  return c / Math.sqrt(vo * vr);
}

/** Wilson score interval for a proportion p of n (95% by default), as proportions. */
export function wilsonInterval(p: number, n: number, z = Z_95): [number, number] | null {
  if (n <= 0) return null;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return [Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)];
}

/** Fisher-z interval for a correlation r from n pairs (95% by default). */
export function fisherInterval(r: number, n: number, z = Z_95): [number, number] | null {
  if (n <= 3 || r <= -1 || r >= 1) return null;
  const centre = Math.atanh(r);
  const se = 1 / Math.sqrt(n - 3);
  return [Math.tanh(centre - z * se), Math.tanh(centre + z * se)];
}

export interface QuizSummary {
  attempts: number;
  mean: number | null;
  sd: number | null;
  /** Fisher's skewness from k-statistics, as Moodle reports it. */
  skewness: number | null;
  /** Excess kurtosis from k-statistics, as Moodle reports it. */
  kurtosis: number | null;
  alpha: number | null;
  /** √(1 − α), as a percentage. */
  errorRatio: number | null;
  /** Error ratio × SD. */
  standardError: number | null;
}

/**
 * Whole-quiz statistics from the totals' power sums and each question's mark variance
 * (Cronbach's α = p/(p−1) · (1 − Σ var xᵢ / var T)).
 */
export function quizSummary(totals: TotalSums, itemVariances: readonly (number | null)[]): QuizSummary {
  const { n, sumT, sumT2, sumT3, sumT4 } = totals;
  const mu = n > 0 ? sumT / n : null;
  const vT = variance(n, sumT, sumT2);
  const sd = vT === null ? null : Math.sqrt(vT);
  let skewness: number | null = null;
  let kurtosis: number | null = null;
  if (mu !== null && n > 3 && vT !== null && vT > 0) {
    // Central moments from the power sums.
    const m2 = (sumT2 - 2 * mu * sumT + n * mu * mu) / n;
    const m3 = (sumT3 - 3 * mu * sumT2 + 3 * mu * mu * sumT - n * mu ** 3) / n;
    const m4 = (sumT4 - 4 * mu * sumT3 + 6 * mu * mu * sumT2 - 4 * mu ** 3 * sumT + n * mu ** 4) / n;
    const k2 = (n * m2) / (n - 1);
    const k3 = (n * n * m3) / ((n - 1) * (n - 2));
    const k4 = (n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2)) / ((n - 1) * (n - 2) * (n - 3));
    skewness = k3 / k2 ** 1.5;
    kurtosis = k4 / (k2 * k2);
  }
  const p = itemVariances.length;
  let alpha: number | null = null;
  if (p > 1 && vT !== null && vT > 0 && itemVariances.every((v) => v !== null)) {
    const sumVar = (itemVariances as number[]).reduce((s, v) => s + v, 0);
    alpha = (p / (p - 1)) * (1 - sumVar / vT);
  }
  const errorRatio = alpha === null ? null : Math.sqrt(Math.max(0, 1 - alpha));
  return {
    attempts: n,
    mean: mu,
    sd,
    skewness,
    kurtosis,
    alpha,
    errorRatio: errorRatio === null ? null : 100 * errorRatio,
    standardError: errorRatio === null || sd === null ? null : errorRatio * sd,
  };
}

export function itemVariance(item: Pick<ItemSums, "n" | "sumX" | "sumX2">): number | null {
  return variance(item.n, item.sumX, item.sumX2);
}

/** Spearman's rank correlation (average ranks for ties). */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length < 2) return null;
  const rank = (values: readonly number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
    const ranks = new Array<number>(values.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return ranks;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const sa = ra.reduce((s, v) => s + v, 0);
  const sb = rb.reduce((s, v) => s + v, 0);
  const c = covariance(
    n,
    sa,
    sb,
    ra.reduce((s, v, i) => s + v * rb[i]!, 0),
  );
  const va = variance(
    n,
    sa,
    ra.reduce((s, v) => s + v * v, 0),
  );
  const vb = variance(
    n,
    sb,
    rb.reduce((s, v) => s + v * v, 0),
  );
  if (c === null || !va || !vb) return null;
  return c / Math.sqrt(va * vb);
}
