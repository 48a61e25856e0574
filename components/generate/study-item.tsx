"use client";

import { useActionState, useId, useState, useTransition, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { isTypingTarget } from "@/components/ui/keyboard";
import { NETWORK_ERROR_MESSAGE, resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { addItemToMyCardsAction, answerItemAction, proposeItemAction, revealItemAction } from "@/lib/generate/actions";
import type { StudyItemView } from "@/lib/generate/data";
import type { ItemAnswer } from "@/lib/generate/items";
import { ReportProblem } from "./report-problem";

const KIND_LABELS: Record<StudyItemView["kind"], string> = {
  CLOZE: "Fill in the blank",
  TERM: "Term → definition",
  DEFINITION: "Definition → term",
  MCQ: "Question",
};

/**
 * One generated item. A question is answered here and checked on the server, which only then sends
 * the right answer and the sentence it came from; a card is turned over the same way. Press A (with
 * the item or a control in it focused) to add it to "My cards". Every text is rendered as text.
 */
export function StudyItem({ item }: { item: StudyItemView }) {
  const [answer, setAnswer] = useState<ItemAnswer | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [checking, startChecking] = useTransition();
  const [adding, startAdding] = useTransition();
  const [proposal, propose, proposing] = useActionState(resilient(proposeItemAction), null);
  const groupName = useId();

  const settle = <T,>(call: () => Promise<ActionResult<T>>, onOk: (data: T) => void) =>
    call()
      .then((result) => (result.ok ? onOk(result.data) : setMessage({ text: result.message, error: true })))
      .catch(() => setMessage({ text: NETWORK_ERROR_MESSAGE, error: true }));

  const check = () =>
    startChecking(async () => {
      setMessage(null);
      if (item.kind === "MCQ") {
        if (chosen === null) return setMessage({ text: "Choose an answer first.", error: true });
        await settle(() => answerItemAction(null, { itemId: item.id, chosen }), setAnswer);
      } else await settle(() => revealItemAction(null, { itemId: item.id }), setAnswer);
    });

  const addToCards = () =>
    startAdding(async () => {
      await settle(
        () => addItemToMyCardsAction(null, { itemId: item.id }),
        (data) => setMessage({ text: data.added ? "Added to My cards." : "Already in My cards.", error: false }),
      );
    });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key.toLowerCase() !== "a" || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
    event.preventDefault();
    if (!adding) addToCards();
  };

  const proposed = item.proposed || (proposal?.ok && proposal.data.status === "PROPOSED");
  return (
    <article
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-keyshortcuts="A"
      aria-label={`${KIND_LABELS[item.kind]}, generated`}
      data-testid="study-item"
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      <p className="flex flex-wrap items-center gap-2 text-xs font-medium">
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">Generated</span>
        <span className="text-slate-600">{KIND_LABELS[item.kind]}</span>
        <span className="text-slate-500">{item.generator === "model" ? "by the language model" : "from the notes"}</span>
      </p>
      {item.kind === "MCQ" ? (
        <fieldset className="mt-3">
          <legend className="font-medium text-slate-900">{item.stem}</legend>
          <div className="mt-2 space-y-1">
            {item.options.map((option) => (
              <label key={option} className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-slate-50">
                <input
                  type="radio"
                  name={groupName}
                  value={option}
                  checked={chosen === option}
                  disabled={answer !== null}
                  onChange={() => setChosen(option)}
                  className="size-4"
                />
                <span className={answer && option === answer.answer ? "font-semibold text-emerald-800" : ""}>{option}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="mt-3 font-medium whitespace-pre-line text-slate-900">{item.front}</p>
      )}
      {answer ? (
        <div className="mt-3 space-y-2 rounded-lg bg-slate-50 p-3 text-sm" role="status">
          {item.kind === "MCQ" ? (
            <p className={answer.correct ? "font-semibold text-emerald-800" : "font-semibold text-red-800"}>
              {answer.correct ? "Right." : `Not quite: the answer is “${answer.answer}”.`}
            </p>
          ) : (
            <p className="whitespace-pre-line text-slate-900">{answer.answer}</p>
          )}
          <p className="text-slate-600">
            From the notes: <q>{answer.source}</q>
          </p>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {answer ? null : (
          <Button type="button" onClick={check} pending={checking}>
            {item.kind === "MCQ" ? "Check answer" : "Show answer"}
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={addToCards} pending={adding}>
          Add to My cards <kbd className="keyboard-hint rounded border border-slate-300 px-1 text-xs">A</kbd>
        </Button>
        {proposed ? (
          <span className="text-sm text-slate-600">Suggested for the course bank.</span>
        ) : (
          <form action={propose}>
            <input type="hidden" name="itemId" value={item.id} />
            <Button type="submit" variant="ghost" pending={proposing}>
              Suggest for the course bank
            </Button>
          </form>
        )}
        <ReportProblem itemId={item.id} reported={item.reported} />
      </div>
      {message ? (
        <p role={message.error ? "alert" : "status"} className={`mt-2 text-sm ${message.error ? "text-red-700" : "text-emerald-800"}`}>
          {message.text}
        </p>
      ) : null}
      {proposal && !proposal.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {proposal.message}
        </p>
      ) : null}
    </article>
  );
}
