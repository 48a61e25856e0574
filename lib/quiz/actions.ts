"use server";

import { redirect } from "next/navigation";
import { authedAction } from "../actions/safe-action";
import { answerPracticeQuestion, startPracticeSession } from "./practice-data";
import { getAttemptRoute, getQuizLectureSlug } from "./routes";
import { saveAnswer, startOrResumeAttempt, submitAttempt } from "./data";
import { answerPracticeInput, saveAnswerInput, startAttemptInput, submitAttemptInput } from "./schemas";

/** Starts (or resumes) the student's attempt and opens it. */
export const startAttemptAction = authedAction({ schema: startAttemptInput }, async (input, user) => {
  const attemptId = await startOrResumeAttempt(user, input.quizId);
  redirect(await getAttemptRoute(user, attemptId));
});

/** Saves one answer; returns only when it was saved (never anything about correctness). */
export const saveAnswerAction = authedAction({ schema: saveAnswerInput }, (input, user) => saveAnswer(user, input));

/** Submits the attempt (once, whatever the retries) and returns where its results are. */
export const submitAttemptAction = authedAction({ schema: submitAttemptInput }, async (input, user) => {
  const { score, maxScore } = await submitAttempt(user, input.attemptId, input.idempotencyKey);
  return { score, maxScore, resultsUrl: `${await getAttemptRoute(user, input.attemptId)}/results` };
});

export const startPracticeAction = authedAction({ schema: startAttemptInput }, async (input, user) => {
  const sessionId = await startPracticeSession(user, input.quizId);
  const quiz = await getQuizLectureSlug(input.quizId);
  redirect(`/lectures/${quiz}/quiz/practice/${sessionId}`);
});

export const answerPracticeAction = authedAction({ schema: answerPracticeInput }, (input, user) => answerPracticeQuestion(user, input));
