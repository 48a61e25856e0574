import "server-only";
import { assertRole, ROLES } from "../auth/roles";
import type { ClaimedSession } from "../auth/session-claims";
import type { Viewer } from "../auth/viewer";
import { db, hotQuery } from "../db";
import { ActionError, NotFoundError } from "../errors";
import { SAVE_ANSWER_SQL, type SavedAnswerRow } from "./internal/sql";
import { isChoiceType } from "../bank/answers/choice";
import type { SaveAnswerInput, SaveOutcome } from "./schemas";
import { AttemptClosedError } from "./submission/attempt-closed";
import { attemptState, closedReason } from "./submission/attempt-state";
import { submitInOwnTransaction } from "./submission/internal/finalize";

/**
 * Saves one answer if it is still at the page's revision; otherwise says what is stored instead.
 * One statement when it applies (the benchmarked path). A closed attempt is refused with
 * ATTEMPT_CLOSED; if it was only overdue, this save (the write that touched it) submits it first.
 */
export async function saveAnswer(viewer: Viewer, input: SaveAnswerInput): Promise<SaveOutcome> {
  assertRole(viewer, ROLES);
  return save(viewer.id, null, input, async () => viewer);
}

/**
 * The same for the save action (lib/quiz/actions.ts), whose session the save's statement checks:
 * one round trip in all. When nothing was written, the session is looked up in full first, so that
 * a dead session is told UNAUTHENTICATED and nothing about the attempt.
 */
export async function saveAnswerInSession(session: ClaimedSession, input: SaveAnswerInput): Promise<SaveOutcome> {
  return save(session.userId, session.sessionId, input, session.user);
}

async function save(userId: string, sessionId: string | null, input: SaveAnswerInput, viewer: () => Promise<Viewer>): Promise<SaveOutcome> {
  const chosen = [...new Set(input.chosen)];
  const saved = await hotQuery<SavedAnswerRow>(SAVE_ANSWER_SQL, [
    input.attemptId,
    userId,
    chosen,
    input.flagged,
    input.idempotencyKey,
    String(input.baseRevision),
    input.timeSpentMs,
    input.position,
    sessionId,
    input.text ?? null,
  ]);
  if (saved[0]) return { status: "saved", revision: Number(saved[0].revision), savedAt: saved[0].saved_at.toISOString() };
  return explainUnsavedAnswer(await viewer(), input, chosen);
}

const attemptTiming = { status: true, deadlineAt: true, submittedAt: true } as const;

/**
 * Why a save wrote nothing, off the hot path: a refusal (not found, closed, invalid answer) throws; a
 * retry of the request already applied and a stale revision are outcomes for the page. The answer and
 * its attempt are read together; the attempt alone only when the position is not in it.
 */
async function explainUnsavedAnswer(viewer: Viewer, input: SaveAnswerInput, chosen: string[]): Promise<SaveOutcome> {
  const response = await db.response.findFirst({
    where: { attemptId: input.attemptId, position: input.position, attempt: { userId: viewer.id } },
    select: {
      optionOrder: true,
      chosenOptionKeys: true,
      answerText: true,
      flagged: true,
      lastSaveKey: true,
      saveSeq: true,
      savedAt: true,
      questionVersion: { select: { type: true } },
      attempt: { select: attemptTiming },
    },
  });
  const attempt = response?.attempt ?? (await db.attempt.findFirst({ where: { id: input.attemptId, userId: viewer.id }, select: attemptTiming }));
  if (!attempt) throw new NotFoundError("That attempt does not exist.");
  const now = new Date();
  const state = attemptState(attempt, now);
  if (state === "OVERDUE") await submitInOwnTransaction({ id: input.attemptId, userId: viewer.id }, now);
  const reason = closedReason(state);
  if (reason) throw new AttemptClosedError(reason);
  if (!response) throw new NotFoundError("That question is not part of this attempt.");
  if (isChoiceType(response.questionVersion.type)) {
    if (input.text != null) throw new ActionError("VALIDATION", "This question is answered by choosing, not by typing.");
    if (chosen.some((key) => !response.optionOrder.includes(key))) throw new ActionError("VALIDATION", "That answer is not one of the question's options.");
    if (response.questionVersion.type !== "MULTIPLE_CHOICE" && chosen.length > 1)
      throw new ActionError("VALIDATION", "Choose only one answer for this question.");
  } else if (chosen.length > 0) throw new ActionError("VALIDATION", "This question has no options to choose: type or pick the answer.");
  const revision = Number(response.saveSeq);
  // The same request again (its reply was lost): it was applied, so it succeeded; nothing changes.
  if (response.lastSaveKey === input.idempotencyKey) return { status: "saved", revision, savedAt: (response.savedAt ?? new Date()).toISOString() };
  // Based on an older revision: another device (or a later request) changed the answer since.
  return {
    status: "stale",
    revision,
    chosen: response.chosenOptionKeys,
    text: response.answerText,
    flagged: response.flagged,
    savedAt: response.savedAt?.toISOString() ?? null,
  };
}
