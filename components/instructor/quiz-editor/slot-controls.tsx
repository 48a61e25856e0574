"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { addSlotVariantAction, setSlotMaxMarkAction } from "@/lib/quiz/editor/actions";
import type { EditorBankQuestion, EditorSlot } from "@/lib/quiz/editor/data";
import { useEditorAction } from "./use-editor-action";

const SMALL_INPUT = "rounded-lg border bg-white px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

/** A slot's max mark, saved on its own. */
export function MaxMarkForm({ slot }: { slot: EditorSlot }) {
  const { pending, status, fieldErrors, run } = useEditorAction();
  const [value, setValue] = useState(String(slot.maxMark));
  const id = `max-mark-${slot.id}`;
  const errors = fieldErrors.maxMark;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(setSlotMaxMarkAction, { slotId: slot.id, maxMark: value });
  };
  return (
    <form onSubmit={submit} className="space-y-1" noValidate>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Max mark
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${id}-status`}
          className={`${SMALL_INPUT} w-24 ${errors ? "border-red-500" : "border-slate-300"}`}
        />
        <Button type="submit" variant="secondary" className="px-3 py-1.5" pending={pending}>
          Save<span className="sr-only"> max mark of slot {slot.key}</span>
        </Button>
      </div>
      <p id={`${id}-status`} aria-live="polite" className={`min-h-5 text-xs ${status.kind === "failed" ? "text-red-700" : "text-emerald-700"}`}>
        {errors ? errors.join(" ") : status.kind === "failed" ? status.message : status.kind === "saved" ? "Saved" : status.kind === "saving" ? "Saving…" : ""}
      </p>
    </form>
  );
}

/** Adds one of the lecture's questions that is in no slot yet as a variant of this slot. */
export function VariantAdder({ slot, free }: { slot: EditorSlot; free: EditorBankQuestion[] }) {
  const { pending, status, fieldErrors, run } = useEditorAction();
  const [questionId, setQuestionId] = useState("");
  const id = `add-variant-${slot.id}`;
  if (free.length === 0) return <p className="text-xs text-slate-500">Every question of the lecture is in a slot: no variant to add.</p>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(addSlotVariantAction, { slotId: slot.id, questionId }, () => setQuestionId(""));
  };
  const errors = fieldErrors.questionId;
  return (
    <form onSubmit={submit} className="min-w-0 flex-1 space-y-1" noValidate>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Add a variant
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select
          id={id}
          value={questionId}
          onChange={(event) => setQuestionId(event.target.value)}
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${id}-status`}
          className={`${SMALL_INPUT} max-w-md min-w-0 flex-1 ${errors ? "border-red-500" : "border-slate-300"}`}
        >
          <option value="">Choose a question…</option>
          {free.map((q) => (
            <option key={q.questionId} value={q.questionId}>
              {q.externalKey}: {q.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" className="px-3 py-1.5" pending={pending} disabled={!questionId}>
          Add<span className="sr-only"> variant to slot {slot.key}</span>
        </Button>
      </div>
      <p id={`${id}-status`} aria-live="polite" className={`min-h-5 text-xs ${status.kind === "failed" ? "text-red-700" : "text-emerald-700"}`}>
        {errors
          ? errors.join(" ")
          : status.kind === "failed"
            ? status.message
            : status.kind === "saved"
              ? "Variant added"
              : status.kind === "saving"
                ? "Saving…"
                : ""}
      </p>
    </form>
  );
}
