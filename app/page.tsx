import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CourseHome } from "@/components/course/course-home";
import { getViewer } from "@/lib/auth/viewer";
import { getCourseHome, getPublicLectureList } from "@/lib/course/data";

export default async function HomePage() {
  const viewer = await getViewer();
  if (!viewer) return <Welcome lectures={await getPublicLectureList()} />;
  const { courses, progress } = await getCourseHome(viewer);
  return <CourseHome user={viewer} courses={courses} progress={progress} />;
}

function Welcome({ lectures }: { lectures: Awaited<ReturnType<typeof getPublicLectureList>> }) {
  return (
    <section className="mx-auto max-w-3xl py-12 text-center">
      <p className="text-sm font-medium uppercase tracking-wide text-indigo-700">Online course</p>
      <h1 className="mt-2 text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl">AI/ML Systems Fundamentals</h1>
      <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-600">
        Study notes, a podcast episode for every lecture, quizzes that explain every answer, and flashcards that come back just before you would forget them.
      </p>
      <div className="mt-8 flex justify-center gap-3">
        <Link href="/sign-up" className={buttonClasses("primary", "px-6 py-3 text-base")}>
          Create a free account
        </Link>
        <Link href="/sign-in" className={buttonClasses("secondary", "px-6 py-3 text-base")}>
          Sign in
        </Link>
      </div>
      <ul className="mx-auto mt-12 grid max-w-3xl gap-4 text-left sm:grid-cols-3">
        {[
          ["Read", "Notes in short sections, with your place remembered."],
          ["Practise", "Quizzes with explanations that point back to the notes."],
          ["Remember", "Spaced-repetition flashcards and your mistakes, scheduled for you."],
        ].map(([title, text]) => (
          <li key={title} className="rounded-xl border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-slate-600">{text}</p>
          </li>
        ))}
      </ul>
      {lectures.length > 0 ? (
        <div className="mx-auto mt-12 max-w-3xl text-left">
          <h2 className="text-lg font-semibold">Lectures</h2>
          <ol className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {lectures.map((lecture) => (
              <li key={lecture.number} className="p-5">
                <p className="text-xs font-medium uppercase tracking-wide text-indigo-700">Lecture {lecture.number}</p>
                <h3 className="mt-1 font-semibold">{lecture.title}</h3>
                {lecture.summary ? <p className="mt-1 text-sm text-slate-600">{lecture.summary}</p> : null}
                <p className="mt-2 text-xs text-slate-500">{lecture._count.sections} sections of notes</p>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
