"use client";

import { Alert } from "@/components/ui/alert";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { answerPracticeAction } from "@/lib/quiz/actions";

interface View {
  id: string;
  quizTitle: string;
  lectureSlug: string;
  done: boolean;
  remaining: number;
  answered: number;
  correct: number;
  question: { id: string; type: string; stem: string; options: { key: string; text: string }[] } | null;
}

type Feedback = { isCorrect: boolean; correctKeys: string[]; explanation: string; sectionKey: string | null; done: boolean; remaining: number };

export function PracticeRunner({ view }: { view: View }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
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
  const multiple = question.type === "MULTIPLE_CHOICE";

  function check(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) {
      setError("Choose an answer first.");
      return;
    }
    startTransition(async () => {
      try {
        const result = await answerPracticeAction(null, { sessionId: view.id, questionVersionId: question.id, chosen });
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
      <p className="text-sm text-slate-600" data-testid="practice-remaining">
        Practice · {view.remaining} question{view.remaining === 1 ? "" : "s"} to get right
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <form onSubmit={check} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <fieldset disabled={feedback !== null}>
          <legend>
            <h2 id="practice-question" ref={headingRef} tabIndex={-1} className="text-xl font-semibold leading-snug">
              {question.stem}
            </h2>
          </legend>
          <div className="mt-5 space-y-2">
            {question.options.map((option) => {
              const checked = chosen.includes(option.key);
              const right = feedback?.correctKeys.includes(option.key);
              return (
                <label
                  key={option.key}
                  className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 ${
                    feedback
                      ? right
                        ? "border-emerald-400 bg-emerald-50"
                        : checked
                          ? "border-red-300 bg-red-50"
                          : "border-slate-200"
                      : checked
                        ? "border-indigo-500 bg-indigo-50"
                        : "border-slate-200 hover:bg-slate-50"
                  }`}
                >
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    name="answer"
                    value={option.key}
                    checked={checked}
                    onChange={(e) =>
                      setChosen((prev) => (multiple ? (e.target.checked ? [...prev, option.key] : prev.filter((k) => k !== option.key)) : [option.key]))
                    }
                    className="mt-1 size-4 accent-indigo-600"
                  />
                  <span>
                    {option.text}
                    {feedback && right ? <span className="ml-2 text-xs font-medium text-emerald-800">Correct answer</span> : null}
                  </span>
                </label>
              );
            })}
          </div>
        </fieldset>
        {feedback ? (
          <div role="status" className="mt-5 space-y-3">
            <p className={`font-semibold ${feedback.isCorrect ? "text-emerald-800" : "text-red-800"}`}>
              {feedback.isCorrect ? "Right." : "Not quite: this one will come back after a few others."}
            </p>
            {feedback.explanation ? (
              <p className="text-sm leading-6 text-slate-700">
                {feedback.explanation}{" "}
                {feedback.sectionKey ? (
                  <Link href={`/lectures/${view.lectureSlug}#${feedback.sectionKey}`} className="font-medium text-indigo-700 underline">
                    Read the notes
                  </Link>
                ) : null}
              </p>
            ) : null}
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
