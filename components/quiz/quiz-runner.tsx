"use client";

import { Alert } from "@/components/ui/alert";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { saveAnswerAction, submitAttemptAction } from "@/lib/quiz/actions";
import { formatDuration } from "@/lib/quiz/format";

interface Question {
  position: number;
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  chosen: string[];
  flagged: boolean;
}

interface Props {
  attempt: { id: string; attemptNumber: number; quizTitle: string; lectureSlug: string; deadlineAt: string | null; questions: Question[] };
}

type Answer = { chosen: string[]; flagged: boolean };

const newKey = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export function QuizRunner({ attempt }: Props) {
  const router = useRouter();
  const { questions } = attempt;
  const [answers, setAnswers] = useState<Answer[]>(() => questions.map((q) => ({ chosen: q.chosen, flagged: q.flagged })));
  const [saved, setSaved] = useState<Answer[]>(answers);
  const firstUnanswered = questions.findIndex((q) => q.chosen.length === 0);
  const [index, setIndex] = useState(firstUnanswered === -1 ? 0 : firstUnanswered);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const shownAt = useRef(0);
  // One key for this page's submission: a retry after a lost response is the same submission.
  const submissionKey = useRef(newKey());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const question = questions[index]!;
  const answer = answers[index]!;

  useEffect(() => {
    shownAt.current = Date.now();
    headingRef.current?.focus();
  }, [index, reviewing]);

  const remaining = useCountdown(attempt.deadlineAt);
  useEffect(() => {
    if (remaining === 0) router.refresh(); // the server submits an attempt whose time is up
  }, [remaining, router]);

  const unanswered = useMemo(() => questions.filter((_, i) => answers[i]!.chosen.length === 0).map((q) => q.position + 1), [answers, questions]);

  function handleFailure(message: string) {
    setError(message);
    if (/submitted|Time is up/.test(message)) router.refresh();
  }

  async function save(i: number): Promise<boolean> {
    const current = answers[i]!;
    const last = saved[i]!;
    const spent = Math.max(0, Date.now() - shownAt.current);
    shownAt.current = Date.now();
    if (current.flagged === last.flagged && current.chosen.join() === last.chosen.join() && spent < 1000) return true;
    try {
      const result = await saveAnswerAction(null, {
        attemptId: attempt.id,
        position: questions[i]!.position,
        chosen: current.chosen,
        flagged: current.flagged,
        timeSpentMs: spent,
        idempotencyKey: newKey(),
        seq: Date.now(),
      });
      if (!result.ok) {
        handleFailure(result.message);
        return false;
      }
      setSaved((previous) => previous.map((a, j) => (j === i ? current : a)));
      setError(null);
      setStatus(`Answer to question ${i + 1} saved.`);
      return true;
    } catch {
      handleFailure(NETWORK_ERROR_MESSAGE);
      return false;
    }
  }

  function go(next: number | "review") {
    startTransition(async () => {
      if (!(await save(index))) return;
      if (next === "review") setReviewing(true);
      else {
        setReviewing(false);
        setIndex(next);
      }
    });
  }

  function onSubmitQuestion(event: FormEvent) {
    event.preventDefault();
    go(index + 1 < questions.length ? index + 1 : "review");
  }

  function choose(key: string, checked: boolean) {
    setAnswers((previous) =>
      previous.map((a, i) => {
        if (i !== index) return a;
        if (question.type !== "MULTIPLE_CHOICE") return { ...a, chosen: [key] };
        const chosen = checked ? [...new Set([...a.chosen, key])] : a.chosen.filter((k) => k !== key);
        return { ...a, chosen: question.options.map((o) => o.key).filter((k) => chosen.includes(k)) };
      }),
    );
  }

  function submit() {
    startTransition(async () => {
      try {
        const result = await submitAttemptAction(null, { attemptId: attempt.id, idempotencyKey: submissionKey.current });
        if (!result.ok) handleFailure(result.message);
        else router.push(result.data.resultsUrl);
      } catch {
        handleFailure(NETWORK_ERROR_MESSAGE);
      }
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>
            {attempt.quizTitle} · attempt {attempt.attemptNumber}
          </span>
          {remaining !== null ? (
            <span role="timer" aria-live="off" className={`rounded-full px-3 py-1 font-medium ${remaining < 60 ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-800"}`}>
              Time left {formatDuration(remaining)}
            </span>
          ) : null}
        </div>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <p aria-live="polite" className="sr-only">
          {status}
        </p>

        {reviewing ? (
          <section aria-labelledby="review-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <h2 id="review-title" ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight">
              Review your answers
            </h2>
            {unanswered.length > 0 ? (
              <p className="mt-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="unanswered-warning">
                {unanswered.length === 1 ? "1 question is" : `${unanswered.length} questions are`} not answered: {unanswered.join(", ")}. Unanswered questions score zero.
              </p>
            ) : (
              <p className="mt-3 text-sm text-emerald-800">Every question has an answer.</p>
            )}
            {answers.some((a) => a.flagged) ? (
              <p className="mt-2 text-sm text-slate-700">Flagged for review: {questions.filter((_, i) => answers[i]!.flagged).map((q) => q.position + 1).join(", ")}.</p>
            ) : null}
            <p className="mt-4 text-sm text-slate-600">Once submitted, the attempt is final: you will see your score, the right answers and explanations.</p>
            <div className="mt-6 flex flex-wrap gap-3">
              <Button type="button" variant="secondary" onClick={() => setReviewing(false)} disabled={pending}>
                Back to the questions
              </Button>
              <Button type="button" onClick={submit} pending={pending}>
                Submit attempt
              </Button>
            </div>
          </section>
        ) : (
          <form onSubmit={onSubmitQuestion} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <fieldset>
              <legend className="w-full">
                <span className="text-sm font-medium text-indigo-700">
                  Question {index + 1} of {questions.length}
                  {question.type === "MULTIPLE_CHOICE" ? " · choose all that apply" : ""}
                </span>
                <h2 ref={headingRef} tabIndex={-1} className="mt-1 text-xl font-semibold leading-snug text-slate-900">
                  {question.stem}
                </h2>
              </legend>
              <div className="mt-5 space-y-2">
                {question.options.map((option) => {
                  const id = `q${question.position}-${option.key}`;
                  const checked = answer.chosen.includes(option.key);
                  return (
                    <label
                      key={option.key}
                      htmlFor={id}
                      className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-slate-800 transition-colors ${checked ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"}`}
                    >
                      <input
                        id={id}
                        type={question.type === "MULTIPLE_CHOICE" ? "checkbox" : "radio"}
                        name={`q${question.position}`}
                        value={option.key}
                        checked={checked}
                        onChange={(event) => choose(option.key, event.target.checked)}
                        className="mt-1 size-4 accent-indigo-600"
                      />
                      <span>{option.text}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
              <div className="flex gap-2">
                <Button type="button" variant="secondary" disabled={index === 0 || pending} onClick={() => go(index - 1)}>
                  Previous
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  aria-pressed={answer.flagged}
                  onClick={() => setAnswers((previous) => previous.map((a, i) => (i === index ? { ...a, flagged: !a.flagged } : a)))}
                >
                  {answer.flagged ? "Flagged" : "Flag for review"}
                </Button>
              </div>
              <Button type="submit" pending={pending}>
                {index + 1 < questions.length ? "Save and next" : "Save and review"}
              </Button>
            </div>
          </form>
        )}
        <Link href={`/lectures/${attempt.lectureSlug}/quiz`} className="inline-block text-sm text-slate-600 hover:underline">
          Leave for now (your saved answers are kept)
        </Link>
      </div>

      <nav aria-label="Questions" className="h-fit rounded-2xl border border-slate-200 bg-white p-4 lg:sticky lg:top-6">
        <h2 className="text-sm font-semibold text-slate-800">Questions</h2>
        <p className="mt-1 text-xs text-slate-600" data-testid="answered-count">
          {questions.length - unanswered.length} of {questions.length} answered
        </p>
        <ol className="mt-3 grid grid-cols-6 gap-1.5 lg:grid-cols-5">
          {questions.map((q, i) => {
            const a = answers[i]!;
            const done = a.chosen.length > 0;
            const label = `Question ${i + 1}, ${done ? "answered" : "not answered"}${a.flagged ? ", flagged" : ""}`;
            return (
              <li key={q.position}>
                <button
                  type="button"
                  aria-label={label}
                  aria-current={!reviewing && i === index ? "step" : undefined}
                  onClick={() => go(i)}
                  className={`relative grid h-9 w-full place-items-center rounded-md border text-sm font-medium ${
                    !reviewing && i === index ? "ring-2 ring-indigo-600 ring-offset-1" : ""
                  } ${done ? "border-indigo-200 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700"}`}
                >
                  {i + 1}
                  {a.flagged ? <span aria-hidden="true" className="absolute -right-1 -top-1 size-2.5 rounded-full bg-amber-500" /> : null}
                </button>
              </li>
            );
          })}
        </ol>
        <Button type="button" variant="secondary" className="mt-4 w-full" onClick={() => go("review")} disabled={pending}>
          Review and submit
        </Button>
      </nav>
    </div>
  );
}

function useCountdown(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);
  if (!deadline) return null;
  return Math.max(0, Math.floor((new Date(deadline).getTime() - now) / 1000));
}
