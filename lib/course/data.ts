import "server-only";
import { db } from "../db";
import type { SessionUser } from "../auth/roles";

/** The course home: every course with its lectures in order. Lectures are open to every signed-in user. */
export async function getCourseHome(user: SessionUser) {
  if (!user?.id) throw new Error("getCourseHome needs a signed-in user");
  return db.course.findMany({
    orderBy: { title: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      lectures: {
        orderBy: { number: "asc" },
        select: { id: true, slug: true, number: true, title: true, summary: true, _count: { select: { sections: true } } },
      },
    },
  });
}
