// The course content format, validated by these zod schemas. One folder per lecture under
// content/lectures/<NN-slug>/:
//   lecture.json     metadata (slug, number, title, summary, topics)
//   notes.md         sections: each "## Title {#stable-id}" heading starts one
//   questions.json   the question bank, in the project's own bank format (its schema: lib/bank/schemas.ts)
//   quiz.json        the lecture's quiz: settings and slots (each slot lists equivalent question variants)
//   flashcards.json  the flashcards
//   podcast.json     optional: the podcast episode's script (two hosts, chapters per section)
// content/course.json describes the course itself.
import { z } from "zod";
import { key, text } from "../bank/schemas";

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

/**
 * One synthesiser voice: "festival:<voice>", "flite:<voice>" or "espeak-ng:<voice>"; a bare name is an
 * espeak-ng voice (what scripts said before there were other engines). The names are narrow on purpose:
 * a Festival voice becomes a Scheme call and every name an argument, so none may start with "-".
 */
export const voiceRef = z
  .string()
  .regex(/^(?:festival:[a-z0-9_]+|flite:[a-z0-9_]+|(?:espeak-ng:)?[A-Za-z0-9][\w+.-]*)$/, 'must be "festival:<voice>", "flite:<voice>" or an espeak-ng voice');

export const podcastFile = z.strictObject({
  title: text,
  /** Words per minute as heard; lib/podcast/voices.ts turns it into each synthesiser's own speed setting. */
  wordsPerMinute: z.number().int().min(80, "must be at least 80").max(450, "must be at most 450").default(150),
  hosts: z
    .array(
      z.strictObject({
        id: key,
        name: text,
        // The host's voices, best first: the build takes the first one installed (espeak-ng's "en-us" is
        // the last resort). "" is what older stored scripts hold for "espeak-ng's default".
        voice: z.union([voiceRef, z.array(voiceRef).min(1).max(8), z.literal("")]).default(""),
      }),
    )
    .min(1),
  chapters: z.array(z.strictObject({ key, title: text, section: key.optional() })).min(1),
  lines: z.array(z.strictObject({ host: key, chapter: key, text })).min(1),
});

export type CourseFile = z.output<typeof courseFile>;
export type LectureFile = z.output<typeof lectureFile>;
export type QuizFile = z.output<typeof quizFile>;
export type FlashcardsFile = z.output<typeof flashcardsFile>;
export type PodcastFile = z.output<typeof podcastFile>;
