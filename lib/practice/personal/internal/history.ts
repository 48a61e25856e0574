import "server-only";
// One student's history on a lecture, for their personal practice: their quiz answers (the questions
// of their latest attempts, and every answer for their ability), and their personal practice sessions.
// Every query is scoped to the student; the caller has checked the viewer.
import { db } from "../../../db";
import type { PracticeState } from "../../../quiz/practice";
import { personalSettings, type PersonalSettings } from "../schemas";

/** Personal sessions whose questions count as seen recently. */
export const RECENT_SESSIONS = 3;
/** Personal sessions read for the student's answers (ability) and the recent list. */
const SESSIONS_READ = 20;

export interface PersonalSession {
  id: string;
  createdAt: Date;
  completedAt: Date | null;
  state: PracticeState;
  /** null when the stored settings do not read (then the session is shown, but drawn on for nothing). */
  settings: PersonalSettings | null;
}

export interface StudentHistory {
  /** Every answer in the student's submitted attempts at the lecture's quizzes (marked ones). */
  quizAnswers: { questionId: string; right: boolean }[];
  /** The questions of the latest submitted attempt at each of the lecture's quizzes. */
  latestAttemptQuestions: Set<string>;
  /** Newest first. */
  sessions: PersonalSession[];
}

export async function loadStudentHistory(userId: string, lectureId: string): Promise<StudentHistory> {
  const [responses, sessions] = await Promise.all([
    db.response.findMany({
      where: { mark: { not: null }, attempt: { userId, status: "SUBMITTED", quiz: { lectureId } } },
      select: { mark: true, maxMark: true, questionVersion: { select: { questionId: true } }, attempt: { select: { quizId: true, attemptNumber: true } } },
    }),
    db.practiceSession.findMany({
      where: { userId, lectureId, kind: "PERSONAL" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SESSIONS_READ,
      select: { id: true, createdAt: true, completedAt: true, state: true, settings: true },
    }),
  ]);
  const latest = new Map<string, number>();
  for (const r of responses) latest.set(r.attempt.quizId, Math.max(latest.get(r.attempt.quizId) ?? 0, r.attempt.attemptNumber));
  return {
    quizAnswers: responses.map((r) => ({ questionId: r.questionVersion.questionId, right: (r.mark ?? 0) >= r.maxMark - 1e-9 })),
    latestAttemptQuestions: new Set(responses.filter((r) => latest.get(r.attempt.quizId) === r.attempt.attemptNumber).map((r) => r.questionVersion.questionId)),
    sessions: sessions.map((s) => {
      const parsed = personalSettings.safeParse(s.settings);
      return {
        id: s.id,
        createdAt: s.createdAt,
        completedAt: s.completedAt,
        state: s.state as unknown as PracticeState,
        settings: parsed.success ? parsed.data : null,
      };
    }),
  };
}

/** The questions the student saw recently: their latest attempts' and their last few personal sessions'. */
export function recentlySeen(history: StudentHistory): Set<string> {
  const seen = new Set(history.latestAttemptQuestions);
  for (const session of history.sessions.slice(0, RECENT_SESSIONS)) for (const item of session.settings?.items ?? []) seen.add(item.questionId);
  return seen;
}

/** Every answer the student gave, quiz and personal practice, by question. */
export function answersByQuestion(history: StudentHistory): { questionId: string; right: boolean }[] {
  const practised = history.sessions.flatMap((s) => {
    const question = new Map((s.settings?.items ?? []).map((i) => [i.versionId, i.questionId]));
    return (s.state.answers ?? []).flatMap((a) => {
      const questionId = question.get(a.id);
      return questionId ? [{ questionId, right: a.correct }] : [];
    });
  });
  return [...history.quizAnswers, ...practised];
}
