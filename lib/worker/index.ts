import "server-only";
// The background worker: every queue's handler, registered on the process's pg-boss. `npm start`
// runs it inside the app's server process (instrumentation.ts), so each replica works its share;
// JOBS_WORKER=off leaves a replica to serve requests only. Handlers are idempotent: a job retried
// after a crash does its work again from the database's state.
import { enqueue, getBoss, registerLocalWorker, runAsWorker } from "../jobs/boss";
import { MODEL_CONCURRENCY, QUEUES, REFIT_SWEEP_CRON, type JobPayload, type QueueKey } from "../jobs/queues";
import { runModelGeneration } from "../generate/model-run";
import { log } from "../log";
import { refitStudent, studentsDueForRefit } from "../review/personal/refit";
import { rescheduleStudent, studentsWithCardsIn } from "../review/reschedule";

type Handlers = { [K in QueueKey]: (data: JobPayload<K>) => Promise<unknown> };

export const HANDLERS: Handlers = {
  fsrsRefit: async ({ userId }) => {
    const fit = await refitStudent(userId);
    if (fit?.status === "ACCEPTED") await enqueue("reviewReschedule", { userId }, { singletonKey: userId });
    return fit ? { status: fit.status, id: fit.id } : { status: "SKIPPED" };
  },
  fsrsRefitSweep: async () => {
    const students = await studentsDueForRefit();
    for (const userId of students) await enqueue("fsrsRefit", { userId }, { singletonKey: userId });
    return { queued: students.length };
  },
  reviewReschedule: async ({ userId }) => ({ moved: await rescheduleStudent(userId) }),
  lectureReschedule: async ({ lectureId }) => {
    const students = await studentsWithCardsIn(lectureId);
    for (const userId of students) await enqueue("reviewReschedule", { userId }, { singletonKey: userId });
    return { queued: students.length };
  },
  generateDrafts: async ({ runId }) => runModelGeneration(runId),
};

/**
 * How often an idle worker asks each queue for a job (its queries share the pool with requests). One
 * job at a time per queue (refits are CPU-bound), except model drafts: they wait on another server.
 */
const POLLING_INTERVAL_SECONDS = 10;

/** Starts the worker in this process (idempotent). */
export async function startWorker(): Promise<void> {
  const holder = globalThis as unknown as { __courseWorker?: Promise<void> };
  holder.__courseWorker ??= (async () => {
    runAsWorker();
    const boss = await getBoss();
    for (const key of Object.keys(QUEUES) as QueueKey[]) {
      const queue = QUEUES[key];
      const workers = key === "generateDrafts" ? MODEL_CONCURRENCY : 1;
      for (let w = 0; w < workers; w++) {
        const workerId = await boss.work(queue.name, { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
          if (!job) return;
          const data = queue.payload.parse(job.data);
          const started = Date.now();
          const output = await (HANDLERS[key] as (data: unknown) => Promise<unknown>)(data);
          log.info("job done", { queue: queue.name, jobId: job.id, ms: Date.now() - started });
          return output;
        });
        registerLocalWorker(queue.name, workerId);
      }
    }
    await boss.schedule(QUEUES.fsrsRefitSweep.name, REFIT_SWEEP_CRON, {}, { tz: "UTC" });
  })().catch((error: unknown) => {
    holder.__courseWorker = undefined;
    throw error;
  });
  return holder.__courseWorker;
}

/** Starts the worker, and keeps trying every 30 s while the database cannot be reached (the app serves meanwhile). */
export function keepWorkerRunning(onError: (error: unknown) => void): void {
  startWorker().catch((error: unknown) => {
    onError(error);
    setTimeout(() => keepWorkerRunning(onError), 30_000).unref();
  });
}
