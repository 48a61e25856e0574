import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FlashcardBrowser } from "@/components/lectures/flashcard-browser";
import { requireUser } from "@/lib/auth/session";
import { getLectureContent, getLectureFlashcards } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";

export const metadata: Metadata = { title: "Flashcards" };

export default async function LectureFlashcardsPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  await requireUser(`/lectures/${slug.data}/flashcards`);
  const lecture = await getLectureContent(slug.data);
  if (!lecture) notFound();
  const cards = await getLectureFlashcards(lecture.id);
  const sectionTitles = Object.fromEntries(lecture.sections.map((s) => [s.key, s.title]));
  return <FlashcardBrowser lectureSlug={lecture.slug} cards={cards.map((c) => ({ ...c, sectionTitle: c.sectionKey ? sectionTitles[c.sectionKey] ?? null : null }))} />;
}
