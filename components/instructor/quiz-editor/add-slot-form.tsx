"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SaveStatus } from "@/components/ui/save-status";
import { BANK_QUESTION_TYPE } from "@/lib/bank/question-types";
import { addSlotAction } from "@/lib/quiz/editor/actions";
import type { EditorBankQuestion } from "@/lib/quiz/editor/data";
import { useEditorAction } from "./use-editor-action";

/** A new slot at the end of the quiz: one or more of the lecture's free questions as its variants, and its max mark. */
export function AddSlotForm({ quizId, bank }: { quizId: string; bank: EditorBankQuestion[] }) {
  const { pending, status, fieldErrors, run } = useEditorAction();
  const [chosen, setChosen] = useState<string[]>([]);
  const [maxMark, setMaxMark] = useState("1");
  const free = bank.filter((q) => q.inSlot === null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(addSlotAction, { quizId, questionIds: chosen.join(","), maxMark }, () => setChosen([]));
  };
  const toggle = (id: string, on: boolean) => setChosen((current) => (on ? [...current, id] : current.filter((c) => c !== id)));
  if (bank.length === 0) return <p className="text-sm text-slate-600">This lecture&apos;s bank has no questions yet.</p>;
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <fieldset aria-describedby={fieldErrors.questionIds ? "questionIds-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Questions for the new slot (each one a variant: they ask the same thing)</legend>
        {free.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Every question of the lecture is already in a slot. Remove a variant from a slot to use it here.</p>
        ) : (
          <ul className="mt-2 max-h-80 space-y-1 overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 text-sm">
            {free.map((q) => (
              <li key={q.questionId}>
                <label className="flex items-start gap-2 rounded px-2 py-1 hover:bg-slate-50">
                  <input
                    type="checkbox"
                    checked={chosen.includes(q.questionId)}
                    onChange={(event) => toggle(q.questionId, event.target.checked)}
                    className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                  />
                  <span>
                    <span className="block text-slate-900">{q.label}</span>
                    <span className="block text-xs text-slate-500">
                      {q.externalKey} · {BANK_QUESTION_TYPE[q.type]} · version {q.version}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {fieldErrors.questionIds ? (
          <p id="questionIds-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.questionIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="new-slot-max-mark" className="block text-sm font-medium text-slate-800">
          Max mark
        </label>
        <input
          id="new-slot-max-mark"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={maxMark}
          onChange={(event) => setMaxMark(event.target.value)}
          aria-invalid={fieldErrors.maxMark ? true : undefined}
          aria-describedby={fieldErrors.maxMark ? "new-slot-max-mark-error" : undefined}
          className={`block w-24 rounded-lg border bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${fieldErrors.maxMark ? "border-red-500" : "border-slate-300"}`}
        />
        {fieldErrors.maxMark ? (
          <p id="new-slot-max-mark-error" className="text-sm text-red-700">
            {fieldErrors.maxMark.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" pending={pending} disabled={free.length === 0}>
          Add a slot
        </Button>
        <SaveStatus status={status} />
      </div>
    </form>
  );
}
