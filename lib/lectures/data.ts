import "server-only";
import { db } from "../db";
import type { SessionUser } from "../auth/roles";
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

/** The lecture's static content (rendered notes), from the per-process cache. Null when no such lecture. */
export function getLectureContent(slug: string): Promise<LectureContentView | null> {
  return contentCache.get(slug, () => fetchLectureContent(slug));
}

/** Ids of the sections of `lectureId` that `user` has read. */
export async function getReadSectionIds(user: SessionUser, lectureId: string): Promise<string[]> {
  if (!user?.id) throw new Error("getReadSectionIds needs a signed-in user");
  const reads = await db.sectionRead.findMany({ where: { userId: user.id, section: { lectureId, retiredAt: null } }, select: { sectionId: true } });
  return reads.map((r) => r.sectionId);
}

/** Records that `user` read a section (idempotent: the first read time is kept). Returns the lecture's progress. */
export async function recordSectionRead(user: SessionUser, sectionId: string): Promise<{ read: number; total: number }> {
  if (!user?.id) throw new Error("recordSectionRead needs a signed-in user");
  const section = await db.noteSection.findUnique({ where: { id: sectionId, retiredAt: null }, select: { lectureId: true } });
  if (!section) throw new NotFoundError("That section no longer exists. Reload the page.");
  const now = new Date();
  await db.sectionRead.upsert({
    where: { userId_sectionId: { userId: user.id, sectionId } },
    create: { userId: user.id, sectionId, firstReadAt: now, lastReadAt: now },
    update: { lastReadAt: now },
  });
  const [read, total] = await Promise.all([
    db.sectionRead.count({ where: { userId: user.id, section: { lectureId: section.lectureId, retiredAt: null } } }),
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
export function getLectureFlashcards(lectureId: string): Promise<LectureFlashcard[]> {
  return flashcardCache.get(lectureId, async () => {
    const cards = await db.flashcard.findMany({
      where: { lectureId, retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true, front: true, back: true, sectionKey: true, topic: { select: { name: true } } },
    });
    return cards.map(({ topic, ...card }) => ({ ...card, topic: topic?.name ?? null }));
  });
}
