// What a save may claim and overwrite, and what a submission key may collide with: the server's clock
// bounds the time credited, revisions order saves (not the browser's clock), a submission key is
// scoped to its attempt, and the save action's own statement holds the session check.
import path from "node:path";
import { optionsOf } from "@/lib/quiz/question-display";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { getAttemptForTaking } from "@/lib/quiz/data";
import { assertRole, ROLES } from "@/lib/auth/roles";
import { findSessionUser, revokeSession, SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/internal/session-store";
import type { ClaimedSession } from "@/lib/auth/session-claims";
import { saveAnswer, saveAnswerInSession } from "@/lib/quiz/answer-save";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import type { SaveAnswerInput } from "@/lib/quiz/schemas";
import { createUser } from "./helpers";

let quizId = "";
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
});

let keyCounter = 0;
const key = () => `integrity-${++keyCounter}-${Date.now()}`;
const SIX_HOURS = 6 * 60 * 60 * 1000;

async function openAttempt() {
  const student = await createUser();
  const attemptId = (await startOrResumeAttempt(student, quizId)).id;
  const view = (await getAttemptForTaking(student, attemptId))!;
  const request = (position: number, changes: Partial<SaveAnswerInput> = {}): SaveAnswerInput => ({
    attemptId,
    position,
    chosen: [optionsOf(view.questions[position]!.display)[0]!.key],
    flagged: false,
    timeSpentMs: 0,
    idempotencyKey: key(),
    baseRevision: view.questions[position]!.revision,
    ...changes,
  });
  return { student, attemptId, view, request };
}

const storedResponse = (attemptId: string, position: number) => db.response.findFirstOrThrow({ where: { attemptId, position } });

describe("time spent is bounded by the server's clock", () => {
  it("credits five 6-hour claims made within a second with no more than the time that really passed", async () => {
    const { student, attemptId, request } = await openAttempt();
    for (let revision = 0; revision < 5; revision++) {
      expect(await saveAnswer(student, request(0, { timeSpentMs: SIX_HOURS, baseRevision: revision }))).toMatchObject({
        status: "saved",
        revision: revision + 1,
      });
    }
    const [attempt, response] = await Promise.all([db.attempt.findUniqueOrThrow({ where: { id: attemptId } }), storedResponse(attemptId, 0)]);
    expect(response.timeSpentMs).toBeLessThan(5000);
    // Exactly bounded: never more than from the start to the last save (rounding to the millisecond aside).
    expect(response.timeSpentMs).toBeLessThanOrEqual(response.savedAt!.getTime() - attempt.startedAt.getTime() + 1);
  });

  it("keeps a claim smaller than the time elapsed since the attempt's previous save, exactly", async () => {
    const { student, attemptId, request } = await openAttempt();
    await db.attempt.update({ where: { id: attemptId }, data: { startedAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await saveAnswer(student, request(0, { timeSpentMs: 60_000 }))).toMatchObject({ status: "saved" });
    expect((await storedResponse(attemptId, 0)).timeSpentMs).toBe(60_000);

    // The previous save of any question of the attempt starts the window: just after it, little is credited...
    await saveAnswer(student, request(1, { timeSpentMs: 45_000 }));
    const tooSoon = await storedResponse(attemptId, 1);
    expect(tooSoon.timeSpentMs).toBeLessThan(5000);
    // ...and once that save is five minutes old, a 45-second claim is kept as it is.
    await db.response.updateMany({ where: { attemptId }, data: { savedAt: new Date(Date.now() - 5 * 60_000) } });
    await saveAnswer(student, request(1, { timeSpentMs: 45_000, baseRevision: 1 }));
    expect((await storedResponse(attemptId, 1)).timeSpentMs).toBe(tooSoon.timeSpentMs + 45_000);
  });
});

describe("saves are ordered by the answer's revision, not by any clock", () => {
  it("applies another device's save, reports an old replayed request as stale with the answer stored, and treats a retry as done", async () => {
    const { student, attemptId, view, request } = await openAttempt();
    const [a, b] = optionsOf(view.questions[0]!.display).map((o) => o.key);
    // Device A saves at revision 0; an earlier request of A (also based on 0) is still in the network.
    const delayedFromA = request(0, { chosen: [b!] });
    expect(await saveAnswer(student, request(0, { chosen: [a!] }))).toMatchObject({ status: "saved", revision: 1 });

    // Device B (whatever its clock says) loads revision 1 and saves on it: applied.
    const onB = (await getAttemptForTaking(student, attemptId))!.questions[0]!;
    expect(onB).toMatchObject({ chosen: [a], revision: 1 });
    const fromB = request(0, { chosen: [b!], flagged: true, baseRevision: onB.revision });
    expect(await saveAnswer(student, fromB)).toMatchObject({ status: "saved", revision: 2 });

    // A's old request arrives late: not applied; the reply carries B's answer and revision.
    expect(await saveAnswer(student, { ...delayedFromA, chosen: [a!] })).toEqual({
      status: "stale",
      revision: 2,
      chosen: [b],
      text: null,
      flagged: true,
      savedAt: expect.any(String),
    });
    // B's request retried (its reply was lost): success, nothing changes.
    const before = await storedResponse(attemptId, 0);
    expect(await saveAnswer(student, { ...fromB, timeSpentMs: 60_000 })).toEqual({ status: "saved", revision: 2, savedAt: before.savedAt!.toISOString() });
    expect(await storedResponse(attemptId, 0)).toEqual(before);
    expect(before).toMatchObject({ chosenOptionKeys: [b], flagged: true, saveSeq: 2n, lastSaveKey: fromB.idempotencyKey });
  });

  it("lets exactly one of two concurrent saves on the same revision win; the other learns the winner's answer", async () => {
    const { student, attemptId, view, request } = await openAttempt();
    const [a, b] = optionsOf(view.questions[0]!.display).map((o) => o.key);
    const outcomes = await Promise.all([saveAnswer(student, request(0, { chosen: [a!] })), saveAnswer(student, request(0, { chosen: [b!] }))]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["saved", "stale"]);
    const winner = outcomes[0]!.status === "saved" ? a : b;
    expect(outcomes.find((o) => o.status === "stale")).toMatchObject({ revision: 1, chosen: [winner] });
    expect(await storedResponse(attemptId, 0)).toMatchObject({ chosenOptionKeys: [winner], saveSeq: 1n });
  });

  it("takes existing rows' old millisecond sequence numbers as their revisions", async () => {
    const { student, attemptId, request } = await openAttempt();
    const legacy = 1_764_000_000_000n; // a Date.now() stored by the page before revisions
    await db.response.updateMany({ where: { attemptId, position: 0 }, data: { saveSeq: legacy } });
    expect((await getAttemptForTaking(student, attemptId))!.questions[0]!.revision).toBe(Number(legacy));
    expect(await saveAnswer(student, request(0, { baseRevision: 0 }))).toMatchObject({ status: "stale", revision: Number(legacy) });
    expect(await saveAnswer(student, request(0, { baseRevision: Number(legacy) }))).toMatchObject({ status: "saved", revision: Number(legacy) + 1 });
  });
});

describe("a submission key belongs to its attempt", () => {
  it("submits a later attempt sent with the key of an earlier one", async () => {
    const student = await createUser();
    const reused = key();
    const first = (await startOrResumeAttempt(student, quizId)).id;
    expect(await submitAttempt(student, first, reused)).toEqual({ score: 0, maxScore: 2, lectureSlug: "alpha" });
    const second = (await startOrResumeAttempt(student, quizId)).id;
    expect(second).not.toBe(first);
    expect(await submitAttempt(student, second, reused)).toEqual({ score: 0, maxScore: 2, lectureSlug: "alpha" });
    const attempts = await db.attempt.findMany({
      where: { userId: student.id },
      orderBy: { attemptNumber: "asc" },
      select: { id: true, status: true, submissionKey: true },
    });
    expect(attempts).toEqual([
      { id: first, status: "SUBMITTED", submissionKey: `${first}:${reused}` },
      { id: second, status: "SUBMITTED", submissionKey: `${second}:${reused}` },
    ]);
  });
});

describe("the save action's statement checks the session itself", () => {
  /** What the action hands the save: the cookie's claims, and the full lookup as getCurrentUser does it. */
  const claimed = (userId: string, sessionId: string): ClaimedSession => ({
    userId,
    sessionId,
    user: async () => {
      const user = await findSessionUser(userId, sessionId);
      assertRole(user, ROLES);
      return user;
    },
  });
  const unauthenticated = { code: "UNAUTHENTICATED", message: "Please sign in to continue." };

  it("saves for a live session, and for a revoked, expired, foreign or disabled one writes nothing and says only 'sign in'", async () => {
    const { student, attemptId, view, request } = await openAttempt();
    const live = await startSession(student.id);
    expect(await saveAnswerInSession(claimed(student.id, live), request(0))).toMatchObject({ status: "saved", revision: 1 });

    const second = optionsOf(view.questions[0]!.display)[1]!.key;
    const revoked = await startSession(student.id);
    await revokeSession(revoked);
    const expired = await startSession(student.id, undefined, new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000));
    const someoneElse = await createUser();
    const foreign = await startSession(someoneElse.id); // another user's live session id under this user's id
    for (const sessionId of [revoked, expired, foreign]) {
      await expect(saveAnswerInSession(claimed(student.id, sessionId), request(0, { chosen: [second], baseRevision: 1 }))).rejects.toMatchObject(
        unauthenticated,
      );
    }
    // Not even "that attempt does not exist" for an attempt that is not theirs.
    await expect(saveAnswerInSession(claimed(someoneElse.id, revoked), request(0, { chosen: [second], baseRevision: 1 }))).rejects.toMatchObject(
      unauthenticated,
    );
    await db.user.update({ where: { id: student.id }, data: { disabledAt: new Date() } });
    await expect(saveAnswerInSession(claimed(student.id, live), request(0, { chosen: [second], baseRevision: 1 }))).rejects.toMatchObject(unauthenticated);

    expect(await storedResponse(attemptId, 0)).toMatchObject({ chosenOptionKeys: [optionsOf(view.questions[0]!.display)[0]!.key], saveSeq: 1n });
  });

  it("does not submit an overdue attempt for a dead session", async () => {
    const { student, attemptId, request } = await openAttempt();
    const session = await startSession(student.id);
    await db.attempt.update({ where: { id: attemptId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    await revokeSession(session);
    await expect(saveAnswerInSession(claimed(student.id, session), request(0))).rejects.toMatchObject(unauthenticated);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true } })).toEqual({ status: "IN_PROGRESS" });
  });
});
