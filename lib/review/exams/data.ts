import "server-only";
// Exam dates: staff set them for the class (per lecture, optionally for one of its quizzes); a
// student may add their own. Scheduling plans every learned card of the lecture to be recalled with
// the student's desired retention through the exam day (lib/review/due-plan.ts); a change queues
// the reschedule of the students it concerns (a background job).
import { db } from "../../db";
import { assertRole, hasRole, ROLES, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { ActionError, NotFoundError } from "../../errors";
import { enqueue } from "../../jobs/boss";
import type { AddExamDateInput } from "./schemas";

export interface ExamDateView {
  id: string;
  lectureId: string;
  lectureTitle: string;
  quizTitle: string | null;
  title: string;
  /** The exam's day, "2027-01-15". */
  date: string;
  /** A student's own date (theirs to remove), or the class's (set by staff). */
  own: boolean;
}

const MAX_OWN_DATES = 50;

const examDateSelect = {
  id: true,
  lectureId: true,
  title: true,
  date: true,
  userId: true,
  lecture: { select: { title: true } },
  quiz: { select: { title: true } },
} as const;

function toView(
  row: { id: string; lectureId: string; title: string; date: Date; userId: string | null; lecture: { title: string }; quiz: { title: string } | null },
  viewerId: string,
): ExamDateView {
  return {
    id: row.id,
    lectureId: row.lectureId,
    lectureTitle: row.lecture.title,
    quizTitle: row.quiz?.title ?? null,
    title: row.title,
    date: row.date.toISOString().slice(0, 10),
    own: row.userId === viewerId,
  };
}

/** Upcoming and recent exam dates the viewer sees: the class's, and their own. */
export async function getExamDates(viewer: Viewer, now = new Date()): Promise<ExamDateView[]> {
  assertRole(viewer, ROLES);
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db.examDate.findMany({
    where: { date: { gte: since }, OR: [{ userId: null }, { userId: viewer.id }] },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    select: examDateSelect,
  });
  return rows.map((row) => toView(row, viewer.id));
}

/** Queues the reschedule an exam date change calls for: the class's students, or the one student. */
async function rescheduleFor(lectureId: string, userId: string | null): Promise<void> {
  if (userId) await enqueue("reviewReschedule", { userId }, { singletonKey: userId });
  else await enqueue("lectureReschedule", { lectureId });
}

/** Adds an exam date: staff add the class's, a student their own. */
export async function addExamDate(viewer: Viewer, input: AddExamDateInput, now = new Date()): Promise<ExamDateView> {
  assertRole(viewer, ROLES);
  const staff = hasRole(viewer, STAFF_ROLES);
  const today = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  if (input.date.getTime() < today.getTime())
    throw new ActionError("VALIDATION", "That date has passed: choose today or a later day.", { date: ["That date has passed."] });
  const lecture = await db.lecture.findUnique({ where: { id: input.lectureId }, select: { id: true, title: true } });
  if (!lecture) throw new NotFoundError("That lecture does not exist.");
  let quizTitle: string | null = null;
  if (input.quizId) {
    if (!staff) throw new ActionError("FORBIDDEN", "Only staff tie an exam to a quiz.");
    const quiz = await db.quiz.findFirst({ where: { id: input.quizId, lectureId: lecture.id }, select: { title: true } });
    if (!quiz) throw new NotFoundError("That quiz is not in this lecture.");
    quizTitle = quiz.title;
  }
  if (!staff && (await db.examDate.count({ where: { userId: viewer.id } })) >= MAX_OWN_DATES)
    throw new ActionError("VALIDATION", `You have ${MAX_OWN_DATES} exam dates already: remove an old one first.`);
  const userId = staff ? null : viewer.id;
  const created = await db.examDate.create({
    data: { lectureId: lecture.id, quizId: input.quizId ?? null, userId, title: input.title, date: input.date, createdById: viewer.id },
    select: { id: true },
  });
  await rescheduleFor(lecture.id, userId);
  return {
    id: created.id,
    lectureId: lecture.id,
    lectureTitle: lecture.title,
    quizTitle,
    title: input.title,
    date: input.date.toISOString().slice(0, 10),
    own: !staff,
  };
}

/** Removes an exam date: a student their own, staff the class's. */
export async function removeExamDate(viewer: Viewer, examDateId: string): Promise<void> {
  assertRole(viewer, ROLES);
  const row = await db.examDate.findFirst({
    where: { id: examDateId, ...(hasRole(viewer, STAFF_ROLES) ? { OR: [{ userId: null }, { userId: viewer.id }] } : { userId: viewer.id }) },
    select: { id: true, lectureId: true, userId: true },
  });
  if (!row) throw new NotFoundError("There is no such exam date of yours.");
  await db.examDate.delete({ where: { id: row.id } });
  await rescheduleFor(row.lectureId, row.userId);
}

/** Staff only: the class's exam dates of every lecture, for the instructor's schedule page. */
export async function getClassExamDates(viewer: Viewer): Promise<ExamDateView[]> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.examDate.findMany({
    where: { userId: null },
    orderBy: { date: "asc" },
    select: examDateSelect,
  });
  return rows.map((row) => toView(row, viewer.id));
}

/** Staff only: the quizzes a class exam may be tied to. */
export async function getExamQuizChoices(viewer: Viewer): Promise<{ id: string; title: string; lectureId: string }[]> {
  assertRole(viewer, STAFF_ROLES);
  return db.quiz.findMany({ orderBy: [{ lecture: { number: "asc" } }, { title: "asc" }], select: { id: true, title: true, lectureId: true } });
}
