"use server";

import { z } from "zod";
import { authedAction } from "../actions/safe-action";
import { recordSectionRead } from "./data";
import { setLectureOpening } from "./opening";
import { revalidatePath } from "next/cache";

export const markSectionRead = authedAction(
  { name: "lectures.markSectionRead", schema: z.object({ sectionId: z.string().min(1).max(64) }) },
  async (input, viewer) => recordSectionRead(viewer, input.sectionId),
);

const openingDay = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Enter a date, or leave it empty to open the lecture now.")
  .transform((value) => (value ? new Date(`${value}T00:00:00.000Z`) : null))
  .refine((date) => date === null || !Number.isNaN(date.getTime()), "That is not a calendar date.");

/** Staff: the day a lecture opens to students (empty: open now). */
export const setLectureOpeningAction = authedAction(
  { name: "lectures.setOpening", schema: z.strictObject({ lectureId: z.string().min(1).max(64), opensOn: openingDay }) },
  async (input, viewer) => {
    await setLectureOpening(viewer, input.lectureId, input.opensOn);
    revalidatePath("/instructor/schedule");
  },
);
