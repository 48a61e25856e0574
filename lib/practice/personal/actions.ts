"use server";

import { redirect } from "next/navigation";
import { authedAction } from "../../actions/safe-action";
import { startPersonalPractice } from "./data";
import { practiceSessionPath } from "./options";
import { startPersonalPracticeInput } from "./schemas";

/** Starts a personal practice quiz (or resumes the one in progress) and opens it. */
export const startPersonalPracticeAction = authedAction({ name: "practice.startPersonal", schema: startPersonalPracticeInput }, async (input, viewer) => {
  const { sessionId } = await startPersonalPractice(viewer, input.lectureSlug, input);
  redirect(practiceSessionPath(input.lectureSlug, sessionId));
});
