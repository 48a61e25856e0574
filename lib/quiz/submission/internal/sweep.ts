import "server-only";
// Submitting every attempt whose time is up, whoever owns it: for the sweep the instructor pages run
// before they read figures (../sweep.ts checks the role and bounds it) and for `npm run quiz:sweep`
// (scripts/quiz-sweep.ts), a job that may run on a schedule. Student pages never do this; a student's
// own attempt is also closed by the next write that touches it.
import { db } from "../../../db";
import { finalizeAttempt } from "./finalize";

export interface SweepScope {
  /** Only this quiz's attempts; every quiz when absent. */
  quizId?: string;
}

/** How many attempts are finalized per read of the overdue list (each in its own transaction). */
const BATCH = 200;

/** Submits the overdue attempts in `scope` as of their deadlines, at most `limit` of them. Returns how many it closed. */
export async function sweepOverdueAttemptsUnchecked(scope: SweepScope = {}, now: Date = new Date(), limit = Number.POSITIVE_INFINITY): Promise<number> {
  let closed = 0;
  for (;;) {
    const overdue = await db.attempt.findMany({
      // An empty quizId matches nothing (never dropped from the filter, which would sweep every quiz).
      where: { status: "IN_PROGRESS", deadlineAt: { lte: now }, ...(scope.quizId !== undefined ? { quizId: scope.quizId } : {}) },
      orderBy: { deadlineAt: "asc" },
      take: Math.min(BATCH, limit - closed),
      select: { id: true, userId: true },
    });
    let closedNow = 0;
    for (const attempt of overdue) {
      // One transaction per attempt: a failure leaves the others submitted, and a concurrent
      // submission of the same attempt (its student, a save) makes this one a no-op.
      const outcome = await db.$transaction((tx) => finalizeAttempt(tx, attempt, now));
      if (outcome.status === "submitted") closedNow += 1;
    }
    closed += closedNow;
    // A full batch of which none could be closed would come back the same: stop rather than spin.
    if (overdue.length < BATCH || closedNow === 0 || closed >= limit) return closed;
  }
}
