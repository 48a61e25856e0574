import { RetentionFigures } from "@/components/review/retention-figures";
import { RetentionFilter } from "@/components/review/retention-filter";
import { EmptyState } from "@/components/ui/section";
import type { ClassRetention, RetentionLecture } from "@/lib/review/retention/data";
import { DEFAULT_DESIRED_RETENTION } from "@/lib/review/retention/measures";
import { DECK_PARAMS, type DeckParam } from "@/lib/review/retention/schemas";

const DECK_LABELS: Record<DeckParam, string> = {
  all: "All decks",
  flashcards: "Course flashcards",
  mistakes: "Missed quiz questions",
  own: "Students' own cards",
};

/** The class's measured retention for one lecture: aggregate figures only, withheld where too few students stand behind them. */
export function ClassRetentionView({
  retention,
  lectures,
  lecture,
  deck,
}: {
  retention: ClassRetention | null;
  lectures: RetentionLecture[];
  lecture: RetentionLecture | undefined;
  deck: DeckParam;
}) {
  const figures = retention?.decks[DECK_PARAMS[deck]];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Measured retention</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          How well the class remembers a lecture: the share of students&apos; reviews of learned cards recalled, week by week, beside the retention they asked
          for, and how FSRS&apos;s predictions compare with what happened. Aggregates only: a week, deck or bin backed by fewer than{" "}
          {retention?.minStudents ?? "a few"} students is withheld, and left out of the totals and of &ldquo;All decks&rdquo; too. Students&apos; own cards
          count in the numbers; their text is never shown.
        </p>
      </div>
      {lectures.length === 0 ? (
        <EmptyState>No lectures yet.</EmptyState>
      ) : (
        <RetentionFilter action="/instructor/retention" lectures={lectures} lecture={lecture?.slug} deck={deck} deckLabels={DECK_LABELS} allLectures={false} />
      )}
      {retention && figures ? (
        <>
          <p className="text-sm text-slate-700" data-testid="retention-students">
            {retention.students} student{retention.students === 1 ? "" : "s"} reviewed learned cards of lecture {lecture?.number}.
          </p>
          {retention.students === 0 ? (
            <EmptyState testId="retention-empty">
              No student has reviewed a learned card of this lecture yet. Figures appear once students have rated cards that came back for review.
            </EmptyState>
          ) : (
            <RetentionFigures
              retention={figures}
              audience={{
                who: "students",
                desired: figures.desired ?? DEFAULT_DESIRED_RETENTION,
                desiredLabel: figures.desired === null ? "FSRS's default retention" : "the mean retention students asked for in these reviews",
                minStudents: retention.minStudents,
              }}
            />
          )}
        </>
      ) : null}
    </div>
  );
}
