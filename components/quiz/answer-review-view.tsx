// A marked answer read back (results and practice): the options with the student's and the right
// ones, or what they typed or matched beside the right answer; then the feedback for what they
// answered, the question's general feedback and its explanation with a link to the notes.
import Link from "next/link";
import { RichText } from "@/components/ui/rich-text";
import type { RenderedReview } from "@/lib/quiz/rendered-review";

interface Props {
  review: RenderedReview["review"];
  generalFeedback: RenderedReview["generalFeedback"];
  explanation: RenderedReview["explanation"];
  /** Whose answer it is, as the reader says it: "Your answer" for the student, "Student's answer" for a teacher. */
  answerLabel?: string;
  /** The notes section the question draws on, when it has one. */
  notesHref: string | null;
}

function Lines({ title, lines, tone }: { title: string; lines: string[]; tone: "given" | "right" }) {
  if (lines.length === 0 || lines.every((l) => l === "")) return null;
  return (
    <div className={`rounded-md border px-3 py-2 ${tone === "right" ? "border-emerald-300 bg-emerald-50" : "border-slate-200"}`}>
      <p className="text-xs font-medium text-slate-700">{title}</p>
      <ul className="mt-1 space-y-0.5">
        {lines.map((line, i) => (
          <li key={i} className="whitespace-pre-line">
            {line}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AnswerReviewView({ review, generalFeedback, explanation, notesHref, answerLabel = "Your answer" }: Props) {
  const unanswered = review.options.length > 0 ? review.options.every((o) => !o.chosen) : review.given.every((g) => /no answer$/.test(g));
  return (
    <div className="mt-4 space-y-3 text-sm">
      {review.options.length > 0 ? (
        <ul className="space-y-1.5">
          {review.options.map((option) => (
            <li
              key={option.key}
              className={`rounded-md border px-3 py-2 ${option.isCorrect ? "border-emerald-300 bg-emerald-50" : option.chosen ? "border-red-300 bg-red-50" : "border-slate-200"}`}
            >
              <div className="flex items-start gap-2">
                <RichText as="span" html={option.text} className="min-w-0 flex-1" />
                <span className="shrink-0 text-xs font-medium text-slate-700">
                  {option.chosen ? answerLabel : ""}
                  {option.chosen && option.isCorrect ? " · " : ""}
                  {option.isCorrect ? "Correct answer" : ""}
                </span>
              </div>
              {option.chosen && option.feedback ? <RichText html={option.feedback} className="mt-1 text-slate-700" /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <div className="grid gap-2 sm:grid-cols-2">
          <Lines title={answerLabel} lines={review.given} tone="given" />
          <Lines title="Correct answer" lines={review.right} tone="right" />
        </div>
      )}
      {review.awaitingGrading ? (
        <p className="font-medium text-amber-900" data-testid="awaiting-grading">
          Awaiting grading: a teacher will mark this answer.
        </p>
      ) : unanswered ? (
        <p className="text-slate-600">You did not answer this question.</p>
      ) : null}
      {review.options.length === 0 && review.feedback.length > 0 ? (
        <div data-testid="answer-feedback">
          {review.feedback.map((f, i) => (
            <RichText key={i} html={f} className="text-slate-700" />
          ))}
        </div>
      ) : null}
      {generalFeedback ? (
        <div data-testid="general-feedback">
          <RichText html={generalFeedback} className="leading-6 text-slate-700" />
        </div>
      ) : null}
      {explanation ? (
        <div className="leading-6 text-slate-700">
          <strong className="font-semibold">Why: </strong>
          <RichText as="span" html={explanation} />{" "}
          {notesHref ? (
            <Link href={notesHref} className="font-medium text-indigo-700 underline underline-offset-2">
              Read the notes
            </Link>
          ) : null}
        </div>
      ) : notesHref ? (
        <Link href={notesHref} className="font-medium text-indigo-700 underline underline-offset-2">
          Read the notes
        </Link>
      ) : null}
    </div>
  );
}
