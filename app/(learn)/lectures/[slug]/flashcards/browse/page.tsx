import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FlashcardBrowser } from "@/components/lectures/flashcard-browser";
import { DeckNav } from "@/components/review/deck-nav";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureContent, getLectureFlashcards } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";
import { countMistakes } from "@/lib/review/data";
import { countOwnCards } from "@/lib/review/own-cards/data";

export const metadata: Metadata = { title: "All flashcards" };

export default async function LectureFlashcardsPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/flashcards/browse` });
  const lecture = await getLectureContent(viewer, slug.data);
  if (!lecture) notFound();
  const [cards, mistakes, own] = await Promise.all([
    getLectureFlashcards(viewer, lecture.id),
    countMistakes(viewer, lecture.id),
    countOwnCards(viewer, lecture.id),
  ]);
  const sectionTitles = Object.fromEntries(lecture.sections.map((s) => [s.key, s.title]));
  return (
    <div className="space-y-5">
      <DeckNav lectureSlug={lecture.slug} current="browse" mistakes={mistakes} own={own} />
      <FlashcardBrowser
        lectureSlug={lecture.slug}
        cards={cards.map((c) => ({ ...c, sectionTitle: c.sectionKey ? (sectionTitles[c.sectionKey] ?? null) : null }))}
      />
    </div>
  );
}
