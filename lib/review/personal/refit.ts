import "server-only";
// Refitting a student's FSRS parameters: a background job (lib/worker), never a request. Every fit
// is stored (the history the student sees); only an ACCEPTED one schedules, and then the student's
// due dates are recomputed with it.
import { db } from "../../db";
import { fitPersonalParameters, MIN_REVIEWS_FOR_FIT, type FitResult, type LoggedReview } from "./fit";
import type { Rating } from "../fsrs";

/** A refit is worth running again once the log has grown by this many reviews, or by this share. */
export const REFIT_AFTER_NEW_REVIEWS = 100;
export const REFIT_AFTER_GROWTH = 0.2;
/** The optimizer's time budget per student (the job itself expires later, see lib/jobs/queues.ts). */
const FIT_TIMEOUT_MS = 60_000;

/** The student's ratings that count (not undone), oldest first. */
export async function loadReviewLog(userId: string): Promise<LoggedReview[]> {
  const rows = await db.$queryRaw<{ cardId: string; rating: Rating; reviewedAt: Date }[]>`
    SELECT review_card_id AS "cardId", rating::text AS rating, reviewed_at AS "reviewedAt"
    FROM review_logs WHERE user_id = ${userId} AND undone_at IS NULL ORDER BY reviewed_at, id`;
  return rows;
}

/** Fits and stores one student's parameters; returns the stored verdict (null: too few reviews to try). */
export async function refitStudent(userId: string): Promise<(FitResult & { id: string }) | null> {
  const reviews = await loadReviewLog(userId);
  if (reviews.length < MIN_REVIEWS_FOR_FIT) return null;
  const result = await fitPersonalParameters(reviews, { timeoutMs: FIT_TIMEOUT_MS });
  const stored = await db.fsrsParameterSet.create({
    data: {
      userId,
      status: result.status,
      parameters: result.parameters,
      trainReviews: result.trainReviews,
      heldOutReviews: result.heldOutReviews,
      loglossDefault: result.loglossDefault,
      loglossPersonal: result.loglossPersonal,
      rmseDefault: result.rmseDefault,
      rmsePersonal: result.rmsePersonal,
      reason: result.reason,
      fitMs: Math.round(result.fitMs),
    },
    select: { id: true },
  });
  return { ...result, id: stored.id };
}

/**
 * The students a refit would help: enough reviews, and no fit yet or a log grown since the last one
 * (by REFIT_AFTER_NEW_REVIEWS reviews or REFIT_AFTER_GROWTH of it, whichever is more).
 */
export async function studentsDueForRefit(limit = 500): Promise<string[]> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    WITH counts AS (
      SELECT user_id, count(*)::int AS n FROM review_logs WHERE undone_at IS NULL GROUP BY user_id HAVING count(*) >= ${MIN_REVIEWS_FOR_FIT}
    ),
    last_fit AS (
      SELECT DISTINCT ON (user_id) user_id, train_reviews + held_out_reviews AS n FROM fsrs_parameter_sets ORDER BY user_id, created_at DESC
    )
    SELECT c.user_id AS "userId" FROM counts c LEFT JOIN last_fit f ON f.user_id = c.user_id
    WHERE f.user_id IS NULL OR c.n - f.n >= greatest(${REFIT_AFTER_NEW_REVIEWS}::int, ceil(f.n * ${REFIT_AFTER_GROWTH}::float8))
    ORDER BY c.user_id LIMIT ${limit}`;
  return rows.map((row) => row.userId);
}
