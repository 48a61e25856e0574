// Warnings on a question's statistics, with every threshold named here and nowhere else. No flag is
// raised below FLAG_MIN_RESPONSES answers: with fewer, the figures are too noisy to act on.

export const FLAG_MIN_RESPONSES = 20;
/** Facility (%) at or above which a question is "too easy". */
export const TOO_EASY_FACILITY = 90;
/** Facility (%) at or below which a question is "too hard". */
export const TOO_HARD_FACILITY = 20;
/** Discrimination index (%) below which discrimination is "poor" (Moodle colours < 20 as weak). */
export const POOR_DISCRIMINATION = 20;
/** A wrong option with a corrected point-biserial above this attracts the stronger students. */
export const STRONG_DISTRACTOR_POINT_BISERIAL = 0.05;
/** … when at least this share of answers chose it. */
export const STRONG_DISTRACTOR_MIN_SHARE = 0.05;
/** The key is suspect when its point-biserial is below this and a distractor's is above STRONG_DISTRACTOR_POINT_BISERIAL. */
export const WRONG_KEY_POINT_BISERIAL = 0;

export type FlagKind = "too-easy" | "too-hard" | "poor-discrimination" | "strong-distractor" | "possible-wrong-key" | "unused-option";

export interface Flag {
  kind: FlagKind;
  label: string;
  detail: string;
}

export const FLAG_LABELS: Record<FlagKind, string> = {
  "too-easy": "Too easy",
  "too-hard": "Too hard",
  "poor-discrimination": "Poor discrimination",
  "strong-distractor": "A distractor attracts strong students",
  "possible-wrong-key": "Possible wrong key",
  "unused-option": "Option nobody picks",
};

export interface FlagInput {
  n: number;
  facility: number | null;
  discrimination: number | null;
  options: { key: string; label: string; correct: boolean; count: number; pointBiserial: number | null }[];
}

const pct = (v: number) => `${Math.round(v)}%`;

export function questionFlags(input: FlagInput): Flag[] {
  if (input.n < FLAG_MIN_RESPONSES) return [];
  const flags: Flag[] = [];
  const add = (kind: FlagKind, detail: string) => flags.push({ kind, label: FLAG_LABELS[kind], detail });
  if (input.facility !== null && input.facility >= TOO_EASY_FACILITY) add("too-easy", `facility ${pct(input.facility)} ≥ ${TOO_EASY_FACILITY}%`);
  if (input.facility !== null && input.facility <= TOO_HARD_FACILITY) add("too-hard", `facility ${pct(input.facility)} ≤ ${TOO_HARD_FACILITY}%`);
  if (input.discrimination !== null && input.discrimination < POOR_DISCRIMINATION)
    add("poor-discrimination", `discrimination ${pct(input.discrimination)} < ${POOR_DISCRIMINATION}%`);
  const strong = input.options.filter(
    (o) => !o.correct && o.pointBiserial !== null && o.pointBiserial > STRONG_DISTRACTOR_POINT_BISERIAL && o.count / input.n >= STRONG_DISTRACTOR_MIN_SHARE,
  );
  for (const o of strong)
    add("strong-distractor", `option ${o.label}: point-biserial ${o.pointBiserial!.toFixed(2)}, chosen by ${pct((100 * o.count) / input.n)}`);
  const keys = input.options.filter((o) => o.correct);
  if (strong.length > 0 && keys.some((o) => o.pointBiserial !== null && o.pointBiserial < WRONG_KEY_POINT_BISERIAL)) {
    add("possible-wrong-key", `the keyed answer correlates negatively with the rest of the quiz while option ${strong[0]!.label} correlates positively`);
  }
  for (const o of input.options.filter((o) => o.count === 0)) add("unused-option", `option ${o.label} was never chosen`);
  return flags;
}
