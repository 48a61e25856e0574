// The question bank's model: the project's own JSON format (a lecture's questions.json, and the
// "Course JSON" the admin importer reads and the export writes). Every other format is read into,
// and written from, these questions.
import { z } from "zod";
import { KEY_PATTERN } from "../ids";

/** A stable key: lowercase letters, digits and hyphens. Question ids, and the content files' keys. */
export const key = z
  .string()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters")
  .regex(KEY_PATTERN, "must be lowercase letters, digits and hyphens (like `data-formats`)");

/** Text that must say something. */
export const text = z.string().trim().min(1, "must not be empty");

const option = z.strictObject({
  text,
  correct: z.boolean(),
  /** Credit for choosing it, as a fraction of the question's mark (-1..1). Defaults: see bankQuestion. */
  fraction: z.number().min(-1).max(1).optional(),
  feedback: z.string().optional(),
});

const questionBase = {
  /** Stable external key: the question's identity across imports and versions. */
  id: key,
  stem: text,
  explanation: z.string().default(""),
  generalFeedback: z.string().optional(),
  /** The notes section the question draws on (a section id in the lecture's notes.md). */
  section: key.optional(),
  /** A topic key of the lecture. */
  topic: key.optional(),
  category: z.string().optional(),
  maxMark: z.number().positive().default(1),
  /** Where the question came from: given verbatim in the source material, or authored. */
  origin: z.enum(["given", "authored", "imported"]).default("authored"),
  name: z.string().optional(),
  lecture: key.optional(),
};

export const singleChoiceQuestion = z
  .strictObject({ ...questionBase, type: z.literal("single"), options: z.array(option).min(2, "needs at least two options") })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1)
      ctx.addIssue({ code: "custom", path: ["options"], message: `a single-answer question needs exactly one correct option, found ${correct}` });
  });

export const multipleChoiceQuestion = z
  .strictObject({ ...questionBase, type: z.literal("multiple"), options: z.array(option).min(2, "needs at least two options") })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 1) ctx.addIssue({ code: "custom", path: ["options"], message: "a multiple-answer question needs at least one correct option" });
  });

export const trueFalseQuestion = z.strictObject({ ...questionBase, type: z.literal("true-false"), answer: z.boolean() });

export const shortAnswerQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("short-answer"),
  caseSensitive: z.boolean().default(false),
  answers: z.array(z.strictObject({ text, fraction: z.number().min(0).max(1).default(1), feedback: z.string().optional() })).min(1),
});

export const numericalQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("numerical"),
  answers: z
    .array(
      z.strictObject({
        value: z.number(),
        tolerance: z.number().min(0).default(0),
        fraction: z.number().min(0).max(1).default(1),
        feedback: z.string().optional(),
      }),
    )
    .min(1),
});

export const matchingQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("matching"),
  pairs: z.array(z.strictObject({ prompt: text, answer: text })).min(2, "needs at least two pairs"),
});

export const essayQuestion = z.strictObject({ ...questionBase, type: z.literal("essay") });

export const bankQuestion = z.discriminatedUnion("type", [
  singleChoiceQuestion,
  multipleChoiceQuestion,
  trueFalseQuestion,
  shortAnswerQuestion,
  numericalQuestion,
  matchingQuestion,
  essayQuestion,
]);

export const questionBankFile = z
  .strictObject({
    format: z.literal("course-question-bank", { error: 'must be "course-question-bank"' }),
    version: z.literal(1, { error: "must be 1" }),
    questions: z.array(bankQuestion),
  })
  .superRefine((bank, ctx) => {
    const seen = new Map<string, number>();
    bank.questions.forEach((q, index) => {
      const first = seen.get(q.id);
      if (first !== undefined)
        ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `duplicate question id "${q.id}" (first used by questions[${first}])` });
      else seen.set(q.id, index);
    });
  });

export type BankQuestion = z.output<typeof bankQuestion>;
export type QuestionBankFile = z.output<typeof questionBankFile>;
