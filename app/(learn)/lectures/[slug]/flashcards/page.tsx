import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeckNav } from "@/components/review/deck-nav";
import { ReviewSession } from "@/components/review/review-session";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureContent } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";
import { countMistakes, getReviewSession } from "@/lib/review/data";
import { deckInput } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Flashcards" };

export default async function LectureReviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ deck?: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const deck = deckInput.catch("flashcards").parse((await searchParams).deck ?? "flashcards");
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/flashcards${deck === "mistakes" ? "?deck=mistakes" : ""}` });
  const lecture = await getLectureContent(viewer, slug.data);
  if (!lecture) notFound();
  const [session, mistakes] = await Promise.all([getReviewSession(viewer, lecture.id, deck), countMistakes(viewer, lecture.id)]);
  const sectionTitles = Object.fromEntries(lecture.sections.map((s) => [s.key, s.title]));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-semibold">{deck === "mistakes" ? "Your mistakes, spaced" : "Flashcard review"}</h2>
        <DeckNav lectureSlug={lecture.slug} current={deck} mistakes={mistakes} />
      </div>
      {/* Keyed by deck: switching decks starts a fresh session state. */}
      <ReviewSession key={deck} initial={session} lectureSlug={lecture.slug} sectionTitles={sectionTitles} />
    </div>
  );
}
