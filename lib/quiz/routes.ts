import "server-only";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";
import { NotFoundError } from "../errors";

/** The page of an attempt (its results are at `${attemptPath(…)}/results`). */
export function attemptPath(lectureSlug: string, attemptId: string): string {
  return `/lectures/${lectureSlug}/quiz/attempts/${attemptId}`;
}

/** The slug of the lecture a quiz belongs to (every signed-in user may see any quiz). */
export async function getQuizLectureSlug(viewer: Viewer, quizId: string): Promise<string> {
  assertRole(viewer, ROLES);
  const quiz = await db.quiz.findUnique({ where: { id: quizId }, select: { lecture: { select: { slug: true } } } });
  if (!quiz) throw new NotFoundError("That quiz does not exist.");
  return quiz.lecture.slug;
}
