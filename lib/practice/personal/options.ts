// A personal practice quiz's choices, as plain data: the form (a client component) reads them from
// here without shipping zod, and the selection and the schemas share them.

export const PRACTICE_MODES = ["review", "stretch"] as const;
export type PracticeMode = (typeof PRACTICE_MODES)[number];

/** The chance of a right answer each mode aims at, item by item. */
export const TARGET_SUCCESS: Record<PracticeMode, number> = { review: 0.7, stretch: 0.5 };

export const MODE_LABELS: Record<PracticeMode, string> = {
  review: "Review — about 70 % right",
  stretch: "Stretch me — about 50 % right",
};

/** The lengths the form offers; the schema accepts any length from MIN_LENGTH to MAX_LENGTH. */
export const PRACTICE_LENGTHS = [5, 10, 15, 20] as const;
export const MIN_LENGTH = 5;
export const MAX_LENGTH = 30;
export const DEFAULT_LENGTH = 10;

/** "70 %" (the course's style: a space before the sign). */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function personalPracticePath(lectureSlug: string): string {
  return `/lectures/${lectureSlug}/quiz/personal`;
}

export function practiceSessionPath(lectureSlug: string, sessionId: string): string {
  return `/lectures/${lectureSlug}/quiz/practice/${sessionId}`;
}
