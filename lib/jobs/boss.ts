import "server-only";
// The one pg-boss instance of the process, on the app's own connection pool: the embedded database
// is a single session that must not see a second pool, and a real server gets no extra connections.
// Started on first use (installing or upgrading pg-boss's own schema, "pgboss"), by the worker or by
// the first request that queues a job.
import PgBoss from "pg-boss";
import { getPool } from "../db";
import { log } from "../log";
import { QUEUES, type JobPayload, type QueueKey } from "./queues";

const holder = globalThis as unknown as { __courseBoss?: Promise<PgBoss>; __courseBossWorker?: boolean; __courseWorkerIds?: Map<string, string> };

/** This process's worker of each queue (lib/worker registers them): a job queued here wakes it at once. */
export function registerLocalWorker(queueName: string, workerId: string): void {
  (holder.__courseWorkerIds ??= new Map()).set(queueName, workerId);
}

/** Makes this process's pg-boss a worker's: it also supervises (expires jobs of dead workers) and runs cron schedules. */
export function runAsWorker(): void {
  holder.__courseBossWorker = true;
}

async function startBoss(): Promise<PgBoss> {
  const pool = getPool();
  const worker = holder.__courseBossWorker === true;
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => pool.query({ text, values: values ?? [] }) },
    schema: "pgboss",
    schedule: worker,
    supervise: worker,
    // A job whose worker died is noticed within a minute (then retried by any worker).
    maintenanceIntervalSeconds: 60,
  });
  boss.on("error", (error) => log.error("job queue error", { error: { message: error.message } }));
  await boss.start();
  for (const queue of Object.values(QUEUES))
    await boss.createQueue(queue.name, { name: queue.name, policy: queue.policy, expireInSeconds: queue.expireInSeconds, retryLimit: queue.retryLimit });
  return boss;
}

/** The process's pg-boss, started (the same promise for every caller; a failed start is retried next time). */
export function getBoss(): Promise<PgBoss> {
  if (!holder.__courseBoss) {
    holder.__courseBoss = startBoss().catch((error: unknown) => {
      holder.__courseBoss = undefined;
      throw error;
    });
  }
  return holder.__courseBoss;
}

/**
 * Queues a job. `singletonKey` (a student's id) keeps one job per key waiting in the stately queues:
 * asking again while one waits changes nothing. Returns the job's id, or null when one was waiting.
 */
export async function enqueue<K extends QueueKey>(
  key: K,
  data: JobPayload<K>,
  options: { singletonKey?: string; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const queue = QUEUES[key];
  const boss = await getBoss();
  const id = await boss.send(queue.name, queue.payload.parse(data), {
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
  // Idle workers poll slowly; this replica's own worker need not wait for its next poll.
  const local = holder.__courseWorkerIds?.get(queue.name);
  if (id && local && !options.startAfterSeconds) boss.notifyWorker(local);
  return id;
}

/** Stops the process's pg-boss (tests, shutdown): its workers finish or give back their jobs. */
export async function stopBoss(): Promise<void> {
  const boss = holder.__courseBoss;
  holder.__courseBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 10_000 });
}
