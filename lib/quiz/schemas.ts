import { z } from "zod";
import { recordIdWith } from "../ids";

// Every input here reaches SQL. A NUL byte or a stray character in a text parameter makes
// PostgreSQL fail the statement ("invalid byte sequence"), which would surface as a 500: so each
// field is held to the alphabet it really uses, and anything else is a typed VALIDATION result.

/** Database ids are cuids (prisma/schema.prisma): lower-case letters and digits. */
export const recordId = recordIdWith("Not a valid id.");

export const attemptId = recordId;

/** Option keys are a, b, …, z, aa, ab, … (lib/bank/version-data.ts optionKey). */
const optionKey = z.string().regex(/^[a-z]{1,8}$/, "Not a valid option.");

/** Chosen by the page (a UUID); printable ASCII without spaces keeps it safe to store and log. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, "Not a valid request key.");

export const startAttemptInput = z.object({ quizId: recordId });

/**
 * A typed answer (short answer, number, essay) or a JSON list (matching, cloze). No NUL or other
 * control characters but tab and line breaks: PostgreSQL refuses NUL, and nothing else needs them.
 */
export const answerText = z
  .string()
  .max(20_000, "The answer is too long (at most 20,000 characters).")
  .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, "The answer holds characters that cannot be stored.");

export const saveAnswerInput = z.object({
  attemptId,
  position: z.coerce.number().int().min(0).max(10_000),
  chosen: z.array(optionKey).max(26).default([]),
  text: answerText.nullable().default(null),
  flagged: z.boolean().default(false),
  /** Milliseconds the page says were spent on the question since its last save; the server caps it by its own clock. */
  timeSpentMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(6 * 60 * 60 * 1000)
    .default(0),
  /** One per save request: a retry with the same key changes nothing. */
  idempotencyKey,
  /**
   * The answer's revision the page last saw (loaded with the attempt, then returned by each save).
   * The save applies only if the answer is still at that revision, so a late or replayed request
   * never overwrites a newer answer, and a save from another device is reported, not dropped.
   */
  baseRevision: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const submitAttemptInput = z.object({ attemptId, idempotencyKey });

/** A save as the action parses it (the text is optional for callers that only choose). */
export type SaveAnswerInput = Omit<z.output<typeof saveAnswerInput>, "text"> & { text?: string | null };

/**
 * What a save did. Expected outcomes the page acts on, so they are values of the action's success
 * branch: "stale" carries the answer now stored (never the key). A closed attempt (submitted, or its
 * time is up) is the failure code ATTEMPT_CLOSED instead: the page stops saving and refreshes.
 */
export type SaveOutcome =
  | { status: "saved"; revision: number; savedAt: string }
  | { status: "stale"; revision: number; chosen: string[]; text: string | null; flagged: boolean; savedAt: string | null };

export const answerPracticeInput = z.object({
  sessionId: recordId,
  questionVersionId: recordId,
  chosen: z.array(optionKey).max(26).default([]),
  text: answerText.nullable().default(null),
});
