import type { Metadata } from "next";
import Link from "next/link";
import { getInstructorQuizzes } from "@/lib/analytics/data";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requireRole(STAFF_ROLES, "/instructor");
  const quizzes = await getInstructorQuizzes(user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Instructor</h1>
        <p className="mt-1 text-slate-600">
          Question difficulty for each quiz, live as students submit. <Link href="/instructor/progress" className="font-medium text-indigo-700 underline underline-offset-2">Class progress</Link>
        </p>
      </div>
      {quizzes.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No quizzes yet: they come with the lectures&apos; content files.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="px-4 pt-3 text-left text-sm text-slate-600">Quizzes, with how many students submitted a first attempt and how many attempts were submitted in all.</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Quiz</th>
                <th scope="col" className="px-4 py-2">Lecture</th>
                <th scope="col" className="px-4 py-2 text-right">Questions</th>
                <th scope="col" className="px-4 py-2 text-right">Students</th>
                <th scope="col" className="px-4 py-2 text-right">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((q) => (
                <tr key={q.id} className="border-t border-slate-100">
                  <th scope="row" className="px-4 py-2 font-medium">
                    <Link href={`/instructor/quizzes/${q.id}`} className="text-indigo-700 hover:underline">
                      {q.title}
                    </Link>
                  </th>
                  <td className="px-4 py-2">
                    {q.lecture.number}. {q.lecture.title}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{q.slots}</td>
                  <td className="px-4 py-2 text-right tabular-nums" data-testid="quiz-students">{q.students}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{q.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
