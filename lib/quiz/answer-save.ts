import "server-only";
import { db, hotQuery } from "../db";
import { ActionError, NotFoundError } from "../errors";
import type { AttemptClosedReason, SaveAnswerInput, SaveOutcome } from "./schemas";
import { finalizeExpiredAttempts } from "./submission";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";

const CLOSED_MESSAGES: Record<AttemptClosedReason, string> = {
  SUBMITTED: "This attempt has already been submitted, so its answers can no longer change.",
  TIME_UP: "Time is up for this attempt: it has been submitted with the answers saved before the limit.",
};

// One statement on the hot path (benchmarked). The attempt row is share-locked, so a submission in
// progress is waited for and none can start mid-save. Every rule is a condition of the update:
// - the student's own attempt, still open, within its time; the question in it; the chosen keys
//   among its options, one key unless it is a multiple-answer question;
// - optimistic concurrency: the answer must still be at the revision the page based its change on
//   (save_seq is a revision counter the server bumps), and the request must not be one already
//   applied (same idempotency key);
// - time spent is the page's claim capped by the server's clock: no more than has passed since the
//   attempt's previous save of any question (or its start). Two saves of one attempt running at the
//   same instant (two devices) each see the same previous save; the page itself sends one at a time.
// Timestamps are written in UTC, as Prisma writes these `timestamp without time zone` columns.
const SAVE_ANSWER_SQL = `
WITH attempt AS (
  SELECT a.id,
    now() AT TIME ZONE 'UTC' AS now_utc,
    greatest(a.started_at, (SELECT max(s.saved_at) FROM responses AS s WHERE s.attempt_id = a.id)) AS since
  FROM attempts AS a
  WHERE a.id = $1 AND a.user_id = $2 AND a.status = 'IN_PROGRESS'
    AND (a.deadline_at IS NULL OR a.deadline_at > now() AT TIME ZONE 'UTC')
  FOR SHARE OF a
)
UPDATE responses AS r SET
  chosen_option_keys = $3::text[],
  flagged = $4,
  saved_at = attempt.now_utc,
  last_save_key = $5,
  save_seq = r.save_seq + 1,
  time_spent_ms = r.time_spent_ms + greatest(0, least($7::int, floor(extract(epoch FROM attempt.now_utc - attempt.since) * 1000)))::int
FROM attempt, question_versions AS qv
WHERE r.attempt_id = attempt.id AND r.position = $8 AND qv.id = r.question_version_id
  AND r.save_seq = $6::bigint AND r.last_save_key IS DISTINCT FROM $5
  AND $3::text[] <@ r.option_order
  AND (cardinality($3::text[]) <= 1 OR qv.type = 'MULTIPLE_CHOICE')
RETURNING r.save_seq::text AS revision, r.saved_at AT TIME ZONE 'UTC' AS saved_at`;

/** Saves one answer if it is still at the page's revision; otherwise says what is stored instead. */
export async function saveAnswer(user: SessionUser, input: SaveAnswerInput): Promise<SaveOutcome> {
  assertRole(user, ROLES);
  const chosen = [...new Set(input.chosen)];
  const saved = await hotQuery<{ revision: string; saved_at: Date }>(SAVE_ANSWER_SQL, [
    input.attemptId,
    user.id,
    chosen,
    input.flagged,
    input.idempotencyKey,
    String(input.baseRevision),
    input.timeSpentMs,
    input.position,
  ]);
  if (saved[0]) return { status: "saved", revision: Number(saved[0].revision), savedAt: saved[0].saved_at.toISOString() };
  return explainUnsavedAnswer(user, input, chosen);
}

/**
 * Why a save wrote nothing, off the hot path: a refusal (not found, invalid answer) throws; a closed
 * attempt, a retry of the request already applied, and a stale revision are outcomes for the page.
 */
async function explainUnsavedAnswer(user: SessionUser, input: SaveAnswerInput, chosen: string[]): Promise<SaveOutcome> {
  const attempt = await db.attempt.findFirst({ where: { id: input.attemptId, userId: user.id }, select: { status: true, deadlineAt: true, submittedAt: true } });
  if (!attempt) throw new NotFoundError("That attempt does not exist.");
  if (attempt.status !== "IN_PROGRESS") {
    // The server submits an expired attempt as of its deadline; a student's own submission is earlier.
    const expired = attempt.deadlineAt !== null && attempt.submittedAt !== null && attempt.submittedAt >= attempt.deadlineAt;
    return closed(expired ? "TIME_UP" : "SUBMITTED");
  }
  if (attempt.deadlineAt && attempt.deadlineAt.getTime() <= Date.now()) {
    await finalizeExpiredAttempts(user.id);
    return closed("TIME_UP");
  }
  const response = await db.response.findFirst({
    where: { attemptId: input.attemptId, position: input.position },
    select: { optionOrder: true, chosenOptionKeys: true, flagged: true, lastSaveKey: true, saveSeq: true, savedAt: true, questionVersion: { select: { type: true } } },
  });
  if (!response) throw new NotFoundError("That question is not part of this attempt.");
  if (chosen.some((key) => !response.optionOrder.includes(key))) throw new ActionError("VALIDATION", "That answer is not one of the question's options.");
  if (response.questionVersion.type !== "MULTIPLE_CHOICE" && chosen.length > 1) throw new ActionError("VALIDATION", "Choose only one answer for this question.");
  const revision = Number(response.saveSeq);
  // The same request again (its reply was lost): it was applied, so it succeeded; nothing changes.
  if (response.lastSaveKey === input.idempotencyKey) return { status: "saved", revision, savedAt: (response.savedAt ?? new Date()).toISOString() };
  // Based on an older revision: another device (or a later request) changed the answer since.
  return { status: "stale", revision, chosen: response.chosenOptionKeys, flagged: response.flagged, savedAt: response.savedAt?.toISOString() ?? null };
}

function closed(reason: AttemptClosedReason): SaveOutcome {
  return { status: "closed", reason, message: CLOSED_MESSAGES[reason] };
}
