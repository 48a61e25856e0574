// The instructors' review of a generated item: its text as they edited it, then approve or reject.
import { z } from "zod";
import { KEY_PATTERN, recordIdWith } from "../../ids";

const itemId = recordIdWith("That item does not exist.");
const field = (what: string, max = 2_000) =>
  z
    .string()
    .trim()
    .max(max, `${what} is too long: at most ${max.toLocaleString("en-US")} characters.`)
    .default("");

/** The edited item. Options arrive one per line (a textarea); which fields a kind needs is checked with the linter. */
export const approveItemInput = z.strictObject({
  itemId,
  front: field("The front"),
  back: field("The back"),
  stem: field("The question"),
  options: z
    .string()
    .max(8_000, "The options are too long.")
    .default("")
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .pipe(z.array(z.string().max(500, "An option is too long: at most 500 characters.")).max(8, "At most 8 options.")),
  answer: field("The answer"),
  topic: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.string().max(120, "Choose a topic of this lecture, or none.").regex(KEY_PATTERN, "Choose a topic of this lecture, or none.").nullable(),
  ),
});

export const rejectItemInput = z.strictObject({
  itemId,
  reason: z.string().trim().min(1, "Say why, so students who proposed it can learn from it.").max(500, "At most 500 characters."),
});

export type ApproveItemInput = z.output<typeof approveItemInput>;
