import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnswerReviewView } from "@/components/quiz/answer-review-view";
import { RichText } from "@/components/ui/rich-text";
import { buttonClasses } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getAttemptResult } from "@/lib/quiz/data";
import { formatScore } from "@/lib/quiz/format";
import { attemptPath } from "@/lib/quiz/routes";
import { attemptId as attemptIdSchema } from "@/lib/quiz/schemas";

export const metadata: Metadata = { title: "Quiz results" };

const signedMarks = (x: number) => `${x > 0 ? "+" : ""}${Number(x.toFixed(2))} mark${Math.abs(x) === 1 ? "" : "s"}`;

export default async function ResultsPage({ params }: { params: Promise<{ slug: string; attemptId: string }> }) {
  const raw = await params;
  const slug = lectureSlug.safeParse(raw.slug);
  const id = attemptIdSchema.safeParse(raw.attemptId);
  if (!slug.success || !id.success) notFound();
  const viewer = await requireViewer({ returnTo: `${attemptPath(slug.data, id.data)}/results` });
  const result = await getAttemptResult(viewer, id.data);
  if (!result || result.quiz.lecture.slug !== slug.data) notFound();
  const correct = result.responses.filter((r) => r.isCorrect).length;
  const awaiting = result.responses.filter((r) => r.review.awaitingGrading).length;
  const base = `/lectures/${slug.data}`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="score-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-medium text-indigo-700">
          {result.quiz.title} · attempt {result.attemptNumber}
        </p>
        <h2 id="score-title" className="mt-1 text-3xl font-semibold tracking-tight" data-testid="attempt-score">
          {formatScore(result.score ?? 0, result.maxScore)}
        </h2>
        <p className="mt-2 text-slate-600">
          {correct} of {result.responses.length} questions fully right
          {awaiting ? `; ${awaiting} awaiting grading (the score counts them as 0 until a teacher marks them)` : ""}. Submitted{" "}
          <time dateTime={result.submittedAt?.toISOString()}>{result.submittedAt ? formatUtcMinute(result.submittedAt) : null} UTC</time>.
        </p>
        {result.regrades.map((g) => (
          <p key={g.at.toISOString()} className="mt-2 text-sm text-indigo-900" data-testid="regrade-note">
            Regraded <time dateTime={g.at.toISOString()}>{formatUtcMinute(g.at)} UTC</time> after a question was corrected:{" "}
            {formatScore(g.oldScore, g.oldMaxScore)} → {formatScore(g.newScore, g.maxScore)} ({signedMarks(g.newScore - g.oldScore)}).
          </p>
        ))}
        <div className="mt-5 flex flex-wrap gap-3">
          <Link href={`${base}/quiz`} className={buttonClasses("primary")}>
            Back to the quiz
          </Link>
          {correct < result.responses.length ? (
            <Link href={`${base}/quiz/practice`} className={buttonClasses("secondary")}>
              Practise my mistakes
            </Link>
          ) : null}
        </div>
      </section>

      <ol className="space-y-4" aria-label="Questions and answers">
        {result.responses.map((response, index) => (
          <li key={response.position} className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" data-testid="result-question">
            <div className="flex items-start justify-between gap-4">
              <h3 className="font-semibold text-slate-900">
                <span className="mr-2 text-slate-500">{index + 1}.</span>
                <RichText as="span" html={response.stem} />
              </h3>
              <span
                className={`shrink-0 rounded-full px-2.5 py-1 text-xs font-medium ${
                  response.review.awaitingGrading
                    ? "bg-slate-100 text-slate-800"
                    : response.isCorrect
                      ? "bg-emerald-50 text-emerald-800"
                      : response.mark > 0
                        ? "bg-amber-50 text-amber-900"
                        : "bg-red-50 text-red-800"
                }`}
              >
                {response.review.awaitingGrading
                  ? "Awaiting grading"
                  : `${response.isCorrect ? "Right" : response.mark > 0 ? "Partly right" : "Wrong"} · ${formatScore(response.mark, response.maxMark).split(" (")[0]}`}
              </span>
            </div>
            <AnswerReviewView
              review={response.review}
              generalFeedback={response.generalFeedback}
              explanation={response.explanation}
              notesHref={response.sectionKey ? `${base}#${response.sectionKey}` : null}
            />
            {response.gradedAt ? (
              <div className="mt-3 rounded-lg bg-slate-50 p-3 text-sm" data-testid="teacher-grade">
                <p className="font-medium">Marked by your teacher: {formatScore(response.mark, response.maxMark).split(" (")[0]}</p>
                {response.graderComment ? <p className="mt-1 whitespace-pre-wrap">{response.graderComment}</p> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
