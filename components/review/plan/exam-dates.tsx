"use client";

import { useActionState } from "react";
import { ActionButtonForm } from "@/components/ui/action-button-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { resilient } from "@/components/ui/resilient-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { addExamDateAction, removeExamDateAction } from "@/lib/review/exams/actions";
import type { ExamDateView } from "@/lib/review/exams/data";

type Action = (p: ActionResult<unknown> | null, f: FormData) => Promise<ActionResult<unknown>>;

/** The exam dates the viewer sees, with a form to add one (a student's own, or the class's for staff). */
export function ExamDates({
  dates,
  lectures,
  today,
  classWide,
  quizzes = [],
}: {
  dates: ExamDateView[];
  lectures: { id: string; title: string }[];
  today: string;
  classWide: boolean;
  /** Staff may tie a class exam to a quiz of its lecture. */
  quizzes?: { id: string; title: string; lectureId: string }[];
}) {
  const [result, formAction, pending] = useActionState(resilient(addExamDateAction as Action), null);
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <div className="space-y-4">
      {dates.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-exam-dates">
          No exam dates yet. Add one and your reviews are planned so that what you have learned is still remembered on the day.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="exam-dates">
          {dates.map((exam) => (
            <li key={exam.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <p className="font-medium">
                  {exam.title}{" "}
                  <span className="text-slate-600">
                    · {new Date(`${exam.date}T00:00:00Z`).toLocaleDateString("en-GB", { dateStyle: "long", timeZone: "UTC" })}
                  </span>
                </p>
                <p className="text-sm text-slate-600">
                  {exam.lectureTitle}
                  {exam.quizTitle ? ` · ${exam.quizTitle}` : ""} · {exam.own ? "your own date" : "set for the class"}
                </p>
              </div>
              {exam.own || classWide ? (
                <ActionButtonForm action={removeExamDateAction} fields={{ examDateId: exam.id }} label="Remove" variant="secondary" />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <form action={formAction} className="grid gap-3 sm:grid-cols-2 sm:items-end lg:grid-cols-4" data-testid="exam-date-form">
        <div className="space-y-1">
          <label htmlFor="exam-lecture" className="block text-sm font-medium text-slate-800">
            Lecture
          </label>
          <select id="exam-lecture" name="lectureId" className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
            {lectures.map((lecture) => (
              <option key={lecture.id} value={lecture.id}>
                {lecture.title}
              </option>
            ))}
          </select>
        </div>
        {quizzes.length > 0 ? (
          <div className="space-y-1">
            <label htmlFor="exam-quiz" className="block text-sm font-medium text-slate-800">
              Quiz (optional)
            </label>
            <select id="exam-quiz" name="quizId" className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">No quiz</option>
              {quizzes.map((quiz) => (
                <option key={quiz.id} value={quiz.id}>
                  {quiz.title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Field label="Exam" name="title" placeholder={classWide ? "Midterm" : "My mock exam"} required maxLength={120} errors={errors?.title} />
        <Field label="Date" name="date" type="date" min={today} required errors={errors?.date} />
        <Button type="submit" pending={pending}>
          {classWide ? "Add for the class" : "Add exam date"}
        </Button>
      </form>
      <p aria-live="polite" className="text-sm">
        {result?.ok ? <span className="text-emerald-700">Exam date added: your reviews are being planned for it.</span> : null}
        {result && !result.ok && !result.fieldErrors ? <span className="text-red-700">{result.message}</span> : null}
      </p>
    </div>
  );
}
