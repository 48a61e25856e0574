import type { RefObject } from "react";
import { Button } from "@/components/ui/button";

/** The last step before submitting: what is unanswered or flagged, and the final button. */
export function AttemptReview({
  headingRef,
  unanswered,
  flagged,
  pending,
  onBack,
  onSubmit,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Question numbers (1-based). */
  unanswered: number[];
  flagged: number[];
  pending: boolean;
  onBack: () => void;
  onSubmit: () => void;
}) {
  return (
    <section aria-labelledby="review-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h2 id="review-title" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight">
        Review your answers
      </h2>
      {unanswered.length > 0 ? (
        <p className="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="unanswered-warning">
          {unanswered.length === 1 ? "1 question is" : `${unanswered.length} questions are`} not answered: {unanswered.join(", ")}. Unanswered questions score
          zero.
        </p>
      ) : (
        <p className="mt-3 text-sm text-emerald-800">Every question has an answer.</p>
      )}
      {flagged.length > 0 ? <p className="mt-2 text-sm text-slate-700">Flagged for review: {flagged.join(", ")}.</p> : null}
      <p className="mt-4 text-sm text-slate-600">Once submitted, the attempt is final: you will see your score, the right answers and explanations.</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={onBack} disabled={pending}>
          Back to the questions
        </Button>
        <Button type="button" onClick={onSubmit} pending={pending}>
          Submit attempt
        </Button>
      </div>
    </section>
  );
}
