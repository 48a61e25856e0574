import "server-only";
import { db } from "../db";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { renderMarkdown } from "./markdown";
import { NotFoundError } from "../errors";
import { ttlCache } from "../cache";

export interface LectureSection {
  id: string;
  key: string;
  title: string;
  position: number;
  html: string;
}

export interface LectureContentView {
  id: string;
  slug: string;
  number: number;
  title: string;
  summary: string;
  courseTitle: string;
  sections: LectureSection[];
  flashcardCount: number;
  quizSlotCount: number;
  hasPodcast: boolean;
}

// Lecture content changes only when content files are loaded (at start-up or `npm run content:load`),
// so each process keeps the rendered lecture for a few minutes: a view of the notes costs no
// database round trip for the static part, and a reload of the content shows up within the TTL.
const CONTENT_TTL_MS = 5 * 60_000;
const contentCache = ttlCache<LectureContentView | null>(CONTENT_TTL_MS);
const flashcardCache = ttlCache<LectureFlashcard[]>(CONTENT_TTL_MS);

async function fetchLectureContent(slug: string): Promise<LectureContentView | null> {
  const lecture = await db.lecture.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      number: true,
      title: true,
      summary: true,
      course: { select: { title: true } },
      sections: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { id: true, key: true, title: true, position: true, bodyMarkdown: true } },
      podcast: { select: { id: true } },
      _count: { select: { flashcards: { where: { retiredAt: null } } } },
      quizzes: { select: { _count: { select: { slots: { where: { retiredAt: null } } } } } },
    },
  });
  if (!lecture) return null;
  return {
    id: lecture.id,
    slug: lecture.slug,
    number: lecture.number,
    title: lecture.title,
    summary: lecture.summary,
    courseTitle: lecture.course.title,
    sections: lecture.sections.map(({ bodyMarkdown, ...section }) => ({ ...section, html: renderMarkdown(bodyMarkdown) })),
    flashcardCount: lecture._count.flashcards,
    quizSlotCount: lecture.quizzes.reduce((n, q) => n + q._count.slots, 0),
    hasPodcast: lecture.podcast !== null,
  };
}

/** The lecture's content (rendered notes), the same for every signed-in viewer, from the per-process cache. Null when no such lecture. */
export async function getLectureContent(viewer: Viewer, slug: string): Promise<LectureContentView | null> {
  assertRole(viewer, ROLES);
  return contentCache.get(slug, () => fetchLectureContent(slug));
}

/** Ids of the sections of `lectureId` that the viewer has read. */
export async function getReadSectionIds(viewer: Viewer, lectureId: string): Promise<string[]> {
  assertRole(viewer, ROLES);
  const reads = await db.sectionRead.findMany({ where: { userId: viewer.id, section: { lectureId, retiredAt: null } }, select: { sectionId: true } });
  return reads.map((r) => r.sectionId);
}

/** Records that the viewer read a section (idempotent: the first read time is kept). Returns the lecture's progress. */
export async function recordSectionRead(viewer: Viewer, sectionId: string): Promise<{ read: number; total: number }> {
  assertRole(viewer, ROLES);
  const section = await db.noteSection.findUnique({ where: { id: sectionId, retiredAt: null }, select: { lectureId: true } });
  if (!section) throw new NotFoundError("That section no longer exists. Reload the page.");
  const now = new Date();
  await db.sectionRead.upsert({
    where: { userId_sectionId: { userId: viewer.id, sectionId } },
    create: { userId: viewer.id, sectionId, firstReadAt: now, lastReadAt: now },
    update: { lastReadAt: now },
  });
  const [read, total] = await Promise.all([
    db.sectionRead.count({ where: { userId: viewer.id, section: { lectureId: section.lectureId, retiredAt: null } } }),
    db.noteSection.count({ where: { lectureId: section.lectureId, retiredAt: null } }),
  ]);
  return { read, total };
}

export interface LectureFlashcard {
  id: string;
  front: string;
  back: string;
  sectionKey: string | null;
  topic: string | null;
}

/** Flashcards of a lecture for browsing (front and back), from the per-process cache. */
export async function getLectureFlashcards(viewer: Viewer, lectureId: string): Promise<LectureFlashcard[]> {
  assertRole(viewer, ROLES);
  return flashcardCache.get(lectureId, async () => {
    const cards = await db.flashcard.findMany({
      where: { lectureId, retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true, front: true, back: true, sectionKey: true, topic: { select: { name: true } } },
    });
    return cards.map(({ topic, ...card }) => ({ ...card, topic: topic?.name ?? null }));
  });
}
