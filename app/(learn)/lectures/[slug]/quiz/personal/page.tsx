import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PersonalPracticeForm } from "@/components/practice/personal-practice-form";
import { OpenPersonalPractice, RecentPersonalPractice } from "@/components/practice/personal-practice-sessions";
import { buttonClasses } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/viewer";
import { lectureSlug } from "@/lib/lectures/schemas";
import { getPersonalPracticeOptions } from "@/lib/practice/personal/data";
import { personalPracticePath } from "@/lib/practice/personal/options";

export const metadata: Metadata = { title: "Personal practice quiz" };

export default async function PersonalPracticePage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = lectureSlug.safeParse((await params).slug);
  if (!slug.success) notFound();
  const viewer = await requireViewer({ returnTo: personalPracticePath(slug.data) });
  const options = await getPersonalPracticeOptions(viewer, slug.data);
  if (!options) notFound();
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="personal-practice-title" className="space-y-6 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div>
          <h2 id="personal-practice-title" className="text-2xl font-semibold tracking-tight">
            Personal practice quiz
          </h2>
          <p className="mt-2 max-w-2xl text-slate-600">
            Questions from the lecture&apos;s bank, picked for you: from the topics you choose (or your weakest), at the difficulty you ask for, leaving out
            those you saw lately. Each question is asked once. Practice is never graded and never counts in the class statistics; what you get wrong joins your
            mistakes deck.
          </p>
        </div>
        {options.totalQuestions === 0 ? (
          <div className="space-y-3" data-testid="personal-practice-empty">
            <p className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700">
              {options.heldForQuizzes > 0
                ? "Submit an attempt at the quiz first: practice shows the answer after each question, so a quiz's questions can be practised once you have answered them for a grade."
                : "This lecture has no practice questions yet."}
            </p>
            <Link href={`/lectures/${slug.data}/quiz`} className={buttonClasses("secondary")}>
              {options.heldForQuizzes > 0 ? "Go to the quiz" : "Back to the quiz"}
            </Link>
          </div>
        ) : (
          <>
            {options.open ? <OpenPersonalPractice lectureSlug={slug.data} session={options.open} /> : null}
            <PersonalPracticeForm lectureSlug={slug.data} topics={options.topics} weakTopics={options.weakTopics} hasOpenSession={options.open !== null} />
          </>
        )}
      </section>
      <RecentPersonalPractice sessions={options.recent} />
    </div>
  );
}
