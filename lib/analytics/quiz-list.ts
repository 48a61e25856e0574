import "server-only";
// The instructor's index of quizzes, with the counts the running sums already hold. Staff only.
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { db } from "../db";

export interface InstructorQuiz {
  id: string;
  title: string;
  lecture: { number: number; title: string };
  slots: number;
  /** Submitted attempts in all. */
  attempts: number;
  /** Students who submitted a first attempt. */
  students: number;
}

/** The quizzes with their submitted attempt counts, for the instructor's index. */
export async function getInstructorQuizzes(viewer: Viewer): Promise<InstructorQuiz[]> {
  assertRole(viewer, STAFF_ROLES);
  const [quizzes, firsts] = await Promise.all([
    db.quiz.findMany({
      orderBy: [{ lecture: { number: "asc" } }, { createdAt: "asc" }],
      select: {
        id: true,
        title: true,
        lecture: { select: { number: true, title: true } },
        stats: { where: { scope: "ALL" }, select: { n: true } },
        _count: { select: { slots: { where: { retiredAt: null } } } },
      },
    }),
    db.quizStat.findMany({ where: { scope: "FIRST" }, select: { quizId: true, n: true } }),
  ]);
  const students = new Map(firsts.map((f) => [f.quizId, f.n]));
  return quizzes.map((q) => ({
    id: q.id,
    title: q.title,
    lecture: q.lecture,
    slots: q._count.slots,
    attempts: q.stats[0]?.n ?? 0,
    students: students.get(q.id) ?? 0,
  }));
}
