import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartPracticeButton } from "@/components/quiz/start-practice-button";
import { buttonClasses } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/viewer";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getQuizOverview } from "@/lib/quiz/data";
import { getMissedQuestions } from "@/lib/quiz/practice-data";

export const metadata: Metadata = { title: "Practise my mistakes" };

export default async function PracticeStartPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: `/lectures/${slug.data}/quiz/practice` });
  const overview = await getQuizOverview(viewer, slug.data);
  if (!overview) notFound();
  const missed = await getMissedQuestions(viewer, overview.quiz.id);
  return (
    <section aria-labelledby="practice-title" className="max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h2 id="practice-title" className="text-2xl font-semibold tracking-tight">
        Practise my mistakes
      </h2>
      <p className="mt-2 text-slate-600">
        The questions you missed in your latest attempt, one at a time. A question you get wrong comes back after a few others; the practice ends when you have
        answered each one right. Practice is never graded and never counts in the class statistics.
      </p>
      {missed.length > 0 ? (
        <div className="mt-6">
          <p className="mb-3 text-sm text-slate-700" data-testid="missed-count">
            {missed.length} question{missed.length === 1 ? "" : "s"} to practise.
          </p>
          <StartPracticeButton quizId={overview.quiz.id} label="Start practising" />
        </div>
      ) : (
        <div className="mt-6 space-y-3">
          <p className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700">
            {overview.attempts.some((a) => a.status === "SUBMITTED")
              ? "Nothing to practise: you got every question right in your latest attempt."
              : "Submit an attempt at the quiz first; the questions you miss will be here."}
          </p>
          <Link href={`/lectures/${slug.data}/quiz`} className={buttonClasses("secondary")}>
            Back to the quiz
          </Link>
        </div>
      )}
    </section>
  );
}
