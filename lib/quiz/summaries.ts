import "server-only";
// What the quiz feature tells other features (progress, the course home) about attempts: batched
// over every quiz, a query or two whatever the number of lectures.
import { db } from "../db";
import { assertRole, ROLES, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { CLASS_ATTEMPT_SUMMARIES_SQL, type ClassAttemptSummaryRow } from "./internal/sql";

/** The viewer's attempts at one quiz. */
export interface AttemptSummary {
  /** Attempts started, submitted or not. */
  attemptsUsed: number;
  /** Best and latest submitted score, in percent to one decimal (null before a submission). */
  bestPercent: number | null;
  lastPercent: number | null;
}

const percentOf = (score: number | null, max: number) => (score === null || max <= 0 ? null : Math.round((score / max) * 1000) / 10);

const NO_ATTEMPTS: AttemptSummary = { attemptsUsed: 0, bestPercent: null, lastPercent: null };

/** The viewer's attempts at every quiz, from one query. `get` answers every quiz id. */
export async function getAttemptSummaries(viewer: Viewer): Promise<{ get(quizId: string): AttemptSummary }> {
  assertRole(viewer, ROLES);
  const attempts = await db.attempt.findMany({
    where: { userId: viewer.id },
    orderBy: { attemptNumber: "asc" },
    select: { quizId: true, status: true, score: true, maxScore: true },
  });
  const byQuiz = new Map<string, typeof attempts>();
  for (const attempt of attempts) byQuiz.set(attempt.quizId, [...(byQuiz.get(attempt.quizId) ?? []), attempt]);
  const summaries = new Map(
    [...byQuiz].map(([quizId, mine]) => {
      const submitted = mine.filter((a) => a.status === "SUBMITTED");
      const best = submitted.reduce<number | null>((m, a) => Math.max(m ?? 0, percentOf(a.score, a.maxScore) ?? 0), null);
      const last = submitted.at(-1);
      return [quizId, { attemptsUsed: mine.length, bestPercent: best, lastPercent: last ? percentOf(last.score, last.maxScore) : null }];
    }),
  );
  return { get: (quizId) => summaries.get(quizId) ?? NO_ATTEMPTS };
}

/** One mark the viewer got on a question with a topic, in a submitted attempt. */
export interface TopicAnswer {
  topic: string;
  /** The mark as a fraction of the question's maximum, 0..1. */
  score: number;
  /** When the attempt was submitted. */
  at: Date;
}

/** The viewer's marks on every question with a topic, in every submitted attempt (for mastery). */
export async function getTopicAnswers(viewer: Viewer): Promise<TopicAnswer[]> {
  assertRole(viewer, ROLES);
  const responses = await db.response.findMany({
    where: { attempt: { userId: viewer.id, status: "SUBMITTED" } },
    select: {
      mark: true,
      maxMark: true,
      attempt: { select: { submittedAt: true } },
      questionVersion: { select: { question: { select: { topic: { select: { key: true } } } } } },
    },
  });
  return responses.flatMap((r) => {
    const topic = r.questionVersion.question.topic?.key;
    return topic && r.attempt.submittedAt ? [{ topic, score: r.maxMark > 0 ? (r.mark ?? 0) / r.maxMark : 0, at: r.attempt.submittedAt }] : [];
  });
}

/** One student's attempts at one quiz, for the class progress page. */
export interface StudentAttempts {
  attempts: number;
  /** Best submitted score as a fraction (0..1), null before a submission. */
  best: number | null;
  /** When the student last started or submitted an attempt. */
  lastActiveAt: Date | null;
}

/** Every student's attempts at every quiz (`get(userId, quizId)`), from one grouped query. Staff only. */
export async function getClassAttemptSummaries(viewer: Viewer): Promise<{ get(userId: string, quizId: string): StudentAttempts | undefined }> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.$queryRawUnsafe<ClassAttemptSummaryRow[]>(CLASS_ATTEMPT_SUMMARIES_SQL);
  const byKey = new Map(rows.map(({ userId, quizId, ...row }) => [`${userId}|${quizId}`, row]));
  return { get: (userId, quizId) => byKey.get(`${userId}|${quizId}`) };
}
