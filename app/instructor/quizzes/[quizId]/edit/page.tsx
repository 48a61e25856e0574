import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { AddSlotForm } from "@/components/instructor/quiz-editor/add-slot-form";
import { SettingsForm } from "@/components/instructor/quiz-editor/settings-form";
import { SlotList } from "@/components/instructor/quiz-editor/slot-list";
import { Section } from "@/components/ui/section";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { getQuizForEditing } from "@/lib/quiz/editor/data";
import { recordId } from "@/lib/quiz/editor/schemas";

export const metadata: Metadata = { title: "Edit quiz" };

export default async function EditQuizPage({ params }: { params: Promise<{ quizId: string }> }) {
  const { quizId } = await params;
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/quizzes/${quizId}/edit` });
  if (!recordId.safeParse(quizId).success) notFound();
  const editing = await getQuizForEditing(viewer, quizId);
  if (!editing) notFound();
  const { quiz, slots, bank } = editing;
  return (
    <div className="space-y-8">
      <div>
        <Breadcrumb
          trail={[
            { href: "/instructor", label: "Instructor" },
            { href: `/instructor/quizzes/${quiz.id}`, label: quiz.title },
          ]}
          current={"Edit"}
        />
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">Edit {quiz.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Lecture {quiz.lecture.number}: {quiz.lecture.title}. Changes apply to attempts started afterwards: an attempt in progress keeps its questions, marks
          and deadline.
          {quiz.editedAt ? <> Last edited here {formatUtcMinute(quiz.editedAt)} UTC.</> : null}{" "}
          <Link href={`/instructor/audit?lecture=${quiz.lecture.id}`} className="font-medium text-indigo-700 underline underline-offset-2">
            Audit log
          </Link>
        </p>
      </div>

      <Section id="settings-title" title="Settings" variant="card" className="space-y-4">
        <SettingsForm
          settings={{
            quizId: quiz.id,
            title: quiz.title,
            attemptsAllowed: quiz.attemptsAllowed,
            gradingPolicy: quiz.gradingPolicy,
            timeLimitMinutes: quiz.timeLimitSeconds === null ? null : quiz.timeLimitSeconds / 60,
            shuffleOptions: quiz.shuffleOptions,
            shuffleSlots: quiz.shuffleSlots,
            opensAt: quiz.opensAt?.toISOString() ?? null,
            closesAt: quiz.closesAt?.toISOString() ?? null,
          }}
        />
      </Section>

      <Section
        id="slots-title"
        title={`Question slots (${slots.length})`}
        description="Each slot is one question of an attempt: a student gets one of its variants. Move, remove (with Undo) or change a slot; edit a question itself from its link."
      >
        <SlotList slots={slots} bank={bank} />
      </Section>

      <Section
        id="add-slot-title"
        title="Add a slot"
        variant="card"
        className="space-y-4"
        description="From this lecture's question bank; it goes at the end of the quiz."
      >
        <AddSlotForm quizId={quiz.id} bank={bank} />
      </Section>
    </div>
  );
}
