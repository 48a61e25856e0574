import "server-only";
import { db } from "../db";
import type { SessionUser } from "../auth/roles";
import { getPodcastHeardByLecture } from "../podcast/data";

export interface LectureCard {
  id: string;
  slug: string;
  number: number;
  title: string;
  summary: string;
  sectionCount: number;
  sectionsRead: number;
  flashcardCount: number;
  /** The podcast episode: % heard (null while its audio is not built), or null when the lecture has none. */
  podcast: { percentHeard: number | null } | null;
}

export interface CourseHomeView {
  id: string;
  slug: string;
  title: string;
  description: string;
  lectures: LectureCard[];
}

/** The course home: every course with its lectures in order, and the signed-in user's reading progress on each. */
export async function getCourseHome(user: SessionUser): Promise<CourseHomeView[]> {
  if (!user?.id) throw new Error("getCourseHome needs a signed-in user");
  const [courses, reads, podcasts] = await Promise.all([
    db.course.findMany({
      orderBy: { title: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        description: true,
        lectures: {
          orderBy: { number: "asc" },
          select: { id: true, slug: true, number: true, title: true, summary: true, _count: { select: { sections: { where: { retiredAt: null } }, flashcards: { where: { retiredAt: null } } } } },
        },
      },
    }),
    db.sectionRead.findMany({ where: { userId: user.id, section: { retiredAt: null } }, select: { section: { select: { lectureId: true } } } }),
    getPodcastHeardByLecture(user),
  ]);
  const readByLecture = new Map<string, number>();
  for (const read of reads) readByLecture.set(read.section.lectureId, (readByLecture.get(read.section.lectureId) ?? 0) + 1);
  return courses.map((course) => ({
    ...course,
    lectures: course.lectures.map(({ _count, ...lecture }) => ({
      ...lecture,
      sectionCount: _count.sections,
      sectionsRead: readByLecture.get(lecture.id) ?? 0,
      flashcardCount: _count.flashcards,
      podcast: podcasts.get(lecture.id) ?? null,
    })),
  }));
}

/** Lectures for the signed-out landing page: titles and summaries only. */
export async function getPublicLectureList() {
  return db.lecture.findMany({ orderBy: { number: "asc" }, select: { number: true, title: true, summary: true, _count: { select: { sections: { where: { retiredAt: null } } } } } });
}
