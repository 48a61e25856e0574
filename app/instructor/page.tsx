import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { getInstructorQuizzes } from "@/lib/analytics/quiz-list";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";

export const metadata: Metadata = { title: "Instructor" };

const INSTRUCTOR_LINKS = [
  ["/instructor/progress", "Class progress"],
  ["/instructor/retention", "Measured retention"],
  ["/instructor/schedule", "Course calendar"],
  ["/instructor/questions", "Question bank"],
  ["/instructor/grading", "Hand grading"],
  ["/instructor/generated", "Generated items to review"],
  ["/instructor/audit", "Audit log"],
] as const;

export default async function InstructorPage() {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor" });
  // Attempts whose time ran out are counted before the figures are read.
  await sweepOverdueAttempts(viewer, {});
  const quizzes = await getInstructorQuizzes(viewer);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Instructor</h1>
        <p className="mt-1 text-slate-600">Question difficulty for each quiz, live as students submit; edit a quiz from its row.</p>
        <nav aria-label="Instructor pages" className="mt-3">
          <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
            {INSTRUCTOR_LINKS.map(([href, label]) => (
              <li key={href}>
                <Link href={href} className="font-medium text-indigo-700 underline underline-offset-2">
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {quizzes.length === 0 ? (
        <EmptyState>No quizzes yet: they come with the lectures&apos; content files.</EmptyState>
      ) : (
        <Table
          caption="Quizzes, with how many students submitted a first attempt and how many attempts were submitted in all."
          head={
            <>
              <th scope="col" className="px-4 py-2">
                Quiz
              </th>
              <th scope="col" className="px-4 py-2">
                Lecture
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Questions
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Students
              </th>
              <th scope="col" className="px-4 py-2 text-right">
                Attempts
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Edit</span>
              </th>
            </>
          }
        >
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
              <td className="px-4 py-2 text-right tabular-nums" data-testid="quiz-students">
                {q.students}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{q.attempts}</td>
              <td className="px-4 py-2 text-right">
                <Link href={`/instructor/quizzes/${q.id}/edit`} className="font-medium text-indigo-700 hover:underline">
                  {/* Named by the lecture, not the title: the title link stays the one link the title names. */}
                  Edit quiz<span className="sr-only"> of lecture {q.lecture.number}</span>
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
