// A timed quiz's deadline passes for a whole class at once: the sweep submits their attempts in
// batches, bounded and resumable, and never waits on a student who is submitting their own.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { sweepOverdueAttemptsUnchecked } from "@/lib/quiz/submission/internal/sweep";
import { createUser } from "./helpers";

let quizId = "";
beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
});

/** `n` students whose attempts' time ran out a minute ago. */
async function overdueClass(n: number): Promise<string[]> {
  const students = await Promise.all(Array.from({ length: n }, () => createUser()));
  const attempts = await Promise.all(students.map(async (s) => (await startOrResumeAttempt(s, quizId)).id));
  await db.attempt.updateMany({ where: { id: { in: attempts } }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
  return attempts;
}

const inProgress = (ids: string[]) => db.attempt.count({ where: { id: { in: ids }, status: "IN_PROGRESS" } });

describe("the deadline sweep", () => {
  it("submits a whole class in bounded batches, and a later sweep resumes where it stopped", async () => {
    const attempts = await overdueClass(60);
    const counted = (await loadRunningBundle(quizId, "ALL")).totals.n;
    expect(await sweepOverdueAttemptsUnchecked({ quizId }, new Date(), 40)).toBe(40);
    expect(await inProgress(attempts)).toBe(20);
    expect(await sweepOverdueAttemptsUnchecked({ quizId })).toBe(20);
    expect(await inProgress(attempts)).toBe(0);
    // Each submitted as of its deadline, and counted by the class statistics once.
    const submitted = await db.attempt.findMany({ where: { id: { in: attempts } }, select: { submittedAt: true, deadlineAt: true } });
    expect(submitted.every((a) => a.submittedAt?.getTime() === a.deadlineAt?.getTime())).toBe(true);
    expect((await loadRunningBundle(quizId, "ALL")).totals.n).toBe(counted + 60);
    expect(await sweepOverdueAttemptsUnchecked({ quizId })).toBe(0);
  }, 60_000);

  it("passes over an attempt its student is submitting right now instead of waiting for it", async () => {
    const attempts = await overdueClass(5);
    const [busy, ...rest] = attempts;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Another transaction holds the attempt's row (as a submission in flight does) until released.
    const holder = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM attempts WHERE id = ${busy} FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    const started = Date.now();
    expect(await sweepOverdueAttemptsUnchecked({ quizId })).toBe(4);
    expect(Date.now() - started).toBeLessThan(2_000); // far below the lock timeout it would otherwise wait out
    expect(await inProgress(rest)).toBe(0);
    expect(await inProgress([busy!])).toBe(1);
    release();
    await holder;
    expect(await sweepOverdueAttemptsUnchecked({ quizId })).toBe(1);
    expect(await inProgress([busy!])).toBe(0);
  }, 60_000);
});
