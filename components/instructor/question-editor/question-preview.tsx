"use client";

// The preview beside the form: the question exactly as a student sees it in an attempt (the same
// QuestionInput, shuffled by a seed; "Shuffle again" draws another), and under it, when asked, the
// after-submission view of the answer tried here (the results page's AnswerReviewView).
import { AnswerReviewView } from "@/components/quiz/answer-review-view";
import { QuestionInput, type InputAnswer } from "@/components/quiz/question-input";
import { Button } from "@/components/ui/button";
import { RichText } from "@/components/ui/rich-text";
import type { PreviewResult } from "@/lib/question-editor/save";

interface Props {
  result: PreviewResult | null;
  updating: boolean;
  failure: string | null;
  answer: InputAnswer;
  onAnswer: (answer: InputAnswer) => void;
  showReview: boolean;
  onShowReview: (show: boolean) => void;
  onShuffle: () => void;
}

export function QuestionPreview({ result, updating, failure, answer, onAnswer, showReview, onShowReview, onShuffle }: Props) {
  const preview = result?.preview ?? null;
  return (
    <section aria-labelledby="preview-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5" data-testid="question-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="preview-title" className="text-lg font-semibold">
          Student preview
        </h2>
        <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={onShuffle}>
          Shuffle again
        </Button>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm text-slate-600" data-testid="preview-status">
        {updating ? "Updating the preview…" : failure ? "" : preview ? "Up to date: shuffled as an attempt would shuffle it." : ""}
      </p>
      {failure ? <p className="text-sm text-red-800">{failure}</p> : null}
      {!preview ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          {result && result.problems.length > 0
            ? "The preview waits until the question has no problems (they are listed above the form)."
            : "The preview appears here."}
        </p>
      ) : (
        <div className={updating ? "opacity-60" : ""}>
          <RichText as="h3" html={preview.stem} className="mb-4 text-lg font-semibold leading-snug text-slate-900" />
          <QuestionInput display={preview.display} answer={answer} onChange={onAnswer} idPrefix="preview" />
        </div>
      )}
      <div className="border-t border-slate-100 pt-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" checked={showReview} onChange={(e) => onShowReview(e.target.checked)} className="size-4 accent-indigo-600" />
          Show the view after submission for the answer above (right answer and feedback)
        </label>
        {showReview && preview?.review ? (
          <div data-testid="preview-review">
            <p className="mt-2 text-sm font-medium text-slate-800">
              Mark: {Math.round(preview.review.review.credit * 100)}%{preview.review.review.isCorrect ? " (correct)" : ""}
            </p>
            <AnswerReviewView
              review={preview.review.review}
              generalFeedback={preview.review.generalFeedback}
              explanation={preview.review.explanation}
              notesHref={null}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
