import "server-only";
import { ROLES, assertRole } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { db } from "../../db";
import { NotFoundError } from "../../errors";
import { submitInOwnTransaction, type OwnedAttempt } from "./internal/finalize";

/** What the page needs after submitting: the score, and where the results are. */
export interface SubmissionResult {
  score: number;
  maxScore: number;
  lectureSlug: string;
}

/**
 * Submits the viewer's attempt: scores it and records it (class statistics, mistakes queue), once,
 * whatever the retries; an attempt already submitted answers with its stored score. An attempt whose
 * time is up is submitted as of its deadline, with the answers saved before it.
 */
export async function submitAttempt(viewer: Viewer, attemptId: string, idempotencyKey?: string): Promise<SubmissionResult> {
  assertRole(viewer, ROLES);
  const attempt: OwnedAttempt = { id: attemptId, userId: viewer.id };
  const outcome = await submitInOwnTransaction(attempt, new Date(), idempotencyKey);
  if (outcome.status === "submitted") return { score: outcome.attempt.score, maxScore: outcome.attempt.maxScore, lectureSlug: outcome.attempt.lectureSlug };
  // Already submitted (a retry, another tab), or not the viewer's: the stored result, or not found.
  const stored = await db.attempt.findFirst({
    where: { id: attemptId, userId: viewer.id, status: "SUBMITTED" },
    select: { score: true, maxScore: true, quiz: { select: { lecture: { select: { slug: true } } } } },
  });
  if (!stored) throw new NotFoundError("That attempt does not exist.");
  return { score: stored.score ?? 0, maxScore: stored.maxScore, lectureSlug: stored.quiz.lecture.slug };
}
