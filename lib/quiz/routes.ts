import "server-only";
import { db } from "../db";
import type { SessionUser } from "../auth/roles";
import { NotFoundError } from "../errors";

/** The page of one of the user's attempts. */
export async function getAttemptRoute(user: SessionUser, attemptId: string): Promise<string> {
  const attempt = await db.attempt.findFirst({ where: { id: attemptId, userId: user.id }, select: { quiz: { select: { lecture: { select: { slug: true } } } } } });
  if (!attempt) throw new NotFoundError("That attempt does not exist.");
  return `/lectures/${attempt.quiz.lecture.slug}/quiz/attempts/${attemptId}`;
}

/** The slug of the lecture a quiz belongs to. */
export async function getQuizLectureSlug(quizId: string): Promise<string> {
  const quiz = await db.quiz.findUnique({ where: { id: quizId }, select: { lecture: { select: { slug: true } } } });
  if (!quiz) throw new NotFoundError("That quiz does not exist.");
  return quiz.lecture.slug;
}
