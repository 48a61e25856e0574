import { z } from "zod";

export const attemptId = z.string().min(1).max(64);

export const startAttemptInput = z.object({ quizId: z.string().min(1).max(64) });

export const saveAnswerInput = z.object({
  attemptId,
  position: z.coerce.number().int().min(0).max(10_000),
  chosen: z.array(z.string().min(1).max(8)).max(26).default([]),
  flagged: z.boolean().default(false),
  /** Milliseconds spent on the question since the last save. */
  timeSpentMs: z.coerce.number().int().min(0).max(6 * 60 * 60 * 1000).default(0),
  /** One per save request: a retry with the same key changes nothing. */
  idempotencyKey: z.string().min(8).max(100),
  /** Increases with every save from a page: a save older than the last one applied is ignored. */
  seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

export const submitAttemptInput = z.object({ attemptId, idempotencyKey: z.string().min(8).max(100) });

export type SaveAnswerInput = z.output<typeof saveAnswerInput>;

export const answerPracticeInput = z.object({
  sessionId: z.string().min(1).max(64),
  questionVersionId: z.string().min(1).max(64),
  chosen: z.array(z.string().min(1).max(8)).max(26).default([]),
});
