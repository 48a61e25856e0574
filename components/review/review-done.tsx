import type { ReviewSession } from "@/lib/review/data";

function formatWhen(iso: string): string {
  const date = new Date(iso);
  const minutes = Math.round((date.getTime() - Date.now()) / 60_000);
  if (minutes < 1) return "in a moment";
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in about ${hours} hour${hours === 1 ? "" : "s"}`;
  return `on ${date.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" })}`;
}

const EMPTY_TITLES: Record<ReviewSession["deck"], string> = {
  flashcards: "No flashcards in this lecture",
  mistakes: "No mistakes to review",
  own: "Nothing to review in My cards yet",
};

/** What the session shows once no card is due: why, when the next one comes back, and the undo of the last rating. */
export function ReviewDone({ session, canUndo, disabled, onUndo }: { session: ReviewSession; canUndo: boolean; disabled: boolean; onUndo: () => void }) {
  const counts = session.counts;
  return (
    <section className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="review-done">
      <h2 className="text-lg font-semibold">{counts.total === 0 ? EMPTY_TITLES[session.deck] : "All caught up"}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        {counts.total === 0 && session.deck === "mistakes"
          ? "Questions you get wrong in the quiz land here and come back at growing intervals until you know them."
          : counts.total === 0 && session.deck === "own"
            ? "Write a card below and it is reviewed here."
            : session.nextDue
              ? `Nothing is due now. The next card comes back ${formatWhen(session.nextDue)}.`
              : counts.new > 0
                ? "You have met today's new cards. More tomorrow."
                : "Nothing is due now."}
      </p>
      {canUndo ? (
        <button
          type="button"
          onClick={onUndo}
          disabled={disabled}
          className="mt-4 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          Undo last rating
        </button>
      ) : null}
    </section>
  );
}
