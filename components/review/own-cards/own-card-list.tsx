"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { thrownFailureMessage } from "@/components/ui/resilient-action";
import { createOwnCardAction, deleteOwnCardAction, restoreOwnCardAction, updateOwnCardAction } from "@/lib/review/own-cards/actions";
import type { OwnCardSchedule, OwnCardView } from "@/lib/review/own-cards/data";
import type { OwnCardBackup } from "@/lib/review/own-cards/schemas";
import { EMPTY_DRAFT, OwnCardForm } from "./own-card-form";

const STATE_LABELS = { NEW: "New", LEARNING: "Learning", REVIEW: "Learned", RELEARNING: "Relearning" } as const;

/** "New", or the state and the day it is due (a fixed format: the server and the browser print the same). */
function scheduleLabel(schedule: OwnCardSchedule): string {
  if (!schedule.due) return STATE_LABELS[schedule.state];
  const day = new Date(schedule.due).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  return `${STATE_LABELS[schedule.state]}, due ${day}`;
}

const byNewest = (a: OwnCardView, b: OwnCardView) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/**
 * The viewer's own cards of a lecture: write one, edit or delete any (a delete can be undone). Each
 * change refreshes the page's server parts, so the review session above sees the deck as it is now.
 */
export function OwnCardList({
  lectureId,
  lectureSlug,
  sections,
  initial,
}: {
  lectureId: string;
  lectureSlug: string;
  sections: { key: string; title: string }[];
  initial: OwnCardView[];
}) {
  const router = useRouter();
  const [cards, setCards] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  /** The card whose Edit button gets focus back once its form closes. */
  const [refocus, setRefocus] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<OwnCardBackup | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const undoButton = useRef<HTMLButtonElement>(null);
  const titles = new Map(sections.map((s) => [s.key, s.title]));

  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);

  useEffect(() => {
    if (refocus && editing === null) document.getElementById(`own-card-edit-${refocus}`)?.focus();
  }, [refocus, editing]);

  const closeEditor = (id: string) => {
    setEditing(null);
    setRefocus(id);
  };

  const changed = (message: string) => {
    setError(null);
    setStatus(message);
    router.refresh();
  };

  const remove = async (card: OwnCardView) => {
    setBusy(card.id);
    setError(null);
    try {
      const result = await deleteOwnCardAction(null, { cardId: card.id });
      if (!result.ok) throw new Error(result.message);
      setCards((list) => list.filter((c) => c.id !== card.id));
      setDeleted(result.data.backup);
      changed(`Card deleted: “${card.front.slice(0, 80)}”.`);
    } catch (failure) {
      setError(thrownFailureMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const undo = async () => {
    if (!deleted) return;
    setBusy("undo");
    try {
      const result = await restoreOwnCardAction(null, { backup: deleted });
      if (!result.ok) throw new Error(result.message);
      setCards((list) => [...list.filter((c) => c.id !== result.data.id), result.data].sort(byNewest));
      setDeleted(null);
      changed(`Card restored with its ratings: “${result.data.front.slice(0, 80)}”.`);
    } catch (failure) {
      setError(thrownFailureMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="own-cards-title" className="space-y-4">
      <h3 id="own-cards-title" className="text-lg font-semibold">
        Your cards for this lecture <span className="text-sm font-normal text-slate-600">({cards.length})</span>
      </h3>
      <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
        <h4 className="mb-3 text-sm font-semibold text-slate-800">Write a card</h4>
        <OwnCardForm
          draft={EMPTY_DRAFT}
          hidden={{ lectureId }}
          sections={sections}
          submitLabel="Add card"
          resetOnSave
          save={(data) => createOwnCardAction(null, data)}
          onSaved={(card) => {
            setCards((list) => [card, ...list.filter((c) => c.id !== card.id)]);
            changed(`Card added to My cards: “${card.front.slice(0, 80)}”.`);
          }}
        />
      </div>

      {error ? <Alert tone="error">{error}</Alert> : null}
      {deleted ? (
        <div
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 text-sm"
          data-testid="undo-delete"
        >
          <span>Card deleted.</span>
          <span className="flex gap-2">
            <Button ref={undoButton} type="button" variant="secondary" pending={busy === "undo"} onClick={() => void undo()}>
              Undo
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDeleted(null)} disabled={busy === "undo"}>
              Dismiss
            </Button>
          </span>
        </div>
      ) : null}
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>

      {cards.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700" data-testid="own-cards-empty">
          <p className="font-medium text-slate-900">No cards of your own yet.</p>
          <p className="mt-1">
            Your own cards are flashcards you write yourself: only you can see them, and they are reviewed in “My cards” on the same spaced schedule as the
            lecture&apos;s flashcards. Write one above, or select a passage in the{" "}
            <Link href={`/lectures/${lectureSlug}`} className="text-indigo-700 underline underline-offset-2">
              notes
            </Link>{" "}
            and choose “Make a card from this”.
          </p>
        </div>
      ) : (
        <ul className="space-y-3" aria-label="Your cards">
          {cards.map((card) => (
            <li key={card.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="own-card">
              {editing === card.id ? (
                <OwnCardForm
                  draft={card}
                  hidden={{ cardId: card.id }}
                  sections={sections}
                  submitLabel="Save changes"
                  autoFocus
                  save={(data) => updateOwnCardAction(null, data)}
                  onSaved={(saved) => {
                    setCards((list) => list.map((c) => (c.id === saved.id ? saved : c)));
                    closeEditor(saved.id);
                    changed("Card saved.");
                  }}
                  onCancel={() => closeEditor(card.id)}
                />
              ) : (
                <div className="space-y-2">
                  <p className="whitespace-pre-line font-medium text-slate-900">{card.front}</p>
                  <p className="whitespace-pre-line text-sm text-slate-700">{card.back}</p>
                  <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
                    {card.generatedFrom ? (
                      <span className="rounded-full bg-amber-100 px-2 text-amber-900" title={`From the notes: ${card.generatedFrom}`}>
                        Generated
                      </span>
                    ) : null}
                    <span>{scheduleLabel(card.forward)}</span>
                    {card.reverse ? <span>Other way round: {scheduleLabel(card.reverse)}</span> : null}
                    {card.sectionKey ? (
                      <Link href={`/lectures/${lectureSlug}#${card.sectionKey}`} className="text-indigo-700 underline underline-offset-2">
                        Notes: {titles.get(card.sectionKey) ?? card.sectionKey}
                      </Link>
                    ) : null}
                  </p>
                  <div className="flex gap-2">
                    <Button
                      id={`own-card-edit-${card.id}`}
                      type="button"
                      variant="secondary"
                      className="px-3 py-1.5"
                      onClick={() => setEditing(card.id)}
                      disabled={busy !== null}
                    >
                      Edit<span className="sr-only">: {card.front.slice(0, 80)}</span>
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      className="px-3 py-1.5 text-red-700"
                      pending={busy === card.id}
                      disabled={busy !== null}
                      onClick={() => void remove(card)}
                    >
                      Delete<span className="sr-only">: {card.front.slice(0, 80)}</span>
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
