// What a student's own card may hold, checked the same way by the forms, the CSV import and the undo
// of a delete. The lengths are the table's CHECK constraint (student_cards_text_check); JavaScript
// counts UTF-16 units, PostgreSQL characters, so a text that passes here always fits there.
import { z } from "zod";
import { KEY_PATTERN, recordIdWith } from "../../ids";
import { RATINGS } from "../fsrs";
import { BACK_MAX_CHARS, FRONT_MAX_CHARS } from "./limits";

export { BACK_MAX_CHARS, FRONT_MAX_CHARS } from "./limits";

/** Section keys are content keys; a longer one names no section. */
const SECTION_KEY_MAX = 120;
/** Ratings kept for one card in the undo of its delete (years of daily reviews in both directions). */
export const MAX_BACKUP_REVIEWS = 10_000;

const thousands = (n: number) => n.toLocaleString("en-US");

export const FIELD_MESSAGES = {
  frontEmpty: "Write the front: the question or term you want to be asked.",
  frontLong: `The front is too long: at most ${thousands(FRONT_MAX_CHARS)} characters.`,
  backEmpty: "Write the back: the answer you expect.",
  backLong: `The back is too long: at most ${thousands(BACK_MAX_CHARS)} characters.`,
  section: "Choose a section of this lecture's notes, or none.",
} as const;

export const cardFront = z.string({ error: FIELD_MESSAGES.frontEmpty }).trim().min(1, FIELD_MESSAGES.frontEmpty).max(FRONT_MAX_CHARS, FIELD_MESSAGES.frontLong);
export const cardBack = z.string({ error: FIELD_MESSAGES.backEmpty }).trim().min(1, FIELD_MESSAGES.backEmpty).max(BACK_MAX_CHARS, FIELD_MESSAGES.backLong);

/** A section key, or null for none (a form's empty choice). Whether the lecture has it is checked in the data layer. */
export const cardSectionKey = z.preprocess(
  (value) => (value === "" || value === undefined ? null : value),
  z.string().max(SECTION_KEY_MAX, FIELD_MESSAGES.section).regex(KEY_PATTERN, FIELD_MESSAGES.section).nullable(),
);

/** A checkbox: "on" (a form) or true (code); absent is false. */
const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

const cardId = recordIdWith("That card does not exist.");
const lectureId = recordIdWith("That lecture does not exist.");

export const createOwnCardInput = z.object({
  lectureId,
  front: cardFront,
  back: cardBack,
  sectionKey: cardSectionKey,
  reversible: checkbox,
});
export type CreateOwnCardInput = z.output<typeof createOwnCardInput>;

export const updateOwnCardInput = z.object({
  cardId,
  front: cardFront,
  back: cardBack,
  sectionKey: cardSectionKey,
  reversible: checkbox,
});
export type UpdateOwnCardInput = z.output<typeof updateOwnCardInput>;

export const deleteOwnCardInput = z.object({ cardId });

/** A deleted card and its ratings, as the delete returned them: what its undo puts back. */
export const ownCardBackup = z.strictObject({
  id: cardId,
  lectureId,
  front: cardFront,
  back: cardBack,
  sectionKey: cardSectionKey,
  reversible: z.boolean(),
  createdAt: z.iso.datetime(),
  reviews: z
    .array(z.strictObject({ reversed: z.boolean(), rating: z.enum(RATINGS), reviewedAt: z.iso.datetime() }))
    .max(MAX_BACKUP_REVIEWS, "That card has too many ratings to restore."),
});
export type OwnCardBackup = z.output<typeof ownCardBackup>;

export const restoreOwnCardInput = z.strictObject({ backup: ownCardBackup });
