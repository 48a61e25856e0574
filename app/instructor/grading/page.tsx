import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { GradeForm } from "@/components/instructor/grading/grade-form";
import { AnswerReviewView } from "@/components/quiz/answer-review-view";
import { RichText } from "@/components/ui/rich-text";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { getGradingQueue } from "@/lib/grading/hand-grading";
import { gradingQuery } from "@/lib/grading/schemas";
import { firstSearchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Hand grading" };

export default async function GradingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/grading" });
  const query = await searchParams;
  const { quiz, response, blind, done } = gradingQuery.parse({
    quiz: firstSearchParam(query.quiz),
    response: firstSearchParam(query.response),
    blind: firstSearchParam(query.blind),
    done: firstSearchParam(query.done),
  });
  const queue = await getGradingQueue(viewer, { quizId: quiz, responseId: response, blind });
  const link = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const values = { quiz, blind: blind ? "1" : undefined, response: queue.item?.responseId, ...changes };
    for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
    return `/instructor/grading${params.size ? `?${params}` : ""}`;
  };
  const item = queue.item;
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current={"Hand grading"} />
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Hand grading</h1>
        <Link href={link({ blind: blind ? undefined : "1" })} className="text-sm text-indigo-700 underline">
          {blind ? "Show students' names" : "Hide students' names (blind marking)"}
        </Link>
      </div>
      <p className="text-sm text-slate-600" data-testid="grading-waiting">
        {queue.waiting === 0 ? "No answers are waiting to be marked." : `${queue.waiting} answer${queue.waiting === 1 ? "" : "s"} waiting to be marked`}
        {quiz ? " in this quiz" : ""}.{" "}
        {queue.quizzes.length > 1 || quiz ? (
          <>
            Show:{" "}
            <Link href={link({ quiz: undefined, response: undefined })} className="underline">
              every quiz
            </Link>
            {queue.quizzes.map((q) => (
              <span key={q.id}>
                {" · "}
                <Link href={link({ quiz: q.id, response: undefined })} className="underline">
                  {q.title} ({q.waiting})
                </Link>
              </span>
            ))}
          </>
        ) : null}
      </p>
      {done && !item ? (
        <p role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
          All caught up: every waiting answer is marked. Students see their marks and your comments on their results.
        </p>
      ) : null}
      {item ? (
        <article aria-labelledby="grading-question" className="space-y-4 rounded-xl border border-slate-200 bg-white p-6">
          <p className="text-sm text-slate-600">
            {item.quiz.title} · question {item.slotPosition + 1} · {item.student ?? "Student hidden"} · attempt {item.attemptNumber} · submitted{" "}
            {formatUtcMinute(item.submittedAt)} UTC
            {item.gradedAt
              ? ` · marked by hand ${formatUtcMinute(item.gradedAt)} UTC`
              : item.awaiting
                ? ""
                : " · marked automatically: a new mark overrides it"}
          </p>
          <h2 id="grading-question" className="text-lg font-semibold">
            <RichText as="span" html={item.rendered.stem} />
          </h2>
          <AnswerReviewView
            review={{ ...item.rendered.review, awaitingGrading: false }}
            generalFeedback={item.rendered.generalFeedback}
            explanation={item.rendered.explanation}
            notesHref={null}
            answerLabel="Student's answer"
          />
          <GradeForm
            key={item.responseId}
            responseId={item.responseId}
            maxMark={item.maxMark}
            mark={item.gradedAt || !item.awaiting ? item.mark : null}
            comment={item.comment}
            quizId={quiz}
            blind={blind}
          />
          {queue.nextId ? (
            <Link href={link({ response: queue.nextId })} className="text-sm text-indigo-700 underline">
              Skip to the next answer
            </Link>
          ) : null}
        </article>
      ) : response ? (
        <p className="text-sm">That answer is not in a submitted attempt{quiz ? " of this quiz" : ""}.</p>
      ) : null}
    </div>
  );
}
