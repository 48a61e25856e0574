import "server-only";
import { randomInt } from "node:crypto";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../db-errors";
import { ATTEMPT_PLAN_SQL, CREATE_ATTEMPT_SQL, type AttemptPlanRow } from "./internal/sql";
import { planSlot } from "./scoring";
import { attemptState } from "./submission/attempt-state";
import { submitInOwnTransaction } from "./submission/internal/finalize";

const openAttemptSelect = { id: true, status: true, deadlineAt: true, submittedAt: true } as const satisfies Prisma.AttemptSelect;

/**
 * Resumes the viewer's attempt in progress, or starts the next one. Returns its id. An attempt of
 * theirs whose time is up is submitted first (in its own transaction, so it stays submitted even
 * when no attempt is left to start): numbering and "one attempt in progress" then hold.
 */
export async function startOrResumeAttempt(viewer: Viewer, quizId: string): Promise<string> {
  assertRole(viewer, ROLES);
  const now = new Date();
  const open = await db.attempt.findFirst({ where: { quizId, userId: viewer.id, status: "IN_PROGRESS" }, select: openAttemptSelect });
  if (open && attemptState(open, now) === "OPEN") return open.id;
  if (open) await submitInOwnTransaction({ id: open.id, userId: viewer.id }, now);
  try {
    return await db.$transaction(async (tx) => {
      const [quiz] = await tx.$queryRawUnsafe<AttemptPlanRow[]>(ATTEMPT_PLAN_SQL, quizId, viewer.id);
      if (!quiz) throw new NotFoundError("That quiz does not exist.");
      if (quiz.attemptsAllowed !== null && quiz.used >= quiz.attemptsAllowed) {
        throw new ActionError("FORBIDDEN", `You have used all ${quiz.attemptsAllowed} attempts at this quiz.`);
      }
      const seed = randomInt(0, 2 ** 31);
      const startedAt = new Date();
      const responses = quiz.slots.map((slot, position) => {
        const plan = planSlot(seed, position, slot.versions, (v) => v.keys, quiz.shuffleOptions);
        return { slot_id: slot.id, version_id: plan.variant.id, position, option_order: plan.optionOrder, max_mark: slot.maxMark };
      });
      const deadlineAt = quiz.timeLimitSeconds ? new Date(startedAt.getTime() + quiz.timeLimitSeconds * 1000) : null;
      const [attempt] = await tx.$queryRawUnsafe<{ id: string }[]>(
        CREATE_ATTEMPT_SQL,
        quizId,
        viewer.id,
        (quiz.lastNumber ?? 0) + 1,
        seed,
        startedAt.toISOString(),
        deadlineAt?.toISOString() ?? null,
        responses.reduce((sum, r) => sum + r.max_mark, 0),
        JSON.stringify(responses),
      );
      return attempt!.id;
    });
  } catch (error) {
    // Two tabs started at once: the partial unique index (one attempt in progress per student and
    // quiz) let one win; resume that one.
    if (isUniqueViolation(error)) {
      const winner = await db.attempt.findFirst({ where: { quizId, userId: viewer.id, status: "IN_PROGRESS" }, select: { id: true } });
      if (winner) return winner.id;
    }
    throw error;
  }
}
