// The quiz editor's inputs. The settings' rules are the content files' own (quiz.json's field schemas
// in lib/content/schemas.ts, reached through `.shape`), so a quiz edited here could be written back as a
// valid quiz.json; only the way a form sends them (text, checkboxes, empty for "none") and the words
// of the errors are the editor's.
import { z } from "zod";
import { quizFile } from "../../content/schemas";
import { recordIdWith } from "../../ids";

const quizFields = quizFile.shape;
const slotFields = quizFile.shape.slots.element.shape;

export const recordId = recordIdWith("Not a valid id.");

const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");

/** A form's text as a number: empty is null ("none", "unlimited"), other text that is not a number stays text (and fails). */
const numberOrNull = (raw: unknown) => (blank(raw) ? null : typeof raw === "string" && Number.isFinite(Number(raw)) ? Number(raw) : raw);

/** A checkbox: "on" when ticked, absent when not (a plain boolean from code). */
const checkbox = (raw: unknown) => raw === true || raw === "on" || raw === "true";

/**
 * A form field checked by a content field schema: `fromForm` turns what the form sent into what the
 * file would hold, `rule` (quiz.json's schema) decides, and a failure reads `message`.
 */
function formField<S extends z.ZodType>(rule: S, fromForm: (raw: unknown) => unknown, message: string) {
  // optional(): a form leaves an unticked checkbox (and an empty field sent from code) out altogether.
  return z
    .unknown()
    .optional()
    .transform((raw, ctx): z.output<S> => {
      const parsed = rule.safeParse(fromForm(raw));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });
}

/**
 * A date and time in UTC: `<input type="datetime-local">` sends "2027-03-03T09:00" (read as UTC, as the
 * page says), code may send an ISO string or a Date; empty is null (no bound).
 */
const utcDateTime = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((raw, ctx): Date | null => {
      if (blank(raw)) return null;
      const text = raw instanceof Date ? raw.toISOString() : typeof raw === "string" ? raw.trim() : "";
      const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text) ? new Date(`${text}Z`) : new Date(text);
      if (!text || Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });

export const quizSettingsInput = z
  .object({
    quizId: recordId,
    title: formField(quizFields.title, (raw) => (typeof raw === "string" ? raw : ""), "Give the quiz a title."),
    attemptsAllowed: formField(quizFields.attemptsAllowed, numberOrNull, "Enter a whole number of attempts (1 or more), or leave it empty for unlimited."),
    gradingPolicy: formField(quizFields.gradingPolicy, (raw) => raw ?? "", "Choose the first, the last or the best attempt."),
    timeLimitMinutes: formField(quizFields.timeLimitMinutes, numberOrNull, "Enter a time limit in minutes above 0, or leave it empty for none."),
    shuffleOptions: formField(quizFields.shuffleOptions, checkbox, "Tick or untick the box."),
    shuffleSlots: formField(quizFields.shuffleSlots, checkbox, "Tick or untick the box."),
    opensAt: utcDateTime("Enter the opening date and time (UTC), or leave it empty."),
    closesAt: utcDateTime("Enter the closing date and time (UTC), or leave it empty."),
  })
  .superRefine((settings, ctx) => {
    if (settings.opensAt && settings.closesAt && settings.closesAt.getTime() <= settings.opensAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The quiz must close after it opens." });
    }
  });

export type QuizSettingsInput = z.output<typeof quizSettingsInput>;

const maxMark = formField(slotFields.maxMark, numberOrNull, "Enter a max mark above 0.");

/** One id, several ids, or ids separated by commas (what a form can send). */
const idList = z.preprocess(
  (raw) => (typeof raw === "string" ? raw.split(",").filter(Boolean) : raw),
  z.array(recordId).min(1, "Choose at least one question.").max(50, "Choose at most 50 questions."),
);

export const addSlotInput = z.object({ quizId: recordId, questionIds: idList, maxMark });
export const slotInput = z.object({ slotId: recordId });
export const moveSlotInput = z.object({ slotId: recordId, direction: z.enum(["up", "down"], { error: "Move up or down." }) });
export const slotVariantInput = z.object({ slotId: recordId, questionId: recordId });
export const slotMaxMarkInput = z.object({ slotId: recordId, maxMark });

export type AddSlotInput = z.output<typeof addSlotInput>;
export type MoveSlotInput = z.output<typeof moveSlotInput>;
export type SlotVariantInput = z.output<typeof slotVariantInput>;
export type SlotMaxMarkInput = z.output<typeof slotMaxMarkInput>;
