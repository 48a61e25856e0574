"use client";

import { useActionState, useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ReviewQueueItem } from "@/lib/generate/review/data";
import { approveGeneratedItemAction, rejectGeneratedItemAction } from "@/lib/generate/review/actions";

const KIND_NAMES: Record<ReviewQueueItem["kind"], string> = {
  CLOZE: "Fill-in-the-blank card (a short-answer question once approved)",
  TERM: "Term → definition card (asks for the term once approved)",
  DEFINITION: "Definition → term card (a short-answer question once approved)",
  MCQ: "Multiple-choice question",
};

const INPUT = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

function TextArea({
  id,
  label,
  name,
  defaultValue,
  rows = 2,
  errors,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  rows?: number;
  errors?: string[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea id={`${id}-${name}`} name={name} defaultValue={defaultValue} rows={rows} className={INPUT} aria-invalid={errors?.length ? true : undefined} />
      {errors?.length ? <p className="text-sm text-red-700">{errors.join(" ")}</p> : null}
    </div>
  );
}

function Failure({ result }: { result: ActionResult<unknown> | null }): ReactNode {
  if (!result || result.ok) return null;
  const flaws = result.fieldErrors?._form;
  return (
    <div role="alert" className="text-sm text-red-700">
      {flaws?.length ? (
        <>
          <p>Fix these first:</p>
          <ul className="list-disc pl-5">
            {flaws.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{result.message}</p>
      )}
    </div>
  );
}

/** One proposed item: its citation and checks, the fields to edit, and approve or reject. */
export function ReviewItemForm({ item, topics }: { item: ReviewQueueItem; topics: { key: string; name: string }[] }) {
  const id = useId();
  const [approval, approve, approving] = useActionState(resilient(approveGeneratedItemAction), null);
  const [rejection, reject, rejecting] = useActionState(resilient(rejectGeneratedItemAction), null);
  if (approval?.ok)
    return (
      <p role="status" className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-emerald-900">
        Approved: it is now the bank question {approval.data.key}.{" "}
        <a href={`/instructor/questions/${approval.data.questionId}`} className="underline underline-offset-2">
          Open it in the question bank
        </a>
      </p>
    );
  if (rejection?.ok)
    return (
      <p role="status" className="rounded-xl border border-slate-200 bg-slate-50 p-4 text-slate-700">
        Rejected: students no longer see it.
      </p>
    );
  const fieldErrors = approval && !approval.ok ? approval.fieldErrors : undefined;
  return (
    <article aria-labelledby={`${id}-title`} className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="review-item">
      <header className="space-y-1">
        <h2 id={`${id}-title`} className="font-semibold">
          {KIND_NAMES[item.kind]}
        </h2>
        <p className="text-sm text-slate-600">
          Lecture {item.lecture.number}, “{item.sectionTitle}” · {item.generator === "model" ? "drafted by the language model" : "generated from the notes"}
        </p>
      </header>
      <blockquote className="border-l-4 border-indigo-200 pl-3 text-sm text-slate-700">
        <p className="font-medium text-slate-800">Cited sentence</p>
        <p>{item.source}</p>
      </blockquote>
      <div className="text-sm">
        <p className="font-medium text-slate-800">Item-writing checks</p>
        {item.lint.length === 0 ? (
          <p className="text-emerald-800">No flaws found.</p>
        ) : (
          <ul className="list-disc pl-5 text-red-800">
            {item.lint.map((flaw) => (
              <li key={flaw}>{flaw}</li>
            ))}
          </ul>
        )}
      </div>
      {item.reports.length > 0 ? (
        <div className="text-sm">
          <p className="font-medium text-slate-800">Reported problems ({item.reports.length})</p>
          <ul className="list-disc pl-5 text-slate-700">
            {item.reports.map((r, i) => (
              <li key={i}>{r.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form action={approve} className="space-y-3">
        <input type="hidden" name="itemId" value={item.id} />
        {item.kind === "MCQ" ? (
          <>
            <TextArea id={id} label="Question" name="stem" defaultValue={item.stem} errors={fieldErrors?.stem} />
            <TextArea
              id={id}
              label="Options, one per line"
              name="options"
              defaultValue={item.options.join("\n")}
              rows={item.options.length + 1}
              errors={fieldErrors?.options}
            />
            <TextArea
              id={id}
              label="Right answer (exactly one of the options)"
              name="answer"
              defaultValue={item.answer}
              rows={1}
              errors={fieldErrors?.answer}
            />
          </>
        ) : (
          <>
            <TextArea id={id} label="Front" name="front" defaultValue={item.front} errors={fieldErrors?.front} />
            <TextArea id={id} label="Back" name="back" defaultValue={item.back} errors={fieldErrors?.back} />
          </>
        )}
        <div className="space-y-1">
          <label htmlFor={`${id}-topic`} className="block text-sm font-medium text-slate-800">
            Topic
          </label>
          <select id={`${id}-topic`} name="topic" defaultValue={item.suggestedTopic ?? ""} className={INPUT}>
            <option value="">No topic</option>
            {topics.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <Failure result={approval} />
        <Button type="submit" pending={approving}>
          Approve into the bank
        </Button>
      </form>
      <form action={reject} className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3">
        <input type="hidden" name="itemId" value={item.id} />
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            Reason for rejecting
          </label>
          <input id={`${id}-reason`} name="reason" required maxLength={500} className={INPUT} />
        </div>
        <Button type="submit" variant="secondary" pending={rejecting}>
          Reject
        </Button>
        <Failure result={rejection} />
      </form>
    </article>
  );
}
