"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { setRetentionAction } from "@/lib/review/settings/actions";

/** The desired retention: a slider (arrow keys move it by 1 %) and Save; the forecast below follows. */
export function RetentionForm({ current }: { current: number }) {
  const [value, setValue] = useState(Math.round(current * 100));
  const [result, formAction, pending] = useActionState(
    resilient(setRetentionAction as (p: ActionResult<unknown> | null, f: FormData) => Promise<ActionResult<unknown>>),
    null,
  );
  return (
    <form action={formAction} className="space-y-3" data-testid="retention-form">
      <input type="hidden" name="desiredRetention" value={(value / 100).toFixed(2)} />
      <label htmlFor="retention-slider" className="block text-sm font-medium text-slate-800">
        Desired retention:{" "}
        <output htmlFor="retention-slider" className="font-semibold" data-testid="retention-value">
          {value} %
        </output>
      </label>
      <input
        id="retention-slider"
        type="range"
        min={70}
        max={97}
        step={1}
        value={value}
        onChange={(event) => setValue(Number(event.target.value))}
        aria-describedby="retention-hint"
        className="w-full max-w-md accent-indigo-600"
      />
      <p id="retention-hint" className="text-sm text-slate-600">
        The chance of recalling a card when it comes back. Higher means more reviews a day; lower means forgetting more. Compare the forecast below before you
        choose.
      </p>
      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending} disabled={value === Math.round(current * 100)}>
          Save retention
        </Button>
        <p aria-live="polite" className="text-sm">
          {result?.ok ? <span className="text-emerald-700">Saved. Your cards are being rescheduled for {Math.round(current * 100)} %.</span> : null}
          {result && !result.ok ? <span className="text-red-700">{result.message}</span> : null}
        </p>
      </div>
    </form>
  );
}
