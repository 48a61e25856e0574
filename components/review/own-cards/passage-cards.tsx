"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { isTypingTarget } from "@/components/ui/keyboard";
import { createOwnCardAction } from "@/lib/review/own-cards/actions";
import { passageText } from "@/lib/review/own-cards/passage";
import { OwnCardForm } from "./own-card-form";
import { usePassageSelection } from "./use-passage-selection";

interface Draft {
  sectionKey: string;
  sectionTitle: string;
  back: string;
  truncated: boolean;
  /** Remounts the form for each new draft. */
  key: number;
}

const Key = ({ children }: { children: ReactNode }) => (
  <kbd className="keyboard-hint rounded border border-current px-1 font-mono text-[11px] opacity-80">{children}</kbd>
);

/**
 * "Make a card from this" in the notes: select a passage inside a section and press the button that
 * appears under it (it is next in the Tab order, after the passage), or press C; or use the section's
 * own "Make a card" button. The passage becomes the back (plain text, trimmed, cut to a back's
 * length), the student writes the front in a dialog, and the card links back to the section.
 * Returns the parts the reader places: the button for a section, the section's action, and the rest.
 */
export function usePassageCards({ lectureId, lectureSlug, sections }: { lectureId: string; lectureSlug: string; sections: { key: string; title: string }[] }) {
  const [passage, clearPassage] = usePassageSelection();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const counter = useRef(0);

  const open = useCallback(
    (sectionKey: string, selected: string) => {
      const section = sections.find((s) => s.key === sectionKey);
      if (!section) return;
      opener.current = document.activeElement as HTMLElement | null;
      const { text, truncated } = passageText(selected);
      counter.current += 1;
      setMade(null);
      setDraft({ sectionKey, sectionTitle: section.title, back: text, truncated, key: counter.current });
    },
    [sections],
  );

  useEffect(() => {
    if (draft && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [draft]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "c" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || !passage || draft) return;
      event.preventDefault();
      open(passage.sectionKey, passage.text);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [draft, open, passage]);

  const close = () => {
    setDraft(null);
    opener.current?.focus();
  };

  const buttonFor = (sectionKey: string) =>
    passage?.sectionKey === sectionKey && !draft ? (
      <button
        type="button"
        data-passage-button=""
        // Keeps the selection: a mouse press on the button would otherwise clear it first.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => open(passage.sectionKey, passage.text)}
        style={{ top: passage.top, left: passage.left }}
        className="absolute z-10 inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-indigo-700 focus:outline-none focus:ring-2 focus:ring-indigo-400 focus:ring-offset-2"
        data-testid="make-card-from-passage"
      >
        Make a card from this <Key>C</Key>
      </button>
    ) : null;

  const sectionAction = (section: { key: string; title: string }) => (
    <button
      type="button"
      // As the passage's button: a mouse press must not clear the passage this button takes.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => open(section.key, passage?.sectionKey === section.key ? passage.text : "")}
      className="rounded-lg px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
    >
      Make a card<span className="sr-only"> from “{section.title}”</span>
    </button>
  );

  const overlay = (
    <>
      <p className="text-xs text-slate-600" data-testid="passage-hint">
        Tip: select a passage of the notes, then press <Key>C</Key> or the button under it to make a flashcard of your own from it.
      </p>
      {made ? (
        <div className="fixed bottom-4 right-4 z-20 max-w-sm shadow-lg">
          <Alert tone="success">
            Card added to your own deck.{" "}
            <Link href={`/lectures/${lectureSlug}/flashcards?deck=own`} className="font-medium underline underline-offset-2">
              Review My cards
            </Link>
            <button type="button" onClick={() => setMade(null)} className="ml-2 rounded px-1 text-emerald-900 hover:bg-emerald-100" aria-label="Dismiss">
              ×
            </button>
          </Alert>
        </div>
      ) : null}
      <dialog
        ref={dialog}
        onClose={close}
        aria-labelledby={draft ? "passage-card-title" : undefined}
        className="w-full max-w-lg rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        data-testid="passage-card-dialog"
      >
        {draft ? (
          <div className="space-y-3 p-5">
            <h2 id="passage-card-title" className="text-lg font-semibold">
              Make a card from this passage
            </h2>
            <p className="text-sm text-slate-600">
              {draft.back ? "The passage is the back: write the question it answers on the front." : "Write the front and the back."}
              {draft.truncated ? " The passage was longer than a card's back may be, so it was shortened." : ""}
            </p>
            <OwnCardForm
              key={draft.key}
              draft={{ front: "", back: draft.back, sectionKey: draft.sectionKey, reversible: false }}
              hidden={{ lectureId }}
              sections={[]}
              fixedSection={{ key: draft.sectionKey, title: draft.sectionTitle }}
              submitLabel="Add to My cards"
              save={(data) => createOwnCardAction(null, data)}
              onSaved={(card) => {
                setMade(card.id);
                clearPassage();
                dialog.current?.close();
              }}
              onCancel={() => dialog.current?.close()}
            />
          </div>
        ) : null}
      </dialog>
    </>
  );

  return { buttonFor, sectionAction, overlay };
}
