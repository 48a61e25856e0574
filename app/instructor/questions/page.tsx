import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { BankFilters, LectureBank } from "@/components/instructor/question-editor/question-bank";
import { EmptyState } from "@/components/ui/section";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getQuestionBank } from "@/lib/question-editor/data";
import { parseBankQuery } from "@/lib/question-editor/schemas";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Questions" };

export default async function QuestionBankPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/questions" });
  const query = parseBankQuery(await searchParams);
  const bank = await getQuestionBank(viewer, query);
  const filtered = Boolean(query.q || query.type || query.topic);
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current={"Questions"} />
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Questions</h1>
        <p className="mt-1 text-slate-600">Each lecture&apos;s question bank. Editing a question makes a new version; attempts already taken keep theirs.</p>
      </div>
      <BankFilters query={query} topics={bank.topics} />
      {bank.lectures.length === 0 ? (
        <EmptyState>No lectures yet: they come with the course&apos;s content files.</EmptyState>
      ) : (
        bank.lectures.map((lecture) => <LectureBank key={lecture.id} lecture={lecture} filtered={filtered} />)
      )}
    </div>
  );
}
