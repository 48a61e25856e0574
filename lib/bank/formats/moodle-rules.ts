// Rules every Moodle format shares, as Moodle applies them on import: the grades an answer may carry,
// how a category path is written, and the text-format markers that may start a piece of text.

/**
 * The fractions Moodle offers for an answer's grade (question_bank::fraction_options_full): 100%,
 * 90%, 83.33333%, … and the same below zero. An import whose fraction is none of these (within
 * 0.00001, Moodle's match_grade_options "error" mode) is refused by Moodle, so it is refused here.
 */
const POSITIVE_GRADES = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
];
export const MOODLE_GRADES: readonly number[] = [...POSITIVE_GRADES, 0, ...POSITIVE_GRADES.map((g) => -g)];

/** Moodle's grade for a fraction (e.g. 0.3333333 for 0.33333), or null when Moodle would refuse it. */
export function moodleGrade(fraction: number): number | null {
  return MOODLE_GRADES.find((grade) => Math.abs(grade - fraction) < 0.00001) ?? null;
}

const percent = (fraction: number) => `${Number((fraction * 100).toFixed(5))}%`;

/** Why Moodle refuses a grade, in words an admin can act on; null when the grade is allowed. */
export function gradeProblem(fraction: number, what: string): string | null {
  if (moodleGrade(fraction) !== null) return null;
  const nearest = MOODLE_GRADES.reduce((best, grade) => (Math.abs(grade - fraction) < Math.abs(best - fraction) ? grade : best));
  return `${what} has the grade ${percent(fraction)}, which Moodle does not allow: use one of its grades, such as ${percent(nearest)} (the nearest)`;
}

/** A fraction as written for Moodle: an allowed grade always reads back as itself. */
export function moodlePercent(fraction: number): number {
  return Number(((moodleGrade(fraction) ?? fraction) * 100).toFixed(5));
}

/**
 * A category path as the bank keeps it: Moodle writes "$course$/top/Lecture 1/Formats" (a context,
 * then the context's "top" category, then the path), older files "$course$/Lecture 1" or "top/…".
 * Every format gives "Lecture 1/Formats". Blanks around each level are dropped, as Moodle does.
 */
export function normaliseCategoryPath(path: string): string {
  const levels = path
    .trim()
    .replace(/^\$(course|cat\d*|module|system|quiz)\$(\/|$)/, "")
    .split("/")
    .map((level) => level.trim());
  if (levels[0] === "top") levels.shift();
  return levels.filter(Boolean).join("/");
}

/** Moodle's text formats, as GIFT marks them at the start of a text. */
export type TextFormat = "html" | "plain" | "moodle" | "markdown";

const FORMAT_MARKER = /^\s*\[(html|plain|moodle|markdown)\]/i;

/** A text's leading "[html]"-style marker, and the text without it. */
export function splitFormatMarker(text: string): { format: TextFormat | null; text: string } {
  const marker = text.match(FORMAT_MARKER);
  return marker ? { format: marker[1]!.toLowerCase() as TextFormat, text: text.slice(marker[0].length) } : { format: null, text };
}
