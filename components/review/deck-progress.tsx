import { ProgressBar } from "@/components/ui/progress-bar";
import type { ReviewSession } from "@/lib/review/data";

/** The deck's counts (due, learning, learned, new or queued) and how much of it is learned. */
export function DeckProgress({ deck, counts }: { deck: ReviewSession["deck"]; counts: ReviewSession["counts"] }) {
  const deckName = deck === "mistakes" ? "mistakes" : deck === "own" ? "own cards" : "flashcards";
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Deck progress">
        {[
          ["Due today", counts.dueToday, "due-today"],
          ["Learning", counts.learning, "learning"],
          ["Learned", counts.learned, "learned"],
          [deck === "mistakes" ? "In the queue" : "New", deck === "mistakes" ? counts.total : counts.new, "new"],
        ].map(([label, value, id]) => (
          <div key={id} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`deck-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="space-y-1">
        <p className="flex justify-between text-xs text-slate-600">
          <span>
            {counts.learned} of {counts.total} {deckName} learned
          </span>
          {deck !== "mistakes" ? <span>{counts.newLeftToday} new cards left today</span> : null}
        </p>
        <ProgressBar value={counts.learned} total={Math.max(1, counts.total)} label={`${deckName} learned`} />
      </div>
    </>
  );
}
