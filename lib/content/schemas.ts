// The course content format, validated by these zod schemas. One folder per lecture under
// content/lectures/<NN-slug>/:
//   lecture.json     metadata (slug, number, title, summary, topics)
//   notes.md         sections: each "## Title {#stable-id}" heading starts one
//   questions.json   the question bank, in the project's own bank format (also accepted by the admin importer)
//   quiz.json        the lecture's quiz: settings and slots (each slot lists equivalent question variants)
//   flashcards.json  the flashcards
//   podcast.json     optional: the podcast episode's script (two hosts, chapters per section)
// content/course.json describes the course itself.
import { z } from "zod";

const key = z
  .string()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and hyphens (like `data-formats`)");

const text = z.string().trim().min(1, "must not be empty");

export const courseFile = z.strictObject({
  slug: key,
  title: text,
  description: z.string().default(""),
});

export const topicEntry = z.strictObject({ key, name: text });

export const lectureFile = z.strictObject({
  slug: key,
  number: z.number().int().min(1),
  title: text,
  summary: z.string().default(""),
  topics: z.array(topicEntry).min(1, "list at least one topic"),
});

// ─── the question bank (the project's own JSON format) ───

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
    if (correct !== 1) ctx.addIssue({ code: "custom", path: ["options"], message: `a single-answer question needs exactly one correct option, found ${correct}` });
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
  answers: z.array(z.strictObject({ value: z.number(), tolerance: z.number().min(0).default(0), fraction: z.number().min(0).max(1).default(1), feedback: z.string().optional() })).min(1),
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
      if (first !== undefined) ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `duplicate question id "${q.id}" (first used by questions[${first}])` });
      else seen.set(q.id, index);
    });
  });

// ─── the lecture's quiz ───

export const quizFile = z
  .strictObject({
    key,
    title: text,
    description: z.string().default(""),
    /** null = unlimited. */
    attemptsAllowed: z.number().int().min(1).nullable().default(null),
    gradingPolicy: z.enum(["FIRST", "LAST", "BEST"]).default("BEST"),
    timeLimitMinutes: z.number().positive().nullable().default(null),
    shuffleOptions: z.boolean().default(true),
    shuffleSlots: z.boolean().default(false),
    slots: z
      .array(
        z.strictObject({
          key,
          /** Question ids (from questions.json) that ask the same thing with the same answer. */
          variants: z.array(key).min(1, "list at least one question"),
          /** Why these variants belong together, or why a look-alike stem is a slot of its own. */
          note: z.string().default(""),
          maxMark: z.number().positive().default(1),
        }),
      )
      .min(1, "a quiz needs at least one slot"),
  })
  .superRefine((quiz, ctx) => {
    const slotKeys = new Set<string>();
    const used = new Map<string, string>();
    quiz.slots.forEach((slot, index) => {
      if (slotKeys.has(slot.key)) ctx.addIssue({ code: "custom", path: ["slots", index, "key"], message: `duplicate slot key "${slot.key}"` });
      slotKeys.add(slot.key);
      slot.variants.forEach((id, v) => {
        const other = used.get(id);
        if (other) ctx.addIssue({ code: "custom", path: ["slots", index, "variants", v], message: `question "${id}" is already a variant of slot "${other}"` });
        used.set(id, slot.key);
      });
    });
  });

// ─── flashcards ───

export const flashcardsFile = z
  .strictObject({
    cards: z.array(
      z.strictObject({
        id: key,
        front: text,
        back: text,
        section: key.optional(),
        topic: key.optional(),
        origin: z.enum(["given", "authored"]).default("authored"),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.cards.forEach((card, index) => {
      if (seen.has(card.id)) ctx.addIssue({ code: "custom", path: ["cards", index, "id"], message: `duplicate flashcard id "${card.id}"` });
      seen.add(card.id);
    });
  });

// ─── podcast script ───

export const podcastFile = z.strictObject({
  title: text,
  /** Speaking rate for the synthesised audio (espeak-ng's -s). */
  wordsPerMinute: z.number().int().min(80, "must be at least 80").max(450, "must be at most 450").default(165),
  hosts: z.array(z.strictObject({ id: key, name: text, voice: z.string().default("") })).min(1),
  chapters: z.array(z.strictObject({ key, title: text, section: key.optional() })).min(1),
  lines: z.array(z.strictObject({ host: key, chapter: key, text })).min(1),
});

export type CourseFile = z.output<typeof courseFile>;
export type LectureFile = z.output<typeof lectureFile>;
export type BankQuestion = z.output<typeof bankQuestion>;
export type QuestionBankFile = z.output<typeof questionBankFile>;
export type QuizFile = z.output<typeof quizFile>;
export type FlashcardsFile = z.output<typeof flashcardsFile>;
export type PodcastFile = z.output<typeof podcastFile>;
