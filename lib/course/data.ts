import "server-only";
import { db } from "../db";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { getMyProgress, type MyProgress } from "../progress/data";

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

export interface CourseHome {
  courses: CourseHomeView[];
  /** The viewer's progress, which the lecture cards' figures come from (read once for both). */
  progress: MyProgress;
}

/** The course home: every course with its lectures in order, and the viewer's progress on each. */
export async function getCourseHome(viewer: Viewer, now = new Date()): Promise<CourseHome> {
  assertRole(viewer, ROLES);
  const [courses, progress] = await Promise.all([
    db.course.findMany({
      orderBy: { title: "asc" },
      select: { id: true, slug: true, title: true, description: true },
    }),
    getMyProgress(viewer, now),
  ]);
  // The lectures come with the progress (in order): one read of them for both.
  return {
    progress,
    courses: courses.map((course) => ({
      ...course,
      lectures: progress.lectures
        .filter((lecture) => lecture.courseId === course.id)
        .map((lecture) => ({
          id: lecture.id,
          slug: lecture.slug,
          number: lecture.number,
          title: lecture.title,
          summary: lecture.summary,
          sectionCount: lecture.sectionCount,
          sectionsRead: lecture.sectionsRead,
          flashcardCount: lecture.flashcards.total,
          podcast: lecture.hasPodcast ? { percentHeard: lecture.podcastPercent } : null,
        })),
    })),
  };
}

/**
 * Lectures for the signed-out landing page: titles and summaries only. The one loader without a
 * viewer, on purpose: it is what the landing page shows to anyone, and nothing in it is per user.
 */
export async function getPublicLectureList() {
  return db.lecture.findMany({
    orderBy: { number: "asc" },
    select: { number: true, title: true, summary: true, _count: { select: { sections: { where: { retiredAt: null } } } } },
  });
}
