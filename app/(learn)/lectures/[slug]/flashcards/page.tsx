import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeckNav } from "@/components/review/deck-nav";
import { OwnCardList } from "@/components/review/own-cards/own-card-list";
import { OwnCardsFile } from "@/components/review/own-cards/own-cards-file";
import { ReviewSession } from "@/components/review/review-session";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureContent } from "@/lib/lectures/data";
import { lectureSlug } from "@/lib/lectures/schemas";
import { countMistakes, getReviewSession } from "@/lib/review/data";
import { countOwnCards, listOwnCards } from "@/lib/review/own-cards/data";
import { deckInput } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Flashcards" };

const TITLES = { flashcards: "Flashcard review", mistakes: "Your mistakes, spaced", own: "My cards" } as const;

export default async function LectureReviewPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ deck?: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const deck = deckInput.catch("flashcards").parse((await searchParams).deck ?? "flashcards");
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/flashcards${deck === "flashcards" ? "" : `?deck=${deck}`}` });
  const lecture = await getLectureContent(viewer, slug.data);
  if (!lecture) notFound();
  const [session, mistakes, ownCards, ownCount] = await Promise.all([
    getReviewSession(viewer, lecture.id, deck),
    countMistakes(viewer, lecture.id),
    deck === "own" ? listOwnCards(viewer, lecture.id) : null,
    deck === "own" ? null : countOwnCards(viewer, lecture.id),
  ]);
  const sections = lecture.sections.map((s) => ({ key: s.key, title: s.title }));
  const sectionTitles = Object.fromEntries(sections.map((s) => [s.key, s.title]));
  // Keyed by deck, and for the own deck by its cards too: a card written, edited or deleted starts a fresh session.
  const sessionKey = ownCards ? `own-${ownCards.length}-${ownCards.reduce((last, c) => (c.updatedAt > last ? c.updatedAt : last), "")}` : deck;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-semibold">{TITLES[deck]}</h2>
        <DeckNav lectureSlug={lecture.slug} current={deck} mistakes={mistakes} own={ownCards?.length ?? ownCount ?? 0} />
      </div>
      <ReviewSession key={sessionKey} initial={session} lectureSlug={lecture.slug} sectionTitles={sectionTitles} />
      {ownCards ? (
        <>
          <OwnCardList lectureId={lecture.id} lectureSlug={lecture.slug} sections={sections} initial={ownCards} />
          <OwnCardsFile />
        </>
      ) : null}
    </div>
  );
}
