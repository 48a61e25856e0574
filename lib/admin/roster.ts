import "server-only";
// The class roster: every student with their cohort, for the staff's progress pages.
import { db } from "../db";
import { assertRole, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";

export interface RosterStudent {
  id: string;
  name: string;
  email: string;
  cohort: string | null;
}

/** Every student, by name. Staff only. */
export async function getStudentRoster(viewer: Viewer): Promise<RosterStudent[]> {
  assertRole(viewer, STAFF_ROLES);
  const students = await db.user.findMany({
    where: { role: "STUDENT" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, cohort: { select: { name: true } } },
  });
  return students.map(({ cohort, ...student }) => ({ ...student, cohort: cohort?.name ?? null }));
}
