import type { SessionUser } from "@/lib/auth/roles";
import type { getCourseHome } from "@/lib/course/data";

type Courses = Awaited<ReturnType<typeof getCourseHome>>;

export function CourseHome({ user, courses }: { user: SessionUser; courses: Courses }) {
  const firstName = user.name.split(" ")[0] ?? user.name;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 text-slate-600">Your lectures and your progress on each.</p>
      </div>
      {courses.length === 0 || courses.every((course) => course.lectures.length === 0) ? (
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
            <h2 id={`course-${course.id}`} className="text-xl font-semibold">
              {course.title}
            </h2>
            <ol className="grid gap-4 sm:grid-cols-2">
              {course.lectures.map((lecture) => (
                <li key={lecture.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                  <p className="text-xs font-medium uppercase tracking-wide text-indigo-700">Lecture {lecture.number}</p>
                  <h3 className="mt-1 font-semibold">{lecture.title}</h3>
                  {lecture.summary ? <p className="mt-2 text-sm text-slate-600">{lecture.summary}</p> : null}
                  <p className="mt-3 text-xs text-slate-500">{lecture._count.sections} sections</p>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}
