import "server-only";
// What the lectures feature tells other features (progress, the course home): every lecture's
// outline, and who read which sections. Batched over every lecture, one query each.
import { db } from "../db";
import { assertRole, ROLES, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { CLASS_SECTION_READS_SQL, type ClassSectionReadRow } from "./internal/sql";

/** A lecture's shape, the same for everyone: its current sections, its quiz, its topics, whether it has an episode. */
export interface LectureOutline {
  id: string;
  courseId: string;
  slug: string;
  number: number;
  title: string;
  summary: string;
  sections: { id: string; key: string; title: string }[];
  /** The lecture's (first) quiz, or null. */
  quiz: { id: string; attemptsAllowed: number | null } | null;
  /** By key; each with the section its questions draw on most (null when none says). */
  topics: { key: string; name: string; sectionKey: string | null }[];
  hasPodcast: boolean;
}

/** The section most of a topic's questions (their latest versions) point to; ties by key. */
function mainSection(questions: { versions: { sectionKey: string | null }[] }[]): string | null {
  const counts = new Map<string, number>();
  for (const q of questions) {
    const key = q.versions[0]?.sectionKey;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** Every lecture's outline, by number. */
export async function getLectureOutlines(viewer: Viewer): Promise<LectureOutline[]> {
  assertRole(viewer, ROLES);
  const lectures = await db.lecture.findMany({
    orderBy: { number: "asc" },
    select: {
      id: true,
      courseId: true,
      slug: true,
      number: true,
      title: true,
      summary: true,
      sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, key: true, title: true } },
      quizzes: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true, attemptsAllowed: true } },
      topics: {
        orderBy: { key: "asc" },
        select: { key: true, name: true, questions: { select: { versions: { orderBy: { version: "desc" }, take: 1, select: { sectionKey: true } } } } },
      },
      podcast: { select: { id: true } },
    },
  });
  return lectures.map(({ quizzes, topics, podcast, ...lecture }) => ({
    ...lecture,
    quiz: quizzes[0] ?? null,
    topics: topics.map(({ questions, ...topic }) => ({ ...topic, sectionKey: mainSection(questions) })),
    hasPodcast: podcast !== null,
  }));
}

/** The current sections the viewer has read: their ids, and how many per lecture. */
export interface SectionReads {
  has(sectionId: string): boolean;
  countIn(lectureId: string): number;
}

export async function getSectionReads(viewer: Viewer): Promise<SectionReads> {
  assertRole(viewer, ROLES);
  const reads = await db.sectionRead.findMany({
    where: { userId: viewer.id, section: { retiredAt: null } },
    select: { sectionId: true, section: { select: { lectureId: true } } },
  });
  const ids = new Set(reads.map((r) => r.sectionId));
  const perLecture = new Map<string, number>();
  for (const read of reads) perLecture.set(read.section.lectureId, (perLecture.get(read.section.lectureId) ?? 0) + 1);
  return { has: (sectionId) => ids.has(sectionId), countIn: (lectureId) => perLecture.get(lectureId) ?? 0 };
}

export interface StudentReads {
  sectionsRead: number;
  lastReadAt: Date;
}

/** Current sections read by every student in every lecture (`get(userId, lectureId)`), from one grouped query. Staff only. */
export async function getClassSectionReads(viewer: Viewer): Promise<{ get(userId: string, lectureId: string): StudentReads | undefined }> {
  assertRole(viewer, STAFF_ROLES);
  const rows = await db.$queryRawUnsafe<ClassSectionReadRow[]>(CLASS_SECTION_READS_SQL);
  const byKey = new Map(rows.map(({ userId, lectureId, ...row }) => [`${userId}|${lectureId}`, row]));
  return { get: (userId, lectureId) => byKey.get(`${userId}|${lectureId}`) };
}
