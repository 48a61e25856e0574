"use server";

import { z } from "zod";
import { authedAction } from "../actions/safe-action";
import { recordSectionRead } from "./data";

export const markSectionRead = authedAction(
  { name: "lectures.markSectionRead", schema: z.object({ sectionId: z.string().min(1).max(64) }) },
  async (input, viewer) => recordSectionRead(viewer, input.sectionId),
);
