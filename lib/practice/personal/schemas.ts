import { z } from "zod";
import { KEY_PATTERN } from "../../ids";
import { lectureSlug } from "../../lectures/schemas";
import { DEFAULT_LENGTH, MAX_LENGTH, MIN_LENGTH, PRACTICE_MODES } from "./options";

/** Topic keys are content keys (lecture.json); which of them the lecture has is checked against the database. */
const topicKey = z.string().regex(KEY_PATTERN, "Not a valid topic.").max(120, "Not a valid topic.");

/** "weak" ("my weak spots"), or the chosen topics' keys: a list, or keys separated by commas (what a form can send). */
const topicChoice = z.preprocess(
  (raw) => (raw === "weak" ? raw : typeof raw === "string" ? raw.split(",").filter(Boolean) : raw),
  z.union([z.literal("weak"), z.array(topicKey).min(1, "Choose at least one topic.").max(100, "Choose at most 100 topics.")], {
    error: "Choose your weak spots or at least one topic.",
  }),
);

/** A checkbox or a form's "true"/"false" (a plain boolean from code). */
const flag = z.preprocess((raw) => raw === true || raw === "on" || raw === "true", z.boolean());

export const startPersonalPracticeInput = z.object({
  lectureSlug,
  topics: topicChoice.default("weak"),
  length: z.coerce
    .number({ error: `Choose between ${MIN_LENGTH} and ${MAX_LENGTH} questions.` })
    .int(`Choose between ${MIN_LENGTH} and ${MAX_LENGTH} questions.`)
    .min(MIN_LENGTH, `Choose between ${MIN_LENGTH} and ${MAX_LENGTH} questions.`)
    .max(MAX_LENGTH, `Choose between ${MIN_LENGTH} and ${MAX_LENGTH} questions.`)
    .default(DEFAULT_LENGTH),
  mode: z.enum(PRACTICE_MODES, { error: "Choose review or stretch." }).default("review"),
  /** End the personal practice in progress (if any) and start a new one; otherwise it is resumed. */
  restart: flag.default(false),
});

export type StartPersonalPracticeInput = z.output<typeof startPersonalPracticeInput>;

/** What a PERSONAL session stores in `settings`: what was asked for and what the pick came to. */
export const personalSettings = z.object({
  request: z.object({ topics: z.union([z.literal("weak"), z.array(z.string())]), length: z.number(), mode: z.enum(PRACTICE_MODES) }),
  /** The topics drawn from, with their names then. */
  topics: z.array(z.object({ key: z.string(), name: z.string(), count: z.number() })),
  target: z.number(),
  expectedRate: z.number(),
  /** The student's ability the pick was made for (logits). */
  ability: z.number(),
  seed: z.number(),
  /** The picked questions in the order asked, each with its predicted chance of a right answer. */
  items: z.array(z.object({ questionId: z.string(), versionId: z.string(), difficulty: z.number(), predicted: z.number() })),
  reusedSeen: z.number(),
  short: z.boolean(),
  /** How many picked questions have a difficulty estimated from the class's answers (the rest sit at the prior). */
  calibrated: z.number().optional(),
});

export type PersonalSettings = z.output<typeof personalSettings>;
