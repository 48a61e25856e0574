"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { BANK_QUESTION_TYPE } from "@/lib/bank/question-types";
import { SaveStatus } from "@/components/ui/save-status";
import { moveSlotAction, removeSlotAction, removeSlotVariantAction, restoreSlotAction } from "@/lib/quiz/editor/actions";
import type { EditorBankQuestion, EditorSlot } from "@/lib/quiz/editor/data";
import { MaxMarkForm, VariantAdder } from "./slot-controls";
import { useEditorAction } from "./use-editor-action";

/**
 * The quiz's live slots in order: each with its variants (a link to edit the question), its max mark,
 * move up and down, remove (with Undo) and its variants added or removed. After a move the focus
 * stays on the moved slot's button, so a keyboard user can keep moving it.
 */
export function SlotList({ slots, bank }: { slots: EditorSlot[]; bank: EditorBankQuestion[] }) {
  const { pending, status, fieldErrors, run } = useEditorAction();
  const [undo, setUndo] = useState<{ slotId: string; key: string } | null>(null);
  const [focus, setFocus] = useState<{ slotId: string; direction: "up" | "down"; from: number } | null>(null);
  const focused = useRef<typeof focus>(null);
  const free = bank.filter((q) => q.inSlot === null);

  // Once the new order has arrived, the focus goes to the moved slot's button (the other one at an
  // end), once per move: later renders (another slot's change) leave the focus where the person put it.
  useEffect(() => {
    if (!focus || focused.current === focus || slots.findIndex((s) => s.id === focus.slotId) === focus.from) return;
    focused.current = focus;
    const wanted = document.getElementById(`move-${focus.direction}-${focus.slotId}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${focus.direction === "up" ? "down" : "up"}-${focus.slotId}`) as HTMLButtonElement | null;
    (wanted && !wanted.disabled ? wanted : other)?.focus();
  }, [focus, slots]);

  // The removed slot's buttons are gone with it: the focus goes to Undo.
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (undo) undoButton.current?.focus();
  }, [undo]);

  const move = (slot: EditorSlot, index: number, direction: "up" | "down") =>
    run(moveSlotAction, { slotId: slot.id, direction }, () => setFocus({ slotId: slot.id, direction, from: index }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <SaveStatus status={status} />
        {undo ? (
          <p role="status" className="flex items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
            Slot {undo.key} removed. Attempts in progress keep it.
            <Button
              ref={undoButton}
              type="button"
              variant="secondary"
              className="px-3 py-1"
              pending={pending}
              onClick={() => run(restoreSlotAction, { slotId: undo.slotId }, () => setUndo(null))}
            >
              Undo
            </Button>
          </p>
        ) : null}
      </div>
      <ol className="space-y-3" aria-label="Question slots in order">
        {slots.map((slot, index) => (
          <li key={slot.id} className="rounded-xl border border-slate-200 bg-white p-4" aria-labelledby={`slot-title-${slot.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <h3 id={`slot-title-${slot.id}`} className="font-semibold">
                <span className="tabular-nums">{index + 1}.</span> Slot {slot.key}
                <span className="ml-2 text-xs font-normal text-slate-500">
                  {slot.source === "EDITOR" ? "added here" : slot.source === "IMPORT" ? "from an import" : "from the course files"}
                </span>
              </h3>
              <div className="flex flex-wrap items-center gap-2">
                <Button
                  id={`move-up-${slot.id}`}
                  type="button"
                  variant="secondary"
                  className="px-3 py-1"
                  disabled={pending || index === 0}
                  onClick={() => move(slot, index, "up")}
                >
                  Move up<span className="sr-only"> slot {slot.key}</span>
                </Button>
                <Button
                  id={`move-down-${slot.id}`}
                  type="button"
                  variant="secondary"
                  className="px-3 py-1"
                  disabled={pending || index === slots.length - 1}
                  onClick={() => move(slot, index, "down")}
                >
                  Move down<span className="sr-only"> slot {slot.key}</span>
                </Button>
                <Button
                  type="button"
                  variant="danger"
                  className="px-3 py-1"
                  disabled={pending || slots.length === 1}
                  title={slots.length === 1 ? "A quiz needs at least one question slot." : undefined}
                  onClick={() => run(removeSlotAction, { slotId: slot.id }, () => setUndo({ slotId: slot.id, key: slot.key }))}
                >
                  Remove<span className="sr-only"> slot {slot.key}</span>
                </Button>
              </div>
            </div>
            <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label={`Variants of slot ${slot.key}`}>
              {slot.variants.map((variant) => (
                <li key={variant.questionId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    <span className="block text-slate-900">{variant.label}</span>
                    <span className="block text-xs text-slate-500">
                      {variant.externalKey} · {BANK_QUESTION_TYPE[variant.type]} · version {variant.version}
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <Link href={`/instructor/questions/${variant.questionId}`} className="font-medium text-indigo-700 hover:underline">
                      Edit question<span className="sr-only"> {variant.externalKey}</span>
                    </Link>
                    <Button
                      type="button"
                      variant="ghost"
                      className="px-2 py-1"
                      disabled={pending || slot.variants.length === 1}
                      title={slot.variants.length === 1 ? "A slot keeps at least one question." : undefined}
                      onClick={() => run(removeSlotVariantAction, { slotId: slot.id, questionId: variant.questionId })}
                    >
                      Remove variant<span className="sr-only"> {variant.externalKey}</span>
                    </Button>
                  </span>
                </li>
              ))}
            </ul>
            <div className="mt-3 flex flex-wrap items-end gap-6 border-t border-slate-100 pt-3">
              <MaxMarkForm slot={slot} />
              <VariantAdder slot={slot} free={free} />
            </div>
          </li>
        ))}
      </ol>
      {fieldErrors.questionId ? (
        <p role="alert" className="text-sm text-red-700">
          {fieldErrors.questionId.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
