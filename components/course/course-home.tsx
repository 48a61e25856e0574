import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { Viewer } from "@/lib/auth/viewer";
import type { CourseHomeView } from "@/lib/course/data";
import type { MyProgress } from "@/lib/progress/data";
import { NextStepCard } from "@/components/progress/next-step-card";

export function CourseHome({ user, courses, progress }: { user: Viewer; courses: CourseHomeView[]; progress: MyProgress }) {
  const byLecture = new Map(progress.lectures.map((l) => [l.id, l]));
  const firstName = user.name.split(" ")[0] ?? user.name;
  const empty = courses.length === 0 || courses.every((course) => course.lectures.length === 0);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 text-slate-600">
          Your lectures and your progress on each.{" "}
          <Link href="/progress" className="font-medium text-indigo-700 underline underline-offset-2">
            See all your progress
          </Link>
        </p>
      </div>
      {empty ? null : <NextStepCard step={progress.nextStep} compact />}
      {empty ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-semibold">No lectures yet</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Lectures appear here as soon as they are published. Content is loaded from the course&apos;s
            <code className="mx-1 rounded bg-slate-100 px-1">content/</code>folder when the app starts.
          </p>
        </div>
      ) : (
        courses.map((course) => (
          <section key={course.id} aria-labelledby={`course-${course.id}`} className="space-y-4">
            <div>
              <h2 id={`course-${course.id}`} className="text-xl font-semibold">
                {course.title}
              </h2>
              {course.description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{course.description}</p> : null}
            </div>
            <ol className="grid gap-4 md:grid-cols-2">
              {course.lectures.map((lecture) => (
                <li key={lecture.id}>
                  <Link
                    href={`/lectures/${lecture.slug}`}
                    className="group block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow"
                    data-testid={`lecture-card-${lecture.slug}`}
                  >
                    <p className="text-xs font-medium uppercase tracking-wide text-indigo-700">Lecture {lecture.number}</p>
                    <h3 className="mt-1 font-semibold text-slate-900 group-hover:text-indigo-800">{lecture.title}</h3>
                    {lecture.summary ? <p className="mt-2 text-sm text-slate-600">{lecture.summary}</p> : null}
                    <div className="mt-4 space-y-1">
                      <p className="flex justify-between text-xs text-slate-600">
                        <span>Notes</span>
                        <span data-testid="notes-progress">
                          {lecture.sectionsRead} of {lecture.sectionCount} sections read
                        </span>
                      </p>
                      <ProgressBar value={lecture.sectionsRead} total={lecture.sectionCount} label={`Notes read in lecture ${lecture.number}`} />
                    </div>
                    {lecture.podcast ? (
                      <p className="mt-3 flex justify-between text-xs text-slate-600">
                        <span>Podcast</span>
                        <span data-testid="podcast-progress">
                          {lecture.podcast.percentHeard === null ? "transcript only" : `${lecture.podcast.percentHeard}% heard`}
                        </span>
                      </p>
                    ) : null}
                    <LectureBrief progress={byLecture.get(lecture.id)} flashcardCount={lecture.flashcardCount} />
                  </Link>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}

function LectureBrief({ progress, flashcardCount }: { progress: MyProgress["lectures"][number] | undefined; flashcardCount: number }) {
  if (!progress) return <p className="mt-3 text-xs text-slate-600">{flashcardCount} flashcards</p>;
  const quiz = progress.quiz;
  return (
    <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-slate-600">
      {quiz ? (
        <div className="flex justify-between">
          <dt>Quiz best</dt>
          <dd data-testid="quiz-best">{quiz.bestPercent === null ? "not taken" : `${quiz.bestPercent}%`}</dd>
        </div>
      ) : null}
      <div className="flex justify-between">
        <dt>Cards due</dt>
        <dd data-testid="cards-due">{progress.flashcards.dueToday + progress.mistakes.dueToday + progress.own.dueToday}</dd>
      </div>
      <div className="flex justify-between">
        <dt>Cards learned</dt>
        <dd data-testid="cards-learned">
          {progress.flashcards.learned} / {progress.flashcards.total}
        </dd>
      </div>
    </dl>
  );
}
