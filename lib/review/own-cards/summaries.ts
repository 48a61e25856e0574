import "server-only";
// What staff may know about students' own cards: how many, per lecture, and how many students keep
// some. Never a card's text, never whose cards they are.
import { db } from "../../db";
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";

export interface OwnCardTotals {
  /** Students with at least one card of their own in the lecture. */
  students: number;
  cards: number;
}

const NONE: Readonly<OwnCardTotals> = Object.freeze({ students: 0, cards: 0 });

/** Per lecture, students' own cards counted (students only: staff trying the feature are left out). Staff only. */
export async function getClassOwnCardTotals(viewer: Viewer): Promise<{ get(lectureId: string): OwnCardTotals }> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.$queryRaw<(OwnCardTotals & { lectureId: string })[]>`
    SELECT s.lecture_id AS "lectureId", count(DISTINCT s.user_id)::int AS students, count(*)::int AS cards
    FROM student_cards s JOIN users u ON u.id = s.user_id
    WHERE u.role = 'STUDENT'
    GROUP BY s.lecture_id`;
  const byLecture = new Map(rows.map(({ lectureId, ...totals }) => [lectureId, totals]));
  return { get: (lectureId) => byLecture.get(lectureId) ?? NONE };
}
