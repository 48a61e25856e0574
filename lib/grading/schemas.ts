// The inputs of regrading and hand grading, validated at the door (forms, search parameters).
import { z } from "zod";
import { recordIdWith } from "../ids";

const recordId = recordIdWith("is not an id");

export const regradeMode = z.enum(["KEY", "FULL", "DROP"], { error: "Choose how to regrade." });
export const regradeTarget = z.enum(["OLD_VERSION", "ALL"], { error: "Choose which attempts to regrade." });

/** The regrade page's search parameters: which regrade to preview (none: just the form). */
export const regradeQuery = z.object({ mode: regradeMode.optional().catch(undefined), target: regradeTarget.optional().catch(undefined) });

export const applyRegradeInput = z.object({
  quizId: recordId,
  slotId: recordId,
  mode: regradeMode,
  target: regradeTarget,
  idempotencyKey: z.string().min(8).max(100),
});

/** A teacher's mark: within 0 … the response's maximum (checked against it in the data layer). */
export const gradeResponseInput = z.object({
  responseId: recordId,
  mark: z.coerce.number({ error: "Enter a mark as a number." }).refine(Number.isFinite, "Enter a mark as a number.").min(0, "A mark cannot be below 0."),
  comment: z.string().max(5_000, "Keep the comment under 5,000 characters.").default(""),
  /** The page's filters, kept for the next answer. */
  quizId: recordId.optional().or(z.literal("").transform(() => undefined)),
  blind: z
    .enum(["1", ""])
    .optional()
    .transform((v) => v === "1"),
});

/** The grading page's search parameters. */
export const gradingQuery = z.object({
  quiz: recordId.optional().catch(undefined),
  response: recordId.optional().catch(undefined),
  blind: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  done: z.string().optional(),
});

export const requestGradingInput = z.object({ responseId: recordId });
