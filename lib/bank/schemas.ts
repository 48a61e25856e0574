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
  /** Moodle's idnumber when it cannot serve as the id (any text up to 100 characters). */
  idnumber: z.string().trim().min(1).max(100).optional(),
  /**
   * "html": the question's texts (stem, options, feedback, explanation) are HTML in the safe subset
   * (lib/bank/rich-text/sanitize.ts); absent or "plain": plain text. Names, matching prompts and
   * accepted answers are always plain.
   */
  format: z.enum(["plain", "html"]).optional(),
  /** The images its HTML shows, by content hash (from Moodle XML's embedded files). Stored apart from the versions. */
  files: z
    .array(
      z.strictObject({
        hash: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"),
        mimeType: z.enum(["image/png", "image/jpeg", "image/gif", "image/webp"]),
        base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"),
      }),
    )
    .optional(),
};

export const singleChoiceQuestion = z
  .strictObject({ ...questionBase, type: z.literal("single"), options: z.array(option).min(2, "needs at least two options") })
  .superRefine((q, ctx) => {
    // Moodle allows several options with full marks (any of them is right), each given its fraction 1;
    // two options marked correct without it are a slip.
    const correct = q.options.filter((o) => o.correct);
    if (correct.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "a single-answer question needs a right option" });
    else if (correct.length > 1 && correct.some((o) => o.fraction === undefined))
      ctx.addIssue({ code: "custom", path: ["options"], message: `a single-answer question needs exactly one correct option, found ${correct.length}` });
  });

export const multipleChoiceQuestion = z
  .strictObject({ ...questionBase, type: z.literal("multiple"), options: z.array(option).min(2, "needs at least two options") })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 1) ctx.addIssue({ code: "custom", path: ["options"], message: "a multiple-answer question needs at least one correct option" });
  });

export const trueFalseQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("true-false"),
  answer: z.boolean(),
  /** Shown to a student who chose "true" (Moodle's feedbacktrue), and to one who chose "false". */
  feedbackTrue: z.string().optional(),
  feedbackFalse: z.string().optional(),
});

export const shortAnswerQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("short-answer"),
  caseSensitive: z.boolean().default(false),
  /** Moodle's rules: `*` in an answer matches any run of characters; the first answer that matches gives its credit. */
  answers: z.array(z.strictObject({ text, fraction: z.number().min(0).max(1).default(1), feedback: z.string().optional() })).min(1),
});

export const numericalQuestion = z.strictObject({
  ...questionBase,
  type: z.literal("numerical"),
  answers: z
    .array(
      z.strictObject({
        /** The right value, or "*": any number (a catch-all, for its feedback). */
        value: z.union([z.number(), z.literal("*")]),
        tolerance: z.number().min(0).default(0),
        fraction: z.number().min(0).max(1).default(1),
        feedback: z.string().optional(),
      }),
    )
    .min(1),
});

export const matchingQuestion = z
  .strictObject({
    ...questionBase,
    type: z.literal("matching"),
    /** A pair with an empty prompt is an extra distractor: an answer that matches no prompt. */
    pairs: z.array(z.strictObject({ prompt: z.string().trim(), answer: text })),
  })
  .superRefine((q, ctx) => {
    const prompts = q.pairs.filter((p) => p.prompt !== "").length;
    if (prompts < 2)
      ctx.addIssue({ code: "custom", path: ["pairs"], message: `a matching question needs at least two prompts with answers, found ${prompts}` });
  });

/** One gap of a cloze question: Moodle's embedded short answer, numerical or choice subquestions. */
export const clozePart = z
  .strictObject({
    kind: z.enum(["shortanswer", "numerical", "single", "multiple"]),
    /** Short answer: whether case matters (Moodle's SHORTANSWER_C). */
    caseSensitive: z.boolean().default(false),
    /** Choice parts: a drop-down menu, or radio buttons / checkboxes in a column or a row. */
    display: z.enum(["dropdown", "vertical", "horizontal"]).default("dropdown"),
    shuffle: z.boolean().default(false),
    /** The gap's weight within the question (Moodle's {2:SA:…}). */
    weight: z.number().positive().default(1),
    answers: z
      .array(
        z.strictObject({
          text: z.string().trim(),
          fraction: z.number().min(-1).max(1),
          feedback: z.string().optional(),
          tolerance: z.number().min(0).optional(),
        }),
      )
      .min(1, "needs at least one answer"),
  })
  .superRefine((part, ctx) => {
    if (!part.answers.some((a) => a.fraction > 0)) ctx.addIssue({ code: "custom", path: ["answers"], message: "no answer gives credit" });
    if (part.kind === "numerical" && part.answers.some((a) => a.text !== "*" && !Number.isFinite(Number(a.text))))
      ctx.addIssue({ code: "custom", path: ["answers"], message: "a numerical gap's answers must be numbers" });
  });

/** Text with gaps `{#1}`, `{#2}`, … (Moodle's stored form), one part per gap, in order. */
export const clozeQuestion = z
  .strictObject({ ...questionBase, type: z.literal("cloze"), parts: z.array(clozePart).min(1, "needs at least one gap") })
  .superRefine((q, ctx) => {
    q.parts.forEach((_, i) => {
      if (!q.stem.includes(`{#${i + 1}}`)) ctx.addIssue({ code: "custom", path: ["stem"], message: `the text has no place for gap ${i + 1} ({#${i + 1}})` });
    });
  });

export const essayQuestion = z.strictObject({ ...questionBase, type: z.literal("essay") });

export const bankQuestion = z.discriminatedUnion("type", [
  singleChoiceQuestion,
  multipleChoiceQuestion,
  trueFalseQuestion,
  shortAnswerQuestion,
  numericalQuestion,
  matchingQuestion,
  clozeQuestion,
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
export type ClozePart = z.output<typeof clozePart>;
export type QuestionBankFile = z.output<typeof questionBankFile>;
