// The dashboard's view: which attempts count, and the cohort and date filters (shared by pages,
// the CSV export and the data layer).
export const ATTEMPT_SELECTIONS = ["first", "last", "best", "all"] as const;
export type AttemptSelection = (typeof ATTEMPT_SELECTIONS)[number];

export interface StatsView {
  attempts: AttemptSelection;
  cohortId?: string | null;
  /** Submitted at or after. */
  from?: Date | null;
  /** Submitted before. */
  to?: Date | null;
}

export const DEFAULT_VIEW: StatsView = { attempts: "first" };

export function isDefaultView(view: StatsView): boolean {
  return view.attempts === "first" && !view.cohortId && !view.from && !view.to;
}
