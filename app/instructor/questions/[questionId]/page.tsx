import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { QuestionEditor } from "@/components/instructor/question-editor/question-editor";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getQuestionEditor } from "@/lib/question-editor/data";
import { parseBackPath, questionId as questionIdSchema } from "@/lib/question-editor/schemas";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Edit question" };

export default async function QuestionEditorPage({ params, searchParams }: { params: Promise<{ questionId: string }>; searchParams: Promise<SearchParams> }) {
  const { questionId } = await params;
  const back = parseBackPath((await searchParams).back);
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/questions/${encodeURIComponent(questionId)}` });
  if (!questionIdSchema.safeParse(questionId).success) notFound();
  const editor = await getQuestionEditor(viewer, questionId);
  if (!editor) notFound();
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/instructor", label: "Instructor" },
          { href: "/instructor/questions", label: "Questions" },
        ]}
        current={editor.key}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Edit question {editor.key}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {editor.lecture ? `${editor.lecture.title} · ` : ""}version {editor.version} ·{" "}
            {editor.slots.length === 0 ? "in no quiz" : `in ${editor.slots.map((s) => `${s.quizTitle} (question ${s.position + 1})`).join(", ")}`}. Saving makes
            a new version; past attempts keep the one they saw.
          </p>
        </div>
        <div className="flex gap-3 text-sm">
          <Link href={`/instructor/questions/${editor.id}/history`} className="font-medium text-indigo-700 underline underline-offset-2">
            History
          </Link>
          <Link href={back} className="font-medium text-indigo-700 underline underline-offset-2">
            Back
          </Link>
        </div>
      </div>
      <QuestionEditor id={editor.id} version={editor.version} draft={editor.draft} topics={editor.topics} sections={editor.sections} stale={editor.stale} />
    </div>
  );
}
