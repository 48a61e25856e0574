import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartAttemptButton } from "@/components/quiz/start-attempt-button";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcLong, formatUtcMinute } from "@/lib/dates";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getQuizOverview } from "@/lib/quiz/data";
import { formatScore, POLICY_LABELS } from "@/lib/quiz/format";

export const metadata: Metadata = { title: "Quiz" };

export default async function QuizPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/quiz` });
  const overview = await getQuizOverview(viewer, slug.data);
  if (!overview) notFound();
  const { quiz, slotCount, attempts, inProgress, counting, attemptsLeft, canStart, window: quizWindow } = overview;
  const submitted = attempts.filter((a) => a.status === "SUBMITTED");
  // Closed: submitted, or its time ran out (opening it submits it).
  const closed = attempts.filter((a) => a.state !== "OPEN");
  const base = `/lectures/${slug.data}/quiz`;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="quiz-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h2 id="quiz-title" className="text-2xl font-semibold tracking-tight">
          {quiz.title}
        </h2>
        {quiz.description ? <p className="mt-2 max-w-2xl text-slate-600">{quiz.description}</p> : null}
        <dl className="mt-6 grid gap-4 sm:grid-cols-2">
          <Fact term="Questions" value={String(slotCount)} />
          <Fact
            term="Attempts"
            value={quiz.attemptsAllowed === null ? `${attempts.length} used · unlimited` : `${attempts.length} of ${quiz.attemptsAllowed} used`}
          />
          <Fact term="Grade" value={POLICY_LABELS[quiz.gradingPolicy]} />
          <Fact term="Time limit" value={quiz.timeLimitSeconds ? `${Math.round(quiz.timeLimitSeconds / 60)} minutes` : "None"} />
          {quiz.opensAt ? <Fact term={quizWindow.state === "NOT_YET_OPEN" ? "Opens" : "Opened"} value={formatUtcLong(quiz.opensAt)} /> : null}
          {quiz.closesAt ? <Fact term={quizWindow.state === "CLOSED" ? "Closed" : "Closes"} value={formatUtcLong(quiz.closesAt)} /> : null}
        </dl>
        {quiz.closesAt && quizWindow.state !== "CLOSED" ? (
          <p className="mt-4 text-sm text-slate-600" data-testid="quiz-window">
            An attempt still open when the quiz closes is submitted then, with the answers saved so far.
          </p>
        ) : null}
        <p className="mt-6 text-sm text-slate-600">
          Answers are saved as you go: you can close the page and come back, on this or another device. Options appear in a different order on each attempt.
        </p>
        <div className="mt-6">
          {canStart ? (
            <StartAttemptButton
              quizId={quiz.id}
              label={inProgress ? `Continue attempt ${inProgress.attemptNumber}` : closed.length ? "Retake the quiz" : "Start the quiz"}
            />
          ) : quizWindow.refusal ? (
            <p className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700" data-testid="quiz-window-refusal">
              {quizWindow.refusal}
            </p>
          ) : (
            <p className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700">You have used all {quiz.attemptsAllowed} attempts at this quiz.</p>
          )}
          <div className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm font-medium">
            {submitted.length > 0 ? (
              <Link href={`${base}/practice`} className="text-indigo-700 hover:underline">
                Practise my mistakes
              </Link>
            ) : null}
            <Link href={`${base}/personal`} className="text-indigo-700 hover:underline">
              Personal practice quiz
            </Link>
          </div>
          {attemptsLeft !== null && canStart && !inProgress ? (
            <p className="mt-2 text-sm text-slate-600">
              {attemptsLeft} attempt{attemptsLeft === 1 ? "" : "s"} left.
            </p>
          ) : null}
        </div>
      </section>

      <aside aria-labelledby="history-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="history-title" className="font-semibold">
          Your attempts
        </h2>
        {counting ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="counting-grade">
            Grade: <strong>{formatScore(counting.score, counting.maxScore)}</strong>
          </p>
        ) : null}
        {attempts.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No attempts yet.</p>
        ) : (
          <ol className="mt-3 divide-y divide-slate-100 text-sm" data-testid="attempt-history">
            {attempts.map((attempt) => (
              <li key={attempt.id} className="flex items-center justify-between gap-2 py-2">
                <span>
                  Attempt {attempt.attemptNumber}
                  <span className="block text-xs text-slate-500">
                    <time dateTime={(attempt.submittedAt ?? attempt.startedAt).toISOString()}>
                      {formatUtcMinute(attempt.submittedAt ?? attempt.startedAt)} UTC
                    </time>
                  </span>
                </span>
                {attempt.state === "SUBMITTED" || attempt.state === "TIMED_OUT" ? (
                  <Link href={`${base}/attempts/${attempt.id}/results`} className="font-medium text-indigo-700 hover:underline">
                    {formatScore(attempt.score ?? 0, attempt.maxScore)}
                  </Link>
                ) : attempt.state === "OVERDUE" ? (
                  <Link href={`${base}/attempts/${attempt.id}`} className="font-medium text-amber-700 hover:underline">
                    Time up · see your score
                  </Link>
                ) : (
                  <Link href={`${base}/attempts/${attempt.id}`} className="font-medium text-amber-700 hover:underline">
                    In progress
                  </Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </aside>
    </div>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="mt-1 font-medium text-slate-900">{value}</dd>
    </div>
  );
}
