// The background jobs on pg-boss, against the real server: a worker in this process takes queued
// jobs, a job whose worker died is retried by another, and the refit stores its verdict and
// schedules with an accepted fit.
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueue, getBoss, stopBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { DEFAULT_PARAMETERS } from "@/lib/review/fsrs";
import { loadProfile } from "@/lib/review/internal/context";
import { MIN_REVIEWS_FOR_FIT } from "@/lib/review/personal/fit";
import { refitStudent, studentsDueForRefit } from "@/lib/review/personal/refit";
import { perturbParameters, simulateLearner } from "@/lib/review/personal/simulate-learner";
import { HANDLERS, startWorker } from "@/lib/worker";
import { createUser } from "./helpers";

afterAll(async () => {
  await stopBoss();
});

/** Waits (bounded) until the job reaches a final state, and returns it. */
async function settled(queue: string, id: string, timeoutMs = 30_000): Promise<PgBoss.JobWithMetadata> {
  const boss = await getBoss();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await boss.getJobById<object>(queue, id, { includeArchive: true });
    if (job && ["completed", "failed", "cancelled"].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state ?? "missing"} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A memory much stronger than FSRS's average: first stabilities four times the defaults. */
const STRONG_MEMORY = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 4 : w));

/** Gives a student a simulated review log: cards, and ratings drawn from memory unlike FSRS's defaults. */
async function withReviewLog(userId: string, reviews: number, seed: number, parameters: readonly number[] = perturbParameters(seed)): Promise<number> {
  const lecture =
    (await db.lecture.findFirst({ select: { id: true } })) ??
    (await db.lecture.create({
      data: { slug: `jobs-${seed}`, number: 90 + seed, title: "Jobs", course: { create: { slug: `jobs-course-${seed}`, title: "Jobs" } } },
      select: { id: true },
    }));
  const log = simulateLearner({ seed, parameters, reviews });
  const cards = [...new Set(log.map((r) => r.cardId))];
  await db.reviewCard.createMany({
    data: cards.map((cardId) => ({
      id: `${userId}-${cardId}`,
      userId,
      kind: "MISTAKE" as const,
      lectureId: lecture.id,
      due: new Date(),
      state: "REVIEW" as const,
      stability: 5,
      lastReview: new Date(),
    })),
  });
  await db.reviewLog.createMany({
    data: log.map((r, i) => ({
      userId,
      reviewCardId: `${userId}-${r.cardId}`,
      rating: r.rating,
      state: "REVIEW" as const,
      due: r.reviewedAt,
      stability: 1,
      difficulty: 5,
      elapsedDays: 0,
      lastElapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reviewedAt: r.reviewedAt,
      previousCard: {},
      idempotencyKey: `${userId}:sim:${i}`,
    })),
  });
  return log.length;
}

describe("background jobs", () => {
  it("a job taken by a worker that died is retried and done by another worker", async () => {
    const student = await createUser();
    const id = await enqueue("reviewReschedule", { userId: student.id }, { singletonKey: student.id });
    expect(id).not.toBeNull();
    // Asking again while one waits changes nothing (one waiting job per student).
    expect(await enqueue("reviewReschedule", { userId: student.id }, { singletonKey: student.id })).toBeNull();
    // Another replica takes the job and dies before finishing it.
    const doomed = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", supervise: false, schedule: false, max: 1 });
    await doomed.start();
    const [taken] = await doomed.fetch(QUEUES.reviewReschedule.name);
    expect(taken?.id).toBe(id);
    await db.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now(), started_on = now() - interval '1 hour' WHERE id = $1`, id);
    await doomed.stop({ graceful: false, close: true, wait: true });
    // This process's worker: its supervision expires the dead worker's job, and it runs the retry.
    await startWorker();
    const boss = await getBoss();
    await boss.maintain();
    const job = await settled(QUEUES.reviewReschedule.name, id!);
    expect(job.state).toBe("completed");
    expect(job.retryCount).toBe(1);
    expect(job.output).toEqual({ moved: 0 });
  });

  it("refits a student with enough reviews, keeps the history, and schedules with an accepted fit", async () => {
    const student = await createUser();
    const few = await createUser();
    const count = await withReviewLog(student.id, 2_400, 12, STRONG_MEMORY);
    await withReviewLog(few.id, MIN_REVIEWS_FOR_FIT - 50, 12);
    expect(count).toBe(2_400);
    const due = await studentsDueForRefit();
    expect(due).toContain(student.id);
    expect(due).not.toContain(few.id);
    expect(await refitStudent(few.id)).toBeNull();

    const id = await enqueue("fsrsRefit", { userId: student.id }, { singletonKey: student.id });
    const job = await settled(QUEUES.fsrsRefit.name, id!, 60_000);
    expect(job.state).toBe("completed");
    const fits = await db.fsrsParameterSet.findMany({ where: { userId: student.id } });
    expect(fits).toHaveLength(1);
    const fit = fits[0]!;
    expect(fit.trainReviews + fit.heldOutReviews).toBe(2_400);
    expect(fit.status).toBe("ACCEPTED");
    expect(fit.parameters).toHaveLength(21);
    expect(fit.loglossPersonal!).toBeLessThan(fit.loglossDefault!);
    expect(fit.rmsePersonal!).toBeLessThan(fit.rmseDefault!);
    const profile = await loadProfile(db, student.id);
    expect(profile.parameterSetId).toBe(fit.id);
    expect(profile.parameters).toEqual(fit.parameters);
    // An accepted fit reschedules the student's cards with it (a job of its own).
    const [queued] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND singleton_key = $2`,
      QUEUES.reviewReschedule.name,
      student.id,
    );
    expect(queued!.n).toBe(1);
    // Once fitted, it is not due again until the log grows.
    expect(await studentsDueForRefit()).not.toContain(student.id);
    // The sweep queues refits; the handler reports how many.
    expect(await HANDLERS.fsrsRefitSweep({})).toEqual({ queued: 0 });
  });
});
