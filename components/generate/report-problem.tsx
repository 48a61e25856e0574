"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import { reportItemAction } from "@/lib/generate/actions";
import { REPORT_MAX_CHARS } from "@/lib/generate/limits";

/** "Report a problem" with a generated item: a short note to the instructors, one per student (a new one replaces it). */
export function ReportProblem({ itemId, reported }: { itemId: string; reported: boolean }) {
  const [open, setOpen] = useState(false);
  const [result, formAction, pending] = useActionState(async (previous: Awaited<ReturnType<typeof reportItemAction>> | null, input: FormData) => {
    const sent = await resilient(reportItemAction)(previous, input);
    if (sent.ok) setOpen(false);
    return sent;
  }, null);
  const fieldId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const sent = reported || result?.ok === true;

  useEffect(() => {
    if (open) textarea.current?.focus();
  }, [open]);

  if (!open)
    return (
      <>
        <Button type="button" variant="ghost" onClick={() => setOpen(true)} aria-expanded={false}>
          {sent ? "Change my report" : "Report a problem"}
        </Button>
        {result?.ok ? (
          <span role="status" className="text-sm text-slate-600">
            Thank you: the instructors will see your report.
          </span>
        ) : null}
      </>
    );
  const error = result && !result.ok ? (result.fieldErrors?.message?.[0] ?? result.message) : null;
  return (
    <form action={formAction} className="w-full space-y-2 rounded-lg border border-slate-200 p-3">
      <input type="hidden" name="itemId" value={itemId} />
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        What is wrong with it?
      </label>
      <textarea
        ref={textarea}
        id={fieldId}
        name="message"
        required
        maxLength={REPORT_MAX_CHARS}
        rows={2}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
      />
      {error ? (
        <p id={`${fieldId}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" pending={pending}>
          Send report
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
