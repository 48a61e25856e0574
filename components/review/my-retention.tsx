import Link from "next/link";
import { RetentionFigures } from "@/components/review/retention-figures";
import { RetentionFilter } from "@/components/review/retention-filter";
import { EmptyState } from "@/components/ui/section";
import type { MyRetention, RetentionLecture } from "@/lib/review/retention/data";
import { DECK_PARAMS, type DeckParam } from "@/lib/review/retention/schemas";

const DECK_LABELS: Record<DeckParam, string> = { all: "All decks", flashcards: "Course flashcards", mistakes: "Missed quiz questions", own: "My own cards" };

/** The student's "How well you remember" page: their own reviews only. */
export function MyRetentionView({
  retention,
  lectures,
  lecture,
  deck,
}: {
  retention: MyRetention;
  lectures: RetentionLecture[];
  lecture: RetentionLecture | undefined;
  deck: DeckParam;
}) {
  const figures = retention.decks[DECK_PARAMS[deck]];
  const empty = [figures.mature, figures.young].every((point) => !point.hidden && point.reviews === 0);
  const reviewHref = lecture ? `/lectures/${lecture.slug}/flashcards${deck === "mistakes" ? "?deck=mistakes" : ""}` : "/";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">How well you remember</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Your true retention: of your reviews of cards you have learned, the share you recalled (rated Hard, Good or Easy), week by week, beside the retention
          you asked for; and how well FSRS&apos;s predictions match what you did. Only you see these figures.
        </p>
      </div>
      <RetentionFilter action="/review/retention" lectures={lectures} lecture={lecture?.slug} deck={deck} deckLabels={DECK_LABELS} allLectures />
      {empty ? (
        <EmptyState testId="retention-empty">
          No reviews of learned cards yet{lecture ? ` in lecture ${lecture.number}` : ""}
          {deck === "all" ? "" : ` among ${DECK_LABELS[deck].toLowerCase()}`}. A card counts here once it has passed its learning steps and comes back for
          review a day or more later.{" "}
          <Link href={reviewHref} className="font-medium text-indigo-700 underline underline-offset-2">
            {lecture ? "Review this lecture's cards" : "Choose a lecture and review its flashcards"}
          </Link>
          , then come back in a few days.
        </EmptyState>
      ) : (
        <RetentionFigures retention={figures} audience={{ who: "you", desired: retention.desiredRetention, desiredLabel: "the retention you ask for now" }} />
      )}
    </div>
  );
}
