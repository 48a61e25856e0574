// The dashboard's table as CSV: one row per slot and per variant, then a glossary of every column.
// Titles come from question text anyone with import rights wrote: csvLine keeps a spreadsheet from
// running them as formulas (lib/csv/cells.ts). The figures are numbers and are written as numbers.
import { csvLine, type CsvValue } from "../csv/cells";
import type { QuizDashboard } from "./describe";
import { FLAG_MIN_RESPONSES, POOR_DISCRIMINATION, TOO_EASY_FACILITY, TOO_HARD_FACILITY } from "./flags";

export const GLOSSARY: [string, string][] = [
  [
    "s",
    "number of attempts selected (first, last, best or all; cohort and dates as filtered). " +
      "x = mark on the question, T = attempt total, R = T − x. Variances divide by s − 1.",
  ],
  ["n", "attempts that answered the question (the slot row counts every variant)"],
  ["facility_pct", "100 × mean(x) / maximum mark"],
  ["facility_low_pct / facility_high_pct", "95% Wilson score interval for facility"],
  ["sd_pct", "100 × SD(x) / maximum mark"],
  ["discrimination", "100 × cov(x, R) / √(var x · var R): the corrected item-rest correlation"],
  ["discrimination_low / discrimination_high", "95% Fisher-z interval: tanh(atanh(r) ± 1.96 / √(n − 3)) × 100"],
  ["discriminative_efficiency", "100 × cov(x, R) / covmax, covmax = the covariance of x and R each sorted ascending"],
  ["mean_time_s", "mean seconds spent on the question"],
  ["option_<L>_count / option_<L>_pb", "answers choosing option L, and the corrected point-biserial of choosing it against R"],
  [
    "flags",
    `too easy (facility ≥ ${TOO_EASY_FACILITY}%), too hard (≤ ${TOO_HARD_FACILITY}%), poor discrimination (< ${POOR_DISCRIMINATION}), ` +
      "a distractor attracts strong students (a wrong option with point-biserial > 0.05 chosen by ≥ 5%), " +
      "possible wrong key (the key's point-biserial < 0 while such a distractor exists), " +
      `option nobody picks; none below ${FLAG_MIN_RESPONSES} answers`,
  ],
  ["quiz: alpha", "Cronbach's α = p/(p − 1) · (1 − Σ var xᵢ / var T), p = number of questions"],
  ["quiz: error_ratio_pct / standard_error", "100 × √(1 − α); standard error = √(1 − α) × SD(T)"],
  ["quiz: skewness / kurtosis", "k₃ / k₂^1.5 and k₄ / k₂² from the k-statistics of T (Moodle's definitions)"],
];

const num = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

export function dashboardCsv(dashboard: QuizDashboard): string {
  const maxOptions = Math.max(0, ...dashboard.slots.flatMap((s) => s.variants.map((v) => v.options.length)));
  const letters = Array.from({ length: maxOptions }, (_, i) => String.fromCharCode(65 + i));
  const header = [
    "position",
    "row",
    "question",
    "n",
    "facility_pct",
    "facility_low_pct",
    "facility_high_pct",
    "sd_pct",
    "discrimination",
    "discrimination_low",
    "discrimination_high",
    "discriminative_efficiency",
    "mean_time_s",
    ...letters.flatMap((l) => [`option_${l}_count`, `option_${l}_pb`]),
    "flags",
  ];
  const records: CsvValue[][] = [header];
  for (const slot of dashboard.slots) {
    const rows = [{ row: "slot", r: slot }, ...slot.variants.map((v, i) => ({ row: `variant ${String.fromCharCode(97 + i)}`, r: v }))];
    for (const { row, r } of rows) {
      records.push([
        slot.position + 1,
        row,
        r.title,
        r.n,
        num(r.facility),
        num(r.facilityInterval?.[0] ?? null),
        num(r.facilityInterval?.[1] ?? null),
        num(r.sd),
        num(r.discrimination),
        num(r.discriminationInterval?.[0] ?? null),
        num(r.discriminationInterval?.[1] ?? null),
        num(r.efficiency),
        num(r.meanTimeSeconds, 1),
        ...letters.flatMap((_, i) => (r.options[i] ? [r.options[i]!.count, num(r.options[i]!.pointBiserial)] : [null, null])),
        r.flags.map((f) => f.label).join("; "),
      ]);
    }
  }
  const s = dashboard.summary;
  records.push([]);
  records.push(["quiz", "attempts", "mean", "sd", "skewness", "kurtosis", "alpha", "error_ratio_pct", "standard_error"]);
  records.push([
    dashboard.quiz.title,
    s.attempts,
    num(s.mean),
    num(s.sd),
    num(s.skewness),
    num(s.kurtosis),
    num(s.alpha),
    num(s.errorRatio),
    num(s.standardError),
  ]);
  records.push([]);
  records.push(["glossary", "definition"]);
  for (const entry of GLOSSARY) records.push(entry);
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  return `\uFEFF${records.map((record) => `${csvLine(record)}\n`).join("")}`;
}
