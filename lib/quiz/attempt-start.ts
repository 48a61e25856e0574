import "server-only";
import { randomInt } from "node:crypto";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db, hotQuery } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { ATTEMPT_PLAN_SQL, CREATE_ATTEMPT_SQL, type AttemptPlanRow, type CreatedAttemptRow } from "./internal/sql";
import { attemptPath } from "./routes";
import { planSlot, slotOrder } from "./scoring";
import { attemptState } from "./submission/attempt-state";
import { submitInOwnTransaction } from "./submission/internal/finalize";
import { attemptDeadline, quizWindowRefusal } from "./window";

/** The attempt a student is taking: its id and the page it is taken on. */
export interface OpenedAttempt {
  id: string;
  path: string;
}

/**
 * Resumes the viewer's attempt in progress, or starts the next one. An attempt of theirs whose time is
 * up is submitted first (in its own transaction, so it stays submitted even when no attempt is left to
 * start): numbering and "one attempt in progress" then hold. Two statements when it starts one: the
 * plan (settings, attempts used, slots) and the insert of the attempt with its responses. No
 * transaction spans them: the insert is one statement, and the unique indexes (one attempt in
 * progress per student and quiz; one attempt per number) settle two starts at once.
 */
export async function startOrResumeAttempt(viewer: Viewer, quizId: string): Promise<OpenedAttempt> {
  assertRole(viewer, ROLES);
  const plan = await readPlan(viewer, quizId);
  if (plan.open) {
    const now = new Date();
    const open = { status: "IN_PROGRESS" as const, submittedAt: null, deadlineAt: plan.open.deadlineMs === null ? null : new Date(plan.open.deadlineMs) };
    if (attemptState(open, now) === "OPEN") return opened(plan, plan.open.id);
    await submitInOwnTransaction({ id: plan.open.id, userId: viewer.id }, now);
    // Submitted (by this call or by whoever got there first): plan again, with one attempt more used.
    return startAttempt(viewer, quizId, await readPlan(viewer, quizId));
  }
  return startAttempt(viewer, quizId, plan);
}

async function readPlan(viewer: Viewer, quizId: string): Promise<AttemptPlanRow> {
  const [plan] = await hotQuery<AttemptPlanRow>(ATTEMPT_PLAN_SQL, [quizId, viewer.id]);
  if (!plan) throw new NotFoundError("That quiz does not exist.");
  return plan;
}

const opened = (plan: AttemptPlanRow, id: string): OpenedAttempt => ({ id, path: attemptPath(plan.lectureSlug, id) });

const msDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

async function startAttempt(viewer: Viewer, quizId: string, plan: AttemptPlanRow): Promise<OpenedAttempt> {
  // Another start (a second tab) got in between the two reads: resume it.
  if (plan.open) return opened(plan, plan.open.id);
  if (plan.attemptsAllowed !== null && plan.used >= plan.attemptsAllowed) {
    throw new ActionError("FORBIDDEN", `You have used all ${plan.attemptsAllowed} attempts at this quiz.`);
  }
  const startedAt = new Date();
  // The quiz's window (set in the quiz editor): no new attempt before it opens or once it closed; one
  // started in time runs until its time limit or the closing, whichever comes first.
  const quizWindow = { opensAt: msDate(plan.opensMs), closesAt: msDate(plan.closesMs) };
  const refusal = quizWindowRefusal(quizWindow, startedAt);
  if (refusal) throw new ActionError("FORBIDDEN", refusal);
  const seed = randomInt(0, 2 ** 31);
  // Each slot's variant and option order come from its place in the quiz; where it is shown, from the slot order.
  const planned = plan.slots.map((slot, index) => ({ slot, ...planSlot(seed, index, slot.versions, (v) => v.keys, plan.shuffleOptions) }));
  const responses = slotOrder(seed, planned, plan.shuffleSlots).map(({ slot, variant, optionOrder }, position) => ({
    slot_id: slot.id,
    version_id: variant.id,
    position,
    option_order: optionOrder,
    max_mark: slot.maxMark,
  }));
  const deadlineAt = attemptDeadline(startedAt, plan.timeLimitSeconds, quizWindow.closesAt);
  try {
    const [attempt] = await hotQuery<CreatedAttemptRow>(CREATE_ATTEMPT_SQL, [
      quizId,
      viewer.id,
      (plan.lastNumber ?? 0) + 1,
      seed,
      startedAt.toISOString(),
      deadlineAt?.toISOString() ?? null,
      responses.reduce((sum, r) => sum + r.max_mark, 0),
      JSON.stringify(responses),
    ]);
    return opened(plan, attempt!.id);
  } catch (error) {
    // Two tabs started at once: the partial unique index (one attempt in progress per student and
    // quiz) let one win; resume that one.
    if (isUniqueViolation(error)) {
      const winner = await db.attempt.findFirst({ where: { quizId, userId: viewer.id, status: "IN_PROGRESS" }, select: { id: true } });
      if (winner) return opened(plan, winner.id);
    }
    throw error;
  }
}
