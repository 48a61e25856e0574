"use client";

import { useState } from "react";

interface Card {
  id: string;
  front: string;
  back: string;
  sectionKey: string | null;
  sectionTitle: string | null;
  topic: string | null;
}

/** Browse every card of the lecture: each flips on click, Enter or Space; or show all answers at once. */
export function FlashcardBrowser({ cards, lectureSlug }: { cards: Card[]; lectureSlug: string }) {
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const allShown = revealed.size === cards.length;
  const toggle = (id: string) =>
    setRevealed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <section aria-labelledby="browse-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="browse-title" className="text-xl font-semibold">
            All cards
          </h2>
          <p className="text-sm text-slate-600">Think of the answer, then turn the card over.</p>
        </div>
        <button
          type="button"
          onClick={() => setRevealed(allShown ? new Set() : new Set(cards.map((c) => c.id)))}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
        >
          {allShown ? "Hide all answers" : "Show all answers"}
        </button>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {cards.map((card) => {
          const shown = revealed.has(card.id);
          return (
            <li key={card.id} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <p className="text-lg font-semibold text-slate-900">{card.front}</p>
              <div className="mt-3 flex-1" aria-live="polite">
                {shown ? <p className="text-sm leading-6 text-slate-700">{card.back}</p> : null}
              </div>
              <div className="mt-4 flex items-center justify-between gap-2 text-xs text-slate-500">
                {card.sectionKey && card.sectionTitle ? (
                  <a href={`/lectures/${lectureSlug}#${card.sectionKey}`} className="hover:underline">
                    {card.sectionTitle}
                  </a>
                ) : (
                  <span>{card.topic}</span>
                )}
                <button
                  type="button"
                  aria-expanded={shown}
                  onClick={() => toggle(card.id)}
                  className="rounded-md bg-indigo-50 px-2.5 py-1 font-medium text-indigo-700 hover:bg-indigo-100"
                >
                  {shown ? "Hide answer" : "Show answer"}
                  <span className="sr-only"> for {card.front}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
