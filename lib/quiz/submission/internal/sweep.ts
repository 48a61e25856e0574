import "server-only";
// Submitting every attempt whose time is up, whoever owns it: for the sweep the instructor pages run
// before they read figures (../sweep.ts checks the role and bounds it) and for `npm run quiz:sweep`
// (scripts/quiz-sweep.ts), a job that may run on a schedule. Student pages never do this; a student's
// own attempt is also closed by the next write that touches it.
//
// When a timed quiz's deadline passes for a whole class at once, the sweep works in batches: each
// transaction claims the next few overdue attempts (skipping any that a student is submitting right
// now), submits them and commits, so it holds few locks for a short time, one transaction at a time,
// and a sweep that stops (an error, a busy database, its limit) leaves the rest for the next one.
import { db } from "../../../db";
import { CLAIM_OVERDUE_SQL, type ClaimedAttemptRow } from "../../internal/sql";
import { afterSubmissions, finalizeAttempt, type SubmittedAttempt } from "./finalize";

export interface SweepScope {
  /** Only this quiz's attempts; every quiz when absent. */
  quizId?: string;
}

/** Attempts claimed and submitted per transaction (about 5 ms each). */
const BATCH = 25;

/** Submits the overdue attempts in `scope` as of their deadlines, at most `limit` of them. Returns how many it closed. */
export async function sweepOverdueAttemptsUnchecked(scope: SweepScope = {}, now: Date = new Date(), limit = Number.POSITIVE_INFINITY): Promise<number> {
  let closed = 0;
  while (closed < limit) {
    const submitted = await db.$transaction(async (tx) => {
      // An empty quizId matches nothing (it is never taken for "every quiz").
      const claimed = await tx.$queryRawUnsafe<ClaimedAttemptRow[]>(
        CLAIM_OVERDUE_SQL,
        now.toISOString(),
        scope.quizId ?? null,
        Math.min(BATCH, limit - closed),
      );
      const done: SubmittedAttempt[] = [];
      for (const attempt of claimed) {
        const outcome = await finalizeAttempt(tx, attempt, now);
        if (outcome.status === "submitted") done.push(outcome.attempt);
      }
      return { claimed: claimed.length, done };
    });
    afterSubmissions(submitted.done);
    closed += submitted.done.length;
    // Fewer than a batch left (or none that could be closed, which would come back the same): done.
    if (submitted.claimed < BATCH || submitted.done.length === 0) return closed;
  }
  return closed;
}
