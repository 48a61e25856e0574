import "server-only";
// When a lecture unlocks: staff set the day (or clear it, for "open now"). Its flashcards join
// students' review decks from then on, and the forecast counts them from then.
import { db } from "../db";
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { NotFoundError } from "../errors";

export interface LectureOpening {
  id: string;
  number: number;
  title: string;
  /** "2027-01-15", or null when the lecture is open. */
  opensOn: string | null;
}

export async function getLectureOpenings(viewer: Viewer): Promise<LectureOpening[]> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.lecture.findMany({ orderBy: { number: "asc" }, select: { id: true, number: true, title: true, opensAt: true } });
  return rows.map((row) => ({ id: row.id, number: row.number, title: row.title, opensOn: row.opensAt?.toISOString().slice(0, 10) ?? null }));
}

/** Sets the day a lecture opens (00:00 UTC), or opens it now (null). */
export async function setLectureOpening(viewer: Viewer, lectureId: string, opensAt: Date | null): Promise<void> {
  assertRole(viewer, STAFF_ROLES);
  const updated = await db.lecture.updateMany({ where: { id: lectureId }, data: { opensAt } });
  if (updated.count === 0) throw new NotFoundError("That lecture does not exist.");
}
