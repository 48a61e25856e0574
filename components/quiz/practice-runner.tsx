"use client";

import { Alert } from "@/components/ui/alert";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent, type RefObject } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { answerPracticeAction } from "@/lib/quiz/actions";
import { RichText } from "@/components/ui/rich-text";
import type { SafeHtml } from "@/lib/bank/rich-text/render";
import type { RenderedReview } from "@/lib/quiz/rendered-review";
import type { QuestionDisplay } from "@/lib/quiz/question-display";
import { AnswerReviewView } from "./answer-review-view";
import { isAnswered } from "./answer-sync";
import { QuestionInput, type InputAnswer } from "./question-input";
import { formatPercent, personalPracticePath } from "@/lib/practice/personal/options";

interface View {
  id: string;
  quizTitle: string;
  lectureSlug: string;
  done: boolean;
  remaining: number;
  answered: number;
  correct: number;
  question: { id: string; type: string; stem: SafeHtml; display: QuestionDisplay } | null;
  /** Each question is asked once (a personal practice quiz): a wrong answer does not come back. */
  askOnce?: boolean;
  /** A personal practice quiz: what it aims at, and how many questions it has. */
  personal?: PersonalPractice | null;
}

interface PersonalPractice {
  target: number;
  expectedRate: number;
  total: number;
  topics: string[];
  reusedSeen: number;
  short: boolean;
  calibrated?: number;
  abandoned: boolean;
}

type Feedback = Omit<RenderedReview, "stem"> & {
  isCorrect: boolean;
  sectionKey: string | null;
  done: boolean;
  remaining: number;
};

export function PracticeRunner({ view }: { view: View }) {
  const router = useRouter();
  const [answer, setAnswer] = useState<InputAnswer>({ chosen: [], text: null });
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // The page keys this component by question, so each question starts with fresh state.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  useEffect(() => {
    if (feedback) nextRef.current?.focus();
  }, [feedback]);

  if (view.personal && (view.done || !view.question)) return <PersonalSummary view={view} personal={view.personal} headingRef={headingRef} />;
  if (view.done || !view.question) {
    return (
      <section className="max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" aria-labelledby="done-title">
        <h2 id="done-title" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight">
          Practice complete
        </h2>
        <p className="mt-2 text-slate-600" data-testid="practice-summary">
          You answered every missed question right ({view.answered} answers, {view.correct} right).
        </p>
        <Link href={`/lectures/${view.lectureSlug}/quiz`} className={buttonClasses("primary", "mt-6")}>
          Back to the quiz
        </Link>
      </section>
    );
  }
  const question = view.question;

  function check(event: FormEvent) {
    event.preventDefault();
    if (!isAnswered(answer)) {
      setError(question.display.kind === "choice" ? "Choose an answer first." : "Answer the question first.");
      return;
    }
    startTransition(async () => {
      try {
        const result = await answerPracticeAction(null, {
          sessionId: view.id,
          questionVersionId: question.id,
          chosen: answer.chosen,
          text: answer.text ?? null,
        });
        if (!result.ok) setError(result.message);
        else {
          setError(null);
          setFeedback(result.data);
        }
      } catch {
        setError(NETWORK_ERROR_MESSAGE);
      }
    });
  }

  return (
    <section aria-labelledby="practice-question" className="max-w-3xl space-y-4">
      {view.personal ? (
        <PersonalHeader view={view} personal={view.personal} />
      ) : (
        <p className="text-sm text-slate-600" data-testid="practice-remaining">
          Practice · {view.remaining} question{view.remaining === 1 ? "" : "s"} to get right
        </p>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={check} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <fieldset disabled={feedback !== null}>
          <legend>
            {question.display.kind === "cloze" ? (
              <h2 id="practice-question" ref={headingRef} tabIndex={-1} className="text-xl font-semibold leading-snug">
                Fill in the gaps.
              </h2>
            ) : (
              <RichText as="h2" id="practice-question" ref={headingRef} tabIndex={-1} html={question.stem} className="text-xl font-semibold leading-snug" />
            )}
          </legend>
          {/* Once checked, the answer is read back with the key (below) instead. */}
          {feedback ? null : (
            <div className="mt-5">
              <QuestionInput display={question.display} answer={answer} onChange={setAnswer} idPrefix="practice" />
            </div>
          )}
        </fieldset>
        {feedback ? (
          <div role="status" className="mt-5 space-y-3">
            <p className={`font-semibold ${feedback.isCorrect ? "text-emerald-800" : "text-red-800"}`}>
              {feedback.isCorrect ? "Right." : view.askOnce ? "Not quite." : "Not quite: this one will come back after a few others."}
            </p>
            <AnswerReviewView
              review={feedback.review}
              generalFeedback={feedback.generalFeedback}
              explanation={feedback.explanation}
              notesHref={feedback.sectionKey ? `/lectures/${view.lectureSlug}#${feedback.sectionKey}` : null}
            />
            <Button ref={nextRef} type="button" onClick={() => router.refresh()}>
              {feedback.done ? "Finish" : "Next question"}
            </Button>
          </div>
        ) : (
          <Button type="submit" className="mt-6" pending={pending}>
            Check my answer
          </Button>
        )}
      </form>
    </section>
  );
}

function PersonalHeader({ view, personal }: { view: View; personal: PersonalPractice }) {
  return (
    <div className="space-y-1 text-sm text-slate-600">
      <p className="font-medium text-slate-800" data-testid="practice-target">
        Personal practice: aimed at about {formatPercent(personal.target)} right
        <span className="font-normal text-slate-600"> (expected for you: {formatPercent(personal.expectedRate)})</span>
      </p>
      {personal.calibrated === 0 ? (
        <p data-testid="practice-uncalibrated">
          The class has not answered these questions yet, so their difficulty is not known: they are picked by topic, and the aim will be met once answers come
          in.
        </p>
      ) : null}
      <p data-testid="practice-remaining">
        Question {Math.min(view.answered + 1, personal.total)} of {personal.total}
        {personal.topics.length > 0 ? ` · ${personal.topics.join(", ")}` : ""}
      </p>
      {personal.reusedSeen > 0 ? (
        <p>
          Not enough new questions in these topics: {personal.reusedSeen} you saw recently {personal.reusedSeen === 1 ? "is" : "are"} included.
        </p>
      ) : null}
      {personal.short ? <p>These topics have only {personal.total} questions for now, so the quiz is shorter than asked.</p> : null}
    </div>
  );
}

function PersonalSummary({ view, personal, headingRef }: { view: View; personal: PersonalPractice; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const share = view.answered > 0 ? view.correct / view.answered : 0;
  return (
    <section className="max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" aria-labelledby="done-title">
      <h2 id="done-title" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight">
        {personal.abandoned ? "Practice ended" : "Practice complete"}
      </h2>
      <p className="mt-2 text-slate-700" data-testid="practice-summary">
        {view.answered === 0
          ? "You did not answer any question."
          : `You got ${view.correct} of ${view.answered} right (${formatPercent(share)}); it aimed at about ${formatPercent(personal.target)}.`}
        {personal.abandoned && view.answered < personal.total ? ` You stopped after ${view.answered} of ${personal.total} questions.` : ""}
      </p>
      <p className="mt-2 text-sm text-slate-600">Practice is never graded and never counts in the class statistics.</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href={personalPracticePath(view.lectureSlug)} className={buttonClasses("primary")}>
          Start another personal practice quiz
        </Link>
        <Link href={`/lectures/${view.lectureSlug}/quiz`} className={buttonClasses("secondary")}>
          Back to the quiz
        </Link>
      </div>
    </section>
  );
}
