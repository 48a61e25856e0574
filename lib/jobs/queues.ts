// The background jobs, one home for their names, payloads and queue settings. Jobs run on pg-boss
// (PostgreSQL-backed): every app replica's worker takes jobs from the same tables with SKIP LOCKED, so
// replicas share the work, and a job whose worker dies expires and is retried by another.
import { z } from "zod";

const userJob = z.strictObject({ userId: z.string().min(1).max(64) });

export const QUEUES = {
  /** Fit one student's FSRS parameters to their review log (a stately queue: one waiting, one running per student). */
  fsrsRefit: { name: "fsrs-refit", payload: userJob, policy: "stately", expireInSeconds: 300, retryLimit: 3 },
  /** Finds the students whose review log has grown enough since their last fit, and queues their refits. */
  fsrsRefitSweep: { name: "fsrs-refit-sweep", payload: z.strictObject({}), policy: "singleton", expireInSeconds: 300, retryLimit: 1 },
  /** Recomputes one student's due dates after their retention, parameters or exam dates changed. */
  reviewReschedule: { name: "review-reschedule", payload: userJob, policy: "stately", expireInSeconds: 120, retryLimit: 3 },
  /** A class-wide exam date changed: queues a reschedule for every student with cards in the lecture. */
  lectureReschedule: {
    name: "lecture-reschedule",
    payload: z.strictObject({ lectureId: z.string().min(1).max(64) }),
    policy: "standard",
    expireInSeconds: 120,
    retryLimit: 3,
  },
  /**
   * A language model drafts items for one generation run. Calls are bounded by the model's own timeout
   * and their one retry (lib/generate/model); a job whose worker died is tried once more. Worked by
   * MODEL_CONCURRENCY workers per process.
   */
  generateDrafts: {
    name: "generate-drafts",
    payload: z.strictObject({ runId: z.string().min(1).max(64) }),
    policy: "standard",
    expireInSeconds: 1_500,
    retryLimit: 1,
  },
} as const;

export type QueueKey = keyof typeof QUEUES;
export type JobPayload<K extends QueueKey> = z.output<(typeof QUEUES)[K]["payload"]>;

/** Model calls one process makes at a time (each holds a connection to the model server, not to the database). */
export const MODEL_CONCURRENCY = 2;

/** How often the refit sweep runs (cron, UTC). */
export const REFIT_SWEEP_CRON = "*/10 * * * *";
