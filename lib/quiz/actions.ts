"use server";

import { redirect } from "next/navigation";
import { authedAction } from "../actions/safe-action";
import { answerPracticeQuestion, startPracticeSession } from "./practice-data";
import { getAttemptRoute, getQuizLectureSlug } from "./routes";
import { saveAnswer } from "./answer-save";
import { startOrResumeAttempt } from "./data";
import { submitAttempt } from "./submission";
import { answerPracticeInput, saveAnswerInput, startAttemptInput, submitAttemptInput } from "./schemas";

/** Starts (or resumes) the student's attempt and opens it. */
export const startAttemptAction = authedAction({ name: "quiz.startAttempt", schema: startAttemptInput }, async (input, user) => {
  const attemptId = await startOrResumeAttempt(user, input.quizId);
  redirect(await getAttemptRoute(user, attemptId));
});

/**
 * Saves one answer. Its result says what happened — saved, stale (another device changed it: here is
 * the answer now stored) or closed (submitted / time up) — and never anything about correctness.
 */
export const saveAnswerAction = authedAction({ name: "quiz.saveAnswer", schema: saveAnswerInput }, (input, user) => saveAnswer(user, input));

/** Submits the attempt (once, whatever the retries) and returns where its results are. */
export const submitAttemptAction = authedAction({ name: "quiz.submitAttempt", schema: submitAttemptInput }, async (input, user) => {
  const { score, maxScore } = await submitAttempt(user, input.attemptId, input.idempotencyKey);
  return { score, maxScore, resultsUrl: `${await getAttemptRoute(user, input.attemptId)}/results` };
});

export const startPracticeAction = authedAction({ name: "quiz.startPractice", schema: startAttemptInput }, async (input, user) => {
  const sessionId = await startPracticeSession(user, input.quizId);
  const quiz = await getQuizLectureSlug(input.quizId);
  redirect(`/lectures/${quiz}/quiz/practice/${sessionId}`);
});

export const answerPracticeAction = authedAction({ name: "quiz.answerPractice", schema: answerPracticeInput }, (input, user) => answerPracticeQuestion(user, input));
