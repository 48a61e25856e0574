"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent, type MouseEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SaveStatus, type SaveStatusState } from "@/components/ui/save-status";
import { formatDuration } from "@/lib/quiz/format";
import { RichText } from "@/components/ui/rich-text";
import type { SafeHtml } from "@/lib/bank/rich-text/render";
import type { QuestionDisplay } from "@/lib/quiz/question-display";
import { isAnswered, sameAnswer, type Answer } from "./answer-sync";
import { AttemptReview } from "./attempt-review";
import { QuestionInput } from "./question-input";
import { QuestionNav } from "./question-nav";
import { useAnswerSync } from "./use-answer-sync";
import { useSubmission } from "./use-submission";

interface Question {
  position: number;
  type: string;
  stem: SafeHtml;
  display: QuestionDisplay;
  chosen: string[];
  text: string | null;
  flagged: boolean;
  revision: number;
}

interface Props {
  attempt: { id: string; attemptNumber: number; quizTitle: string; lectureSlug: string; deadlineAt: string | null; questions: Question[] };
}

const replaceAt = <T,>(list: T[], index: number, value: T) => list.map((item, i) => (i === index ? value : item));

export function QuizRunner({ attempt }: Props) {
  const router = useRouter();
  const { questions } = attempt;
  const [answers, setAnswers] = useState<Answer[]>(() => questions.map((q) => ({ chosen: q.chosen, text: q.text, flagged: q.flagged })));
  // What each question held when last handed to the saver: the question on screen differs while it is being edited.
  const [handedOver, setHandedOver] = useState<Answer[]>(answers);
  const firstUnanswered = questions.findIndex((q) => !isAnswered(q));
  const [index, setIndex] = useState(firstUnanswered === -1 ? 0 : firstUnanswered);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const shownAt = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const question = questions[index]!;
  const answer = answers[index]!;

  const saves = useAnswerSync(attempt.id, attempt.lectureSlug, questions, {
    onStale: (i, stored) => {
      setAnswers((previous) => replaceAt(previous, i, stored));
      setHandedOver((previous) => replaceAt(previous, i, stored));
      setNotice(`Question ${i + 1}: this answer was changed on another device; showing the latest.`);
    },
    // Submitted elsewhere, or time is up (the server answered ATTEMPT_CLOSED): the server shows the
    // results, or the time-up step, instead of this page.
    onClosed: (message) => {
      setError(message);
      router.refresh();
    },
    onRestored: (restored) => {
      if (restored.length === 0) return;
      const apply = (previous: Answer[]) => restored.reduce((list, { index: i, answer: kept }) => replaceAt(list, i, kept), previous);
      setAnswers(apply);
      setHandedOver(apply);
      setNotice(`${restored.length === 1 ? "1 answer" : `${restored.length} answers`} kept on this device ${restored.length === 1 ? "is" : "are"} being sent.`);
    },
  });
  const submission = useSubmission(attempt.id, saves.flush);

  useEffect(() => {
    shownAt.current = Date.now();
    headingRef.current?.focus();
  }, [index, reviewing]);

  const remaining = useCountdown(attempt.deadlineAt);
  useEffect(() => {
    if (remaining === 0) router.refresh(); // the page then shows the time-up step, which submits the attempt
  }, [remaining, router]);

  const unanswered = useMemo(() => questions.filter((_, i) => !isAnswered(answers[i]!)).map((q) => q.position + 1), [answers, questions]);

  /** Hands the question on screen to the saver (it decides whether there is anything to send). */
  function leaveQuestion() {
    if (reviewing) return;
    saves.enqueue(index, answer, Math.max(0, Date.now() - shownAt.current));
    setHandedOver((previous) => replaceAt(previous, index, answer));
  }

  // Moving on never waits for the server: saves go out in order behind the scenes, retried through an outage.
  function go(next: number | "review") {
    leaveQuestion();
    setNotice(null);
    if (next === "review") setReviewing(true);
    else {
      setReviewing(false);
      setIndex(next);
    }
  }

  function onSubmitQuestion(event: FormEvent) {
    event.preventDefault();
    go(index + 1 < questions.length ? index + 1 : "review");
  }

  function submit() {
    startTransition(async () => {
      setError(null);
      if (!(await submission.submit())) setError("Some answers are not saved yet, so the attempt was not submitted. Retry saving them, then submit.");
    });
  }

  // Leaving for now first stores the answer on screen; if it cannot be stored, the page stays and says so.
  function leaveForNow(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    const href = event.currentTarget.href;
    leaveQuestion();
    startTransition(async () => {
      if ((await saves.flush()) === "stored") router.push(href);
    });
  }

  // "Saved" speaks for what the server acknowledged, never for a choice on screen it has not been sent.
  const editing = !reviewing && !sameAnswer(answer, handedOver[index]!);
  const status: SaveStatusState = submission.status ?? (editing && saves.status.kind === "saved" ? { kind: "idle" } : saves.status);
  const retry = submission.status?.kind === "failed" ? submit : saves.retryFailed;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>
            {attempt.quizTitle} · attempt {attempt.attemptNumber}
          </span>
          {remaining !== null ? (
            <span
              role="timer"
              aria-live="off"
              className={`rounded-full px-3 py-1 font-medium ${remaining < 60 ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-800"}`}
            >
              Time left {formatDuration(remaining)}
            </span>
          ) : null}
          {/* Beside the title, so that on a phone the question starts higher. */}
          <SaveStatus status={status} onRetry={retry} />
        </div>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {notice ? <Alert tone="info">{notice}</Alert> : null}

        {reviewing ? (
          <AttemptReview
            headingRef={headingRef}
            unanswered={unanswered}
            flagged={questions.filter((_, i) => answers[i]!.flagged).map((q) => q.position + 1)}
            pending={pending}
            onBack={() => setReviewing(false)}
            onSubmit={submit}
          />
        ) : (
          <form onSubmit={onSubmitQuestion} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <fieldset>
              <legend className="w-full">
                <span className="text-sm font-medium text-indigo-700">
                  Question {index + 1} of {questions.length}
                  {question.type === "MULTIPLE_CHOICE" ? " · choose all that apply" : ""}
                </span>
                {question.display.kind === "cloze" ? (
                  <h2 ref={headingRef} tabIndex={-1} className="mt-1 text-xl font-semibold leading-snug text-slate-900">
                    Fill in the gaps.
                  </h2>
                ) : (
                  <RichText as="h2" ref={headingRef} tabIndex={-1} html={question.stem} className="mt-1 text-xl font-semibold leading-snug text-slate-900" />
                )}
              </legend>
              <div className="mt-5">
                <QuestionInput
                  key={question.position}
                  display={question.display}
                  answer={answer}
                  idPrefix={`q${question.position}`}
                  onChange={(next) => setAnswers((previous) => replaceAt(previous, index, { ...answer, ...next }))}
                />
              </div>
            </fieldset>
            <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
              <div className="flex gap-2">
                <Button type="button" variant="secondary" disabled={index === 0} onClick={() => go(index - 1)}>
                  Previous
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  aria-pressed={answer.flagged}
                  onClick={() => setAnswers((previous) => replaceAt(previous, index, { ...answer, flagged: !answer.flagged }))}
                >
                  {answer.flagged ? "Flagged" : "Flag for review"}
                </Button>
              </div>
              <Button type="submit">{index + 1 < questions.length ? "Save and next" : "Save and review"}</Button>
            </div>
          </form>
        )}
        <Link href={`/lectures/${attempt.lectureSlug}/quiz`} onClick={leaveForNow} className="inline-block text-sm text-slate-600 hover:underline">
          Leave for now (your saved answers are kept)
        </Link>
      </div>

      <QuestionNav answers={answers} current={reviewing ? null : index} pending={pending} onGo={go} />
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
