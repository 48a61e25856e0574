import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { SessionUser } from "@/lib/auth/roles";
import type { CourseHomeView } from "@/lib/course/data";

export function CourseHome({ user, courses }: { user: SessionUser; courses: CourseHomeView[] }) {
  const firstName = user.name.split(" ")[0] ?? user.name;
  const empty = courses.length === 0 || courses.every((course) => course.lectures.length === 0);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 text-slate-600">Your lectures and your progress on each.</p>
      </div>
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
                        <span data-testid="podcast-progress">{lecture.podcast.percentHeard === null ? "transcript only" : `${lecture.podcast.percentHeard}% heard`}</span>
                      </p>
                    ) : null}
                    <p className="mt-3 text-xs text-slate-500">{lecture.flashcardCount} flashcards</p>
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
