"use client";

import { useState, useTransition } from "react";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import type { SaveStatusState } from "@/components/ui/save-status";
import type { ActionResult } from "@/lib/actions/safe-action";

type EditorAction<T> = (previous: ActionResult<T> | null, input: Record<string, unknown>) => Promise<ActionResult<T>>;

/**
 * Runs one quiz editor action at a time from a button: its pending state, a save status ("Saving…",
 * "Saved", the refusal in words) and the field errors of the last refusal. The server re-renders the
 * page with the change (the actions revalidate it).
 */
export function useEditorAction() {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<SaveStatusState>({ kind: "idle" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function run<T>(action: EditorAction<T>, input: Record<string, unknown>, onDone?: (result: ActionResult<T> & { ok: true }) => void) {
    setStatus({ kind: "saving" });
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(null, input);
      } catch {
        result = { ok: false, code: "VALIDATION", message: NETWORK_ERROR_MESSAGE };
      }
      if (result.ok) {
        setFieldErrors({});
        setStatus({ kind: "saved" });
        onDone?.(result);
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        setStatus({ kind: "failed", message: result.message });
      }
    });
  }

  return { pending, status, fieldErrors, run };
}
