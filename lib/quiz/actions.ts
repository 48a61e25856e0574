"use server";

import { redirect } from "next/navigation";
import { authedAction, sessionCheckedAction } from "../actions/safe-action";
import { saveAnswerInSession } from "./answer-save";
import { startOrResumeAttempt } from "./attempt-start";
import { answerPracticeQuestion, startPracticeSession } from "./practice-data";
import { attemptPath, getQuizLectureSlug } from "./routes";
import { answerPracticeInput, saveAnswerInput, startAttemptInput, submitAttemptInput } from "./schemas";
import { submitAttempt } from "./submission/submit";

/** Starts (or resumes) the viewer's attempt and opens it. */
export const startAttemptAction = authedAction({ name: "quiz.startAttempt", schema: startAttemptInput }, async (input, viewer) => {
  redirect((await startOrResumeAttempt(viewer, input.quizId)).path);
});

/**
 * Saves one answer. Its result says what happened — saved, or stale (another device changed it: here
 * is the answer now stored) — and never anything about correctness; a closed attempt (submitted, time
 * up) is the failure code ATTEMPT_CLOSED.
 */
export const saveAnswerAction = sessionCheckedAction({ name: "quiz.saveAnswer", schema: saveAnswerInput }, (input, session) =>
  saveAnswerInSession(session, input),
);

/** Submits the attempt (once, whatever the retries) and returns where its results are. */
export const submitAttemptAction = authedAction({ name: "quiz.submitAttempt", schema: submitAttemptInput }, async (input, viewer) => {
  const { score, maxScore, lectureSlug } = await submitAttempt(viewer, input.attemptId, input.idempotencyKey);
  return { score, maxScore, resultsUrl: `${attemptPath(lectureSlug, input.attemptId)}/results` };
});

export const startPracticeAction = authedAction({ name: "quiz.startPractice", schema: startAttemptInput }, async (input, viewer) => {
  const sessionId = await startPracticeSession(viewer, input.quizId);
  const slug = await getQuizLectureSlug(viewer, input.quizId);
  redirect(`/lectures/${slug}/quiz/practice/${sessionId}`);
});

export const answerPracticeAction = authedAction({ name: "quiz.answerPractice", schema: answerPracticeInput }, (input, viewer) =>
  answerPracticeQuestion(viewer, input),
);
