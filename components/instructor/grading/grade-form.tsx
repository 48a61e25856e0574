"use client";

import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { resilient } from "@/components/ui/resilient-action";
import { gradeResponseAction } from "@/lib/grading/actions";

/**
 * The mark and the comment for one answer. The mark field has the focus; Enter in it, or Ctrl+Enter
 * (⌘+Enter) in the comment, saves and opens the next answer.
 */
export function GradeForm({
  responseId,
  maxMark,
  mark,
  comment,
  quizId,
  blind,
}: {
  responseId: string;
  maxMark: number;
  mark: number | null;
  comment: string;
  quizId?: string;
  blind: boolean;
}) {
  const [result, formAction, pending] = useActionState(resilient(gradeResponseAction), null);
  const form = useRef<HTMLFormElement>(null);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <form ref={form} action={formAction} className="space-y-4" aria-label="Mark this answer">
      <input type="hidden" name="responseId" value={responseId} />
      <input type="hidden" name="quizId" value={quizId ?? ""} />
      <input type="hidden" name="blind" value={blind ? "1" : ""} />
      <Field
        label={`Mark (0 to ${maxMark})`}
        name="mark"
        type="number"
        inputMode="decimal"
        min={0}
        max={maxMark}
        step="any"
        required
        autoFocus
        defaultValue={mark ?? ""}
        errors={errors?.mark}
        hint="Enter saves and opens the next answer."
      />
      <div className="space-y-1">
        <label htmlFor="comment" className="block text-sm font-medium text-slate-800">
          Comment for the student (optional)
        </label>
        <textarea
          id="comment"
          name="comment"
          rows={4}
          defaultValue={comment}
          aria-describedby="comment-hint"
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              form.current?.requestSubmit();
            }
          }}
        />
        <p id="comment-hint" className="text-xs text-slate-500">
          Ctrl+Enter saves and opens the next answer.
        </p>
      </div>
      <Button type="submit" pending={pending}>
        Save mark and next
      </Button>
      {result && !result.ok && !errors?.mark ? (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
