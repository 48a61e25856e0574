// Where an attempt stands at a given moment, from its row alone. Pure, so that every reader (the
// quiz overview, the attempt page, progress) shows an attempt whose time is up as closed without
// writing anything; only a write path that touches the attempt (a save, a submission, a new start)
// or the explicit sweep (./sweep.ts) turns OVERDUE into a stored submission.

export interface AttemptTiming {
  status: "IN_PROGRESS" | "SUBMITTED";
  /** Set when the quiz has a time limit. */
  deadlineAt: Date | null;
  submittedAt: Date | null;
}

/**
 * - OPEN: takes answers (no time limit, or before its deadline);
 * - OVERDUE: its deadline has passed but it is not submitted yet: closed, it waits to be scored
 *   as of its deadline with the answers saved before it;
 * - SUBMITTED: submitted by the student before any deadline;
 * - TIMED_OUT: submitted as of its deadline (the time ran out).
 */
export type AttemptState = "OPEN" | "OVERDUE" | "SUBMITTED" | "TIMED_OUT";

/** Why a closed attempt takes no more answers, as the page is told it. */
export type AttemptClosedReason = "SUBMITTED" | "TIME_UP";

export function attemptState(attempt: AttemptTiming, now: Date): AttemptState {
  if (attempt.status === "SUBMITTED") {
    // A submission is recorded no later than the deadline (internal/sql.ts FLIP_TO_SUBMITTED_SQL):
    // at the deadline means the time ran out.
    const timedOut = attempt.deadlineAt !== null && attempt.submittedAt !== null && attempt.submittedAt.getTime() >= attempt.deadlineAt.getTime();
    return timedOut ? "TIMED_OUT" : "SUBMITTED";
  }
  // As the save statement decides: open while deadline > now.
  return attempt.deadlineAt !== null && attempt.deadlineAt.getTime() <= now.getTime() ? "OVERDUE" : "OPEN";
}

export function isOpen(state: AttemptState): boolean {
  return state === "OPEN";
}

/** Why the attempt is closed, or null while it is open. */
export function closedReason(state: AttemptState): AttemptClosedReason | null {
  if (state === "OPEN") return null;
  return state === "SUBMITTED" ? "SUBMITTED" : "TIME_UP";
}
