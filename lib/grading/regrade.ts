import "server-only";
// Regrading one slot of a quiz: the dry run (what would change, attempt by attempt, and the class
// mean before and after) and the apply (one transaction: the marks, the totals, the statistics, the
// mistakes queues, the regrade's record and the audit entry; a retry with the same key changes
// nothing). Staff only, checked here.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { allowLongStatements, db } from "../db";
import type { DbTransaction } from "../db-client";
import { isUniqueViolation } from "../db-errors";
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/internal/record";
import { classTotals, inProgressOnSlot, lockSlotAttempts, slotResponses, slotVersions, type ClassTotals } from "./internal/sql";
import { rewriteMarks } from "./internal/rewrite";
import { planRegrade, type PlannedAttempt, type RegradeMode, type RegradePlan, type RegradeTarget } from "./regrade-plan";

export interface RegradeRequest {
  quizId: string;
  slotId: string;
  mode: RegradeMode;
  target: RegradeTarget;
}

export interface MeanChange {
  /** Mean attempt total (marks) and mean share of the maximum (0–1), over every submitted attempt. */
  before: number;
  after: number;
  shareBefore: number;
  shareAfter: number;
}

export interface RegradePreview {
  quiz: { id: string; title: string };
  slot: { id: string; position: number };
  request: RegradeRequest;
  changed: PlannedAttempt[];
  unchanged: number;
  skipped: RegradePlan["skipped"];
  /** Attempts still open on the slot: they are scored at submission with the version they hold. */
  inProgress: number;
  classAttempts: number;
  mean: MeanChange;
}

export interface RegradeOutcome {
  regradeId: string;
  /** The key was already applied: nothing changed this time. */
  repeated: boolean;
  attemptsChanged: number;
  mean: MeanChange;
}

export const MODE_LABELS: Record<RegradeMode, string> = {
  KEY: "score with the newest version",
  FULL: "full marks to everyone",
  DROP: "drop the question",
};
export const TARGET_LABELS: Record<RegradeTarget, string> = { OLD_VERSION: "attempts that saw an older version", ALL: "every attempt" };

async function slotOf(tx: DbTransaction, request: RegradeRequest) {
  return tx.quizSlot.findFirst({
    where: { id: request.slotId, quizId: request.quizId },
    select: { id: true, position: true, quiz: { select: { id: true, title: true, lectureId: true } } },
  });
}

async function plan(tx: DbTransaction, request: RegradeRequest) {
  const [responses, versions, totals] = await Promise.all([
    slotResponses(tx, request.quizId, request.slotId, request.target),
    slotVersions(tx, request.slotId),
    classTotals(tx, request.quizId),
  ]);
  return { plan: planRegrade(responses, versions.byId, versions.newest, request.mode), totals, responses, versions };
}

function meanChange(totals: ClassTotals, changed: readonly PlannedAttempt[]): MeanChange {
  const n = totals.attempts;
  const share = (score: number, max: number) => (max > 0 ? score / max : 0);
  const dScore = changed.reduce((sum, a) => sum + a.newScore - a.oldScore, 0);
  const dShare = changed.reduce((sum, a) => sum + share(a.newScore, a.newMaxScore) - share(a.oldScore, a.oldMaxScore), 0);
  return {
    before: n ? totals.sumScore / n : 0,
    after: n ? (totals.sumScore + dScore) / n : 0,
    shareBefore: n ? totals.sumShare / n : 0,
    shareAfter: n ? (totals.sumShare + dShare) / n : 0,
  };
}

/** The quiz and the slot a regrade page is about; null when they do not exist. */
export async function getRegradeSlot(
  viewer: Viewer,
  quizId: string,
  slotId: string,
): Promise<{ quiz: { id: string; title: string }; slot: { id: string; position: number } } | null> {
  assertRole(viewer, STAFF_ROLES);
  const slot = await db.quizSlot.findFirst({
    where: { id: slotId, quizId },
    select: { id: true, position: true, quiz: { select: { id: true, title: true } } },
  });
  return slot ? { quiz: slot.quiz, slot: { id: slot.id, position: slot.position } } : null;
}

/** What the regrade would do; null when the quiz or the slot does not exist. Writes nothing. */
export async function dryRunRegrade(viewer: Viewer, request: RegradeRequest): Promise<RegradePreview | null> {
  assertRole(viewer, STAFF_ROLES);
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, 60_000);
      const slot = await slotOf(tx, request);
      if (!slot) return null;
      const [{ plan: result, totals }, inProgress] = await Promise.all([plan(tx, request), inProgressOnSlot(tx, request.quizId, request.slotId)]);
      return {
        quiz: { id: slot.quiz.id, title: slot.quiz.title },
        slot: { id: slot.id, position: slot.position },
        request,
        changed: result.changed,
        unchanged: result.unchanged,
        skipped: result.skipped,
        inProgress,
        classAttempts: totals.attempts,
        mean: meanChange(totals, result.changed),
      };
    },
    { timeout: 65_000 },
  );
}

/** Applies the regrade; null when the quiz or the slot does not exist. */
export async function applyRegrade(viewer: Viewer, request: RegradeRequest & { idempotencyKey: string }): Promise<RegradeOutcome | null> {
  assertRole(viewer, STAFF_ROLES);
  const repeat = await findApplied(request.idempotencyKey);
  if (repeat) return repeat;
  let outcome: RegradeOutcome | null;
  try {
    outcome = await db.$transaction(
      async (tx) => {
        await allowLongStatements(tx, 110_000);
        // A few large statements: compiling them (JIT) costs more than it saves.
        await tx.$executeRaw`SET LOCAL jit = off`;
        const slot = await slotOf(tx, request);
        if (!slot) return null;
        const regrade = await tx.regrade.create({
          data: {
            quizId: request.quizId,
            slotId: request.slotId,
            mode: request.mode,
            target: request.target,
            actorId: viewer.id,
            idempotencyKey: request.idempotencyKey,
            summary: {},
          },
          select: { id: true, createdAt: true },
        });
        // Planned inside the transaction, under the attempts' locks, from the marks as they are now (the
        // dry run may be stale); what the plan read is what the rewrite starts from.
        const attempts = await lockSlotAttempts(tx, request.quizId, request.slotId);
        const { plan: result, totals, responses, versions } = await plan(tx, request);
        const locked = {
          attempts,
          responses: responses.map((r) => ({
            id: r.responseId,
            attempt_id: r.attemptId,
            question_id: versions.byId.get(r.versionId)!.questionId,
            is_correct: r.isCorrect,
            mark: r.mark,
            max_mark: r.maxMark,
          })),
        };
        await rewriteMarks(
          tx,
          request.quizId,
          result.rewrites.map((w) => ({
            responseId: w.responseId,
            attemptId: w.attemptId,
            mark: w.newMark,
            maxMark: w.newMaxMark,
            isCorrect: w.isCorrect,
            versionId: w.versionId,
            chosenOptionKeys: w.chosenOptionKeys,
            optionOrder: w.optionOrder,
          })),
          { regradeId: regrade.id, now: regrade.createdAt },
          locked,
        );
        const mean = meanChange(totals, result.changed);
        const summary = { attemptsChanged: result.changed.length, unchanged: result.unchanged, skipped: result.skipped, mean };
        await tx.regrade.update({ where: { id: regrade.id }, data: { summary: summary as unknown as Prisma.InputJsonValue } });
        await recordAudit(tx, {
          actorId: viewer.id,
          lectureId: slot.quiz.lectureId,
          entityType: "regrade",
          entityId: regrade.id,
          action: "regrade.apply",
          summary:
            `Regraded question ${slot.position + 1} of ${slot.quiz.title} (${MODE_LABELS[request.mode]}, ${TARGET_LABELS[request.target]}): ` +
            `${result.changed.length} attempt${result.changed.length === 1 ? "" : "s"} changed, mean ${mean.before.toFixed(2)} → ${mean.after.toFixed(2)}`,
          before: { "mean total": Number(mean.before.toFixed(4)) },
          after: { "mean total": Number(mean.after.toFixed(4)), "attempts changed": result.changed.length },
        });
        return { regradeId: regrade.id, repeated: false, attemptsChanged: result.changed.length, mean };
      },
      { timeout: 115_000, maxWait: 10_000 },
    );
  } catch (error) {
    // The same key applied at the same moment by another request: that one did it.
    const applied = isUniqueViolation(error) ? await findApplied(request.idempotencyKey) : null;
    if (applied) return applied;
    throw error;
  }
  return outcome;
}

async function findApplied(idempotencyKey: string): Promise<RegradeOutcome | null> {
  const row = await db.regrade.findUnique({ where: { idempotencyKey }, select: { id: true, summary: true } });
  if (!row) return null;
  const summary = row.summary as { attemptsChanged?: number; mean?: MeanChange };
  return {
    regradeId: row.id,
    repeated: true,
    attemptsChanged: summary.attemptsChanged ?? 0,
    mean: summary.mean ?? { before: 0, after: 0, shareBefore: 0, shareAfter: 0 },
  };
}

export interface AppliedRegrade {
  id: string;
  at: Date;
  actor: string | null;
  mode: RegradeMode;
  target: RegradeTarget;
  attemptsChanged: number;
  mean: MeanChange | null;
}

/** The slot's regrades, newest first (staff only). */
export async function getSlotRegrades(viewer: Viewer, quizId: string, slotId: string): Promise<AppliedRegrade[]> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.regrade.findMany({
    where: { quizId, slotId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, createdAt: true, mode: true, target: true, summary: true, actor: { select: { name: true } } },
  });
  return rows.map((r) => {
    const summary = r.summary as { attemptsChanged?: number; mean?: MeanChange };
    return {
      id: r.id,
      at: r.createdAt,
      actor: r.actor?.name ?? null,
      mode: r.mode,
      target: r.target,
      attemptsChanged: summary.attemptsChanged ?? 0,
      mean: summary.mean ?? null,
    };
  });
}
