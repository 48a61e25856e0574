// What the generated-study actions accept: ids from the page, and a student's words. Checked before
// anything is read; whether the viewer may see the item is checked in the data layer.
import { z } from "zod";
import { KEY_PATTERN, recordIdWith } from "../ids";
import { REPORT_MAX_CHARS } from "./limits";

const itemId = recordIdWith("That item does not exist.");
const lectureId = recordIdWith("That lecture does not exist.");
const sectionKey = z.string().max(120, "Choose a section of the notes.").regex(KEY_PATTERN, "Choose a section of the notes.");

export const generateItemsInput = z.strictObject({
  lectureId,
  sectionKey,
  generator: z.enum(["offline", "model"], { error: 'Choose "from the notes" or "with the language model".' }),
});

export const itemInput = z.strictObject({ itemId });

export const answerItemInput = z.strictObject({
  itemId,
  chosen: z.string({ error: "Choose an answer." }).min(1, "Choose an answer.").max(2_000, "Choose one of the options."),
});

export const reportItemInput = z.strictObject({
  itemId,
  message: z
    .string({ error: "Say what is wrong with it." })
    .trim()
    .min(1, "Say what is wrong with it.")
    .max(REPORT_MAX_CHARS, `At most ${REPORT_MAX_CHARS.toLocaleString("en-US")} characters.`),
});

export type GenerateItemsInput = z.output<typeof generateItemsInput>;
