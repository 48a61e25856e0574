import { z } from "zod";

/** A calendar day as the date input sends it ("2027-01-15"), read as that day at 00:00 UTC. */
const examDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the exam's date.")
  .transform((value, ctx) => {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      ctx.addIssue({ code: "custom", message: "That is not a calendar date." });
      return z.NEVER;
    }
    return date;
  });

export const addExamDateInput = z.strictObject({
  lectureId: z.string().min(1).max(64),
  /** Staff may tie a class exam to one of the lecture's quizzes. */
  quizId: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value || undefined),
  title: z.string().trim().min(1, "Give the exam a name.").max(120, "Keep the name under 120 characters."),
  date: examDay,
});
export type AddExamDateInput = Omit<z.output<typeof addExamDateInput>, "quizId"> & { quizId?: string };

export const removeExamDateInput = z.strictObject({ examDateId: z.string().min(1).max(64) });
