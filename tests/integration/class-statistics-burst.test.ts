// The end of a timed exam: a whole class submits at once while folds and dashboards run. The class
// statistics must be exact the moment each submission commits, and stay so while the fold moves
// waiting attempts into the stored sums.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getQuizDashboard } from "@/lib/analytics/dashboard";
import { computeExactBundle, loadRunningBundle } from "@/lib/analytics/internal/bundles";
import { foldPendingStatistics } from "@/lib/analytics/internal/fold";
import { loadContentTree } from "@/lib/content/load";
import { readContentTree } from "@/lib/content/read";
import { db } from "@/lib/db";
import { startOrResumeAttempt } from "@/lib/quiz/attempt-start";
import { submitAttempt } from "@/lib/quiz/submission/submit";
import { seededRandom } from "@/lib/random";
import { answerAtRandom, expectSameBundle } from "./class-statistics";
import { createUser } from "./helpers";

let quizId = "";
const random = seededRandom(20261201);
let counter = 0;
const key = () => `burst-${++counter}-${Date.now()}`;

beforeAll(async () => {
  await loadContentTree(db, readContentTree(path.resolve(import.meta.dirname, "../fixtures/content")));
  quizId = (await db.quiz.findUniqueOrThrow({ where: { key: "alpha-quiz" } })).id;
});

/** `n` students, each with an attempt in progress and (mostly) every question answered. */
async function classReadyToSubmit(n: number) {
  const students = await Promise.all(Array.from({ length: n }, () => createUser()));
  const attempts = await Promise.all(students.map(async (s) => (await startOrResumeAttempt(s, quizId)).id));
  for (let i = 0; i < n; i++) await answerAtRandom(students[i]!, attempts[i]!, random);
  return students.map((student, i) => ({ student, attemptId: attempts[i]! }));
}

const pendingCount = () => db.attempt.count({ where: { quizId, status: "SUBMITTED", statsCountedAt: null } });

async function expectExact() {
  expectSameBundle(await loadRunningBundle(quizId, "FIRST"), await computeExactBundle(quizId, { attempts: "first" }));
  expectSameBundle(await loadRunningBundle(quizId, "ALL"), await computeExactBundle(quizId, { attempts: "all" }));
}

describe("class statistics when a whole class submits at once", () => {
  it("are exact as each submission commits, while submissions, folds and dashboards run together", async () => {
    const instructor = await createUser("INSTRUCTOR");
    const takers = await classReadyToSubmit(30);
    // Every submission, some folds and some dashboards at once; a few second attempts among them.
    const seen: number[] = [];
    await Promise.all([
      ...takers.map(async ({ student, attemptId }, i) => {
        await submitAttempt(student, attemptId, key());
        if (i % 6 === 0) await foldPendingStatistics(quizId);
        if (i % 10 === 0) {
          const again = (await startOrResumeAttempt(student, quizId)).id;
          await answerAtRandom(student, again, random);
          await submitAttempt(student, again, key());
        }
      }),
      ...Array.from({ length: 8 }, async () => seen.push((await getQuizDashboard(instructor, quizId))!.summary.attempts)),
    ]);
    expect(seen.every((n) => n >= 0 && n <= 30)).toBe(true);
    expect(await db.attempt.count({ where: { quizId, status: "SUBMITTED" } })).toBe(33);
    await expectExact();
    expect((await loadRunningBundle(quizId, "FIRST")).totals.n).toBe(30);
    expect((await loadRunningBundle(quizId, "ALL")).totals.n).toBe(33);

    // Folding the rest leaves nothing waiting and the same exact sums, from stored rows alone.
    await foldPendingStatistics(quizId);
    expect(await pendingCount()).toBe(0);
    await expectExact();
    expect(await db.quizStat.findUniqueOrThrow({ where: { quizId_scope: { quizId, scope: "ALL" } }, select: { n: true } })).toEqual({ n: 33 });
  }, 120_000);

  it("never counts an attempt twice or misses one while folds run beside readers", async () => {
    const before = (await loadRunningBundle(quizId, "ALL")).totals.n;
    const takers = await classReadyToSubmit(20);
    for (const { student, attemptId } of takers) await submitAttempt(student, attemptId, key());
    expect(await pendingCount()).toBe(20);
    // Small batches, so that the folds commit many times while the readers read.
    const totals: number[] = [];
    await Promise.all([
      foldPendingStatistics(quizId, { batchSize: 3 }),
      foldPendingStatistics(quizId, { batchSize: 2 }),
      ...Array.from({ length: 12 }, async () => totals.push((await loadRunningBundle(quizId, "ALL")).totals.n)),
    ]);
    expect(totals).toEqual(Array.from({ length: 12 }, () => before + 20));
    expect(await pendingCount()).toBe(0);
    await expectExact();
  }, 120_000);

  it("counts an attempt only once it is submitted, and a second fold counts nothing", async () => {
    const { student, attemptId } = (await classReadyToSubmit(1))[0]!;
    await foldPendingStatistics(quizId);
    const before = (await loadRunningBundle(quizId, "ALL")).totals.n;
    expect(await foldPendingStatistics(quizId)).toBe(0);
    expect((await loadRunningBundle(quizId, "ALL")).totals.n).toBe(before);
    await submitAttempt(student, attemptId, key());
    expect((await loadRunningBundle(quizId, "ALL")).totals.n).toBe(before + 1);
    expect(await foldPendingStatistics(quizId)).toBe(1);
    expect(await foldPendingStatistics(quizId)).toBe(0);
    expect((await loadRunningBundle(quizId, "ALL")).totals.n).toBe(before + 1);
    await expectExact();
  }, 60_000);
});
