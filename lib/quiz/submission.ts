import "server-only";
import { db } from "../db";
import type { DbTransaction } from "../db-client";
import { NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { recordQuizOutcomes } from "../review/mistakes-data";
import { scoreChoice, type ChoiceType } from "./scoring";
import { recordSubmissionStatistics } from "./statistics-data";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";

/**
 * The stored submission key. Scoped to the attempt: the column is unique across all attempts, and a
 * page (or a client that reuses keys) may send the same key for a later attempt — that must submit
 * the later attempt, not collide with the earlier one. Retries of one submission are made harmless
 * by the conditional status flip below, not by this key; it records which request submitted.
 */
export function submissionKeyFor(attemptId: string, idempotencyKey: string): string {
  return `${attemptId}:${idempotencyKey}`;
}

/** Submits the attempt: scores it and updates the class statistics, once, whatever the retries. */
export async function submitAttempt(user: SessionUser, attemptIdToSubmit: string, idempotencyKey?: string): Promise<{ score: number; maxScore: number }> {
  assertRole(user, ROLES);
  const result = await db.$transaction((tx) => finalizeAttempt(tx, attemptIdToSubmit, user.id, new Date(), idempotencyKey));
  if (result === "missing") throw new NotFoundError("That attempt does not exist.");
  const attempt = await db.attempt.findFirstOrThrow({ where: { id: attemptIdToSubmit, userId: user.id }, select: { score: true, maxScore: true } });
  return { score: attempt.score ?? 0, maxScore: attempt.maxScore };
}

/**
 * Submits the attempts whose time limit has passed — of one user, or of everyone on one quiz — with
 * the answers saved before the limit. Runs whenever a quiz, an attempt or a save is touched, so an
 * expired attempt is counted as soon as anyone opens the quiz, even if its student never comes back.
 */
export async function finalizeExpiredAttempts(userId: string | null, quizId?: string): Promise<void> {
  const now = new Date();
  const expired = await db.attempt.findMany({
    where: { status: "IN_PROGRESS", deadlineAt: { lte: now }, ...(userId ? { userId } : {}), ...(quizId ? { quizId } : {}) },
    select: { id: true, userId: true, deadlineAt: true },
  });
  for (const attempt of expired) await db.$transaction((tx) => finalizeAttempt(tx, attempt.id, attempt.userId, attempt.deadlineAt ?? now));
}

/**
 * Flips the attempt to SUBMITTED (only if it is in progress: the conditional update takes the row
 * lock, so a concurrent or repeated submission finds it submitted and does nothing), scores every
 * response and adds the attempt to the running statistics, all in the caller's transaction.
 */
async function finalizeAttempt(tx: DbTransaction, id: string, userId: string, submittedAt: Date, idempotencyKey?: string): Promise<"submitted" | "already" | "missing"> {
  const flipped = await tx.attempt.updateMany({
    where: { id, userId, status: "IN_PROGRESS" },
    data: { status: "SUBMITTED", submittedAt, ...(idempotencyKey ? { submissionKey: submissionKeyFor(id, idempotencyKey) } : {}) },
  });
  if (flipped.count === 0) {
    const exists = await tx.attempt.count({ where: { id, userId } });
    return exists ? "already" : "missing";
  }
  const attempt = await tx.attempt.findUniqueOrThrow({
    where: { id },
    select: {
      quizId: true,
      attemptNumber: true,
      quiz: { select: { lectureId: true } },
      responses: {
        select: {
          id: true,
          slotId: true,
          questionVersionId: true,
          chosenOptionKeys: true,
          maxMark: true,
          timeSpentMs: true,
          questionVersion: { select: { type: true, questionId: true, options: { select: { key: true, isCorrect: true, fraction: true } } } },
        },
      },
    },
  });
  const scored = attempt.responses.map((r) => ({
    ...r,
    ...(["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE"].includes(r.questionVersion.type)
      ? scoreChoice(r.questionVersion.type as ChoiceType, r.questionVersion.options, r.chosenOptionKeys, r.maxMark)
      : { mark: 0, isCorrect: false }),
  }));
  if (scored.length > 0) {
    const rows = scored.map((r) => Prisma.sql`(${r.id}, ${r.mark}::float8, ${r.isCorrect}::boolean)`);
    await tx.$executeRaw`UPDATE responses AS r SET mark = v.mark, is_correct = v.ok FROM (VALUES ${Prisma.join(rows)}) AS v(id, mark, ok) WHERE r.id = v.id`;
  }
  const score = Math.round(scored.reduce((sum, r) => sum + r.mark, 0) * 1e9) / 1e9;
  await tx.attempt.update({ where: { id }, data: { score } });
  await recordSubmissionStatistics(tx, attempt.quizId, attempt.attemptNumber, scored);
  // Missed questions join the student's mistakes queue; right answers to queued ones reschedule them.
  await recordQuizOutcomes(tx, userId, attempt.quiz.lectureId, scored.map((r) => ({ questionId: r.questionVersion.questionId, correct: r.isCorrect })), submittedAt, `attempt:${id}`);
  return "submitted";
}
