"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { isTypingTarget } from "@/components/ui/keyboard";
import { Spinner } from "@/components/ui/button";
import { isConnectionFailure, thrownFailureMessage } from "@/components/ui/resilient-action";
import { rateCardAction, undoRatingAction } from "@/lib/review/actions";
import type { ReviewSession as Session } from "@/lib/review/data";
import { advanceSession } from "@/lib/offline/review-offline";
import { RATING_KEYS, RATING_LABELS, RATINGS, type Rating } from "@/lib/review/fsrs";
import { DeckProgress } from "./deck-progress";
import { ReviewDone } from "./review-done";
import { useKeptRatings } from "./use-kept-ratings";

const RATING_STYLES: Record<Rating, string> = {
  AGAIN: "border-red-300 bg-red-50 text-red-900 hover:bg-red-100",
  HARD: "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100",
  GOOD: "border-emerald-300 bg-emerald-50 text-emerald-900 hover:bg-emerald-100",
  EASY: "border-sky-300 bg-sky-50 text-sky-900 hover:bg-sky-100",
};

const STATE_LABELS = { NEW: "New", LEARNING: "Learning", REVIEW: "Review", RELEARNING: "Relearning" } as const;

function isControl(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && ["BUTTON", "A", "SUMMARY"].includes(element.tagName);
}

export function ReviewSession({ initial, lectureSlug, sectionTitles }: { initial: Session; lectureSlug: string; sectionTitles: Record<string, string> }) {
  const [session, setSession] = useState(initial);
  const [flipped, setFlipped] = useState(false);
  const [pending, setPending] = useState<"rate" | "undo" | null>(null);
  const [lastLogId, setLastLogId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const flipButton = useRef<HTMLButtonElement>(null);
  const firstRating = useRef<HTMLButtonElement>(null);
  // A retried rating of the same card reuses its key, so the server counts it once.
  const retryKey = useRef<{ itemId: string; rating: Rating; key: string } | null>(null);
  const [focusTarget, setFocusTarget] = useState<"flip" | "rate" | null>(null);
  const [keptUndo, setKeptUndo] = useState(false);
  const kept = useKeptRatings(lectureSlug, initial, setSession);

  const card = session.current;
  const counts = session.counts;

  useEffect(() => {
    if (focusTarget === "flip") flipButton.current?.focus();
    if (focusTarget === "rate") firstRating.current?.focus();
  }, [focusTarget, card?.itemId, flipped]);

  const flip = useCallback(() => {
    if (!card || flipped) return;
    setFlipped(true);
    setFocusTarget("rate");
    setAnnouncement(`Answer: ${card.back}`);
  }, [card, flipped]);

  const rateCard = useCallback(
    async (rating: Rating) => {
      if (!card || !flipped || pending) return;
      const reuse = retryKey.current && retryKey.current.itemId === card.itemId && retryKey.current.rating === rating ? retryKey.current.key : null;
      const key = reuse ?? crypto.randomUUID();
      retryKey.current = { itemId: card.itemId, rating, key };
      setPending("rate");
      setError(null);
      const next = (after: Session, saved: string) => {
        setSession(after);
        setFlipped(false);
        setFocusTarget("flip");
        setAnnouncement(`Rated ${RATING_LABELS[rating]}: ${saved}. ${after.current ? "Next card." : "No more cards due."}`);
      };
      // Without a connection the rating is kept on this device and sent, in order, once online.
      const keepOnDevice = async () => {
        if (!(await kept.keep(session, rating, key))) return false;
        retryKey.current = null;
        setKeptUndo(true);
        setLastLogId(null);
        next(advanceSession(session, card.itemId), "kept on this device, sent when you are back online");
        return true;
      };
      try {
        if (typeof navigator !== "undefined" && navigator.onLine === false && (await keepOnDevice())) return;
        const result = await rateCardAction(null, { lectureId: session.lectureId, deck: session.deck, itemId: card.itemId, rating, idempotencyKey: key });
        if (!result.ok) throw new Error(result.message);
        retryKey.current = null;
        setLastLogId(result.data.logId);
        setKeptUndo(false);
        next(result.data.session, `the card comes back ${card.previews[rating].description}`);
      } catch (failure) {
        if (!(isConnectionFailure(failure) && (await keepOnDevice()))) setError(thrownFailureMessage(failure));
      } finally {
        setPending(null);
      }
    },
    [card, flipped, kept, pending, session],
  );

  const undo = useCallback(async () => {
    if (pending) return;
    if (keptUndo) {
      const before = await kept.undoKept();
      setKeptUndo(false);
      if (before) {
        setSession(before);
        setFlipped(false);
        setFocusTarget("flip");
        setAnnouncement("Rating undone: it will not be sent.");
      }
      return;
    }
    if (!lastLogId) return;
    setPending("undo");
    setError(null);
    try {
      const result = await undoRatingAction(null, { logId: lastLogId });
      if (!result.ok) throw new Error(result.message);
      setSession(result.data.session);
      setLastLogId(null);
      setFlipped(false);
      setFocusTarget("flip");
      setAnnouncement("Rating undone: the card is back as it was.");
    } catch (failure) {
      setError(thrownFailureMessage(failure));
    } finally {
      setPending(null);
    }
  }, [kept, keptUndo, lastLogId, pending]);

  // Space or Enter flips, 1-4 rate, U (or Ctrl+Z) undoes; never while typing in a field, and a focused
  // button keeps its own Space and Enter.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey || isTypingTarget(event.target)) return;
      if ((event.key === "z" && event.ctrlKey) || (event.key.toLowerCase() === "u" && !event.ctrlKey)) {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.ctrlKey) return;
      if ((event.key === " " || event.key === "Enter") && !isControl(event.target)) {
        if (!flipped) {
          event.preventDefault();
          flip();
        }
        return;
      }
      const rating = RATINGS.find((r) => RATING_KEYS[r] === event.key);
      if (rating && flipped) {
        event.preventDefault();
        void rateCard(rating);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [flip, flipped, rateCard, undo]);

  return (
    <div className="space-y-5">
      <DeckProgress deck={session.deck} counts={counts} />

      {error ? <Alert tone="error">{error}</Alert> : null}

      {card ? (
        <section
          aria-labelledby="card-front"
          className="rounded-2xl border border-slate-200 bg-white shadow-sm"
          data-testid="review-card"
          data-item={card.itemId}
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-5 py-2 text-xs text-slate-600">
            <span>
              {STATE_LABELS[card.state]}
              {card.topic ? ` · ${card.topic}` : null}
            </span>
            {lastLogId || keptUndo ? (
              <button
                type="button"
                onClick={() => void undo()}
                disabled={pending !== null}
                className="rounded px-2 py-1 font-medium text-indigo-700 hover:bg-indigo-50 disabled:opacity-50"
              >
                Undo last rating <kbd className="keyboard-hint ml-1 rounded border border-slate-300 px-1 font-mono">U</kbd>
              </button>
            ) : null}
          </div>
          <div className="px-5 py-6 sm:px-8">
            <h2 id="card-front" className="text-center text-xl font-semibold text-slate-900 sm:text-2xl">
              {card.front}
            </h2>
            {card.options.length > 0 ? (
              <ul className="mx-auto mt-4 max-w-xl list-disc space-y-1 pl-5 text-sm text-slate-700">
                {card.options.map((option) => (
                  <li key={option}>{option}</li>
                ))}
              </ul>
            ) : null}
            {flipped ? (
              <div
                className="mx-auto mt-6 max-w-2xl border-t border-dashed border-slate-300 pt-6 text-center motion-safe:animate-[fade-in_150ms_ease-out]"
                data-testid="card-back"
              >
                <p className="sr-only">Answer:</p>
                <p className="whitespace-pre-line text-lg text-slate-800">{card.back}</p>
                {card.explanation ? <p className="mt-3 text-sm text-slate-600">{card.explanation}</p> : null}
                {card.sectionKey ? (
                  <Link href={`/lectures/${lectureSlug}#${card.sectionKey}`} className="mt-3 inline-block text-sm text-indigo-700 underline underline-offset-2">
                    Notes: {sectionTitles[card.sectionKey] ?? card.sectionKey}
                  </Link>
                ) : null}
              </div>
            ) : null}
          </div>
          <div className="border-t border-slate-100 px-5 py-4">
            {flipped ? (
              <div role="group" aria-label="How well did you remember?" className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                {RATINGS.map((rating, i) => (
                  <button
                    key={rating}
                    ref={i === 0 ? firstRating : undefined}
                    type="button"
                    disabled={pending !== null}
                    onClick={() => void rateCard(rating)}
                    className={`flex flex-col items-center rounded-xl border px-3 py-2 text-sm font-semibold disabled:opacity-60 ${RATING_STYLES[rating]}`}
                  >
                    <span>
                      {RATING_LABELS[rating]} <span className="font-normal">{card.previews[rating].label}</span>
                    </span>
                    <span className="sr-only">, comes back {card.previews[rating].description}</span>
                    <kbd aria-hidden="true" className="keyboard-hint mt-0.5 font-mono text-xs font-normal opacity-80">
                      {RATING_KEYS[rating]}
                    </kbd>
                  </button>
                ))}
              </div>
            ) : (
              <div className="flex justify-center">
                <button
                  ref={flipButton}
                  type="button"
                  onClick={flip}
                  className="inline-flex min-h-11 items-center gap-2 rounded-xl bg-indigo-600 px-6 py-2.5 text-sm font-semibold text-white hover:bg-indigo-700"
                >
                  Show answer <kbd className="keyboard-hint rounded bg-indigo-500 px-1.5 font-mono text-xs">Space</kbd>
                </button>
              </div>
            )}
            {pending ? (
              <p className="mt-2 flex items-center justify-center gap-2 text-xs text-slate-600">
                <Spinner /> {pending === "undo" ? "Undoing…" : "Saving…"}
              </p>
            ) : null}
          </div>
        </section>
      ) : (
        <ReviewDone session={session} canUndo={lastLogId !== null || keptUndo} disabled={pending !== null} onUndo={() => void undo()} />
      )}

      <p className="keyboard-hint text-xs text-slate-600">
        Keys: <kbd className="keyboard-hint rounded border border-slate-300 px-1 font-mono">Space</kbd> or{" "}
        <kbd className="keyboard-hint rounded border border-slate-300 px-1 font-mono">Enter</kbd> show the answer,{" "}
        <kbd className="keyboard-hint rounded border border-slate-300 px-1 font-mono">1</kbd>–
        <kbd className="keyboard-hint rounded border border-slate-300 px-1 font-mono">4</kbd> rate Again, Hard, Good, Easy,{" "}
        <kbd className="keyboard-hint rounded border border-slate-300 px-1 font-mono">U</kbd> undo the last rating.
      </p>
      <p className="sr-only" role="status" aria-live="polite" data-testid="review-announcer">
        {announcement}
      </p>
    </div>
  );
}
