// Whether two sets of class statistics hold the same sums: the running ones against an exact
// recompute (the tests, and the regrade benchmark's stats_match). Counts must be equal; sums equal to
// a relative 1e-9 (floating-point sums added in another order). Pure.
import type { StatRow, TotalSums } from "./sums";

export interface SumsBundle {
  totals: TotalSums;
  rows: readonly StatRow[];
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Where the two differ, in words (empty when they agree). */
export function bundleDifferences(running: SumsBundle, exact: SumsBundle): string[] {
  const out: string[] = [];
  if (running.totals.n !== exact.totals.n) out.push(`totals: n ${running.totals.n} ≠ ${exact.totals.n}`);
  for (const k of ["sumT", "sumT2", "sumT3", "sumT4"] as const)
    if (!close(running.totals[k], exact.totals[k])) out.push(`totals: ${k} ${running.totals[k]} ≠ ${exact.totals[k]}`);
  if (running.rows.length !== exact.rows.length) out.push(`rows: ${running.rows.length} ≠ ${exact.rows.length}`);
  const byKey = new Map(exact.rows.map((r) => [`${r.slotId}|${r.variantKey}`, r]));
  for (const row of running.rows) {
    const id = `${row.slotId}|${row.variantKey}`;
    const other = byKey.get(id);
    if (!other) {
      out.push(`${id}: missing from the recompute`);
      continue;
    }
    if (other.sums.n !== row.sums.n) out.push(`${id}: n ${row.sums.n} ≠ ${other.sums.n}`);
    for (const k of ["sumX", "sumX2", "sumT", "sumT2", "sumXT"] as const)
      if (!close(row.sums[k], other.sums[k])) out.push(`${id}: ${k} ${row.sums[k]} ≠ ${other.sums[k]}`);
    if (row.sumTimeMs !== other.sumTimeMs) out.push(`${id}: time ${row.sumTimeMs} ≠ ${other.sumTimeMs}`);
    for (const hist of ["xHist", "rHist"] as const) if (!sameCounts(row[hist], other[hist])) out.push(`${id}: ${hist} differs`);
    const keys = new Set([...Object.keys(row.options), ...Object.keys(other.options)]);
    for (const key of keys) {
      const [a, b] = [row.options[key], other.options[key]];
      if (!a || !b || a.count !== b.count || !close(a.sumX, b.sumX) || !close(a.sumT, b.sumT)) out.push(`${id}: option ${key} differs`);
    }
  }
  return out;
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
