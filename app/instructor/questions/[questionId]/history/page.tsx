import type { Metadata } from "next";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { VersionDiff } from "@/components/instructor/question-editor/version-diff";
import { buttonClasses } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { getQuestionHistory } from "@/lib/question-editor/data";
import { parseHistoryQuery, questionId as questionIdSchema } from "@/lib/question-editor/schemas";
import { firstSearchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Question history" };

export default async function QuestionHistoryPage({ params, searchParams }: { params: Promise<{ questionId: string }>; searchParams: Promise<SearchParams> }) {
  const { questionId } = await params;
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/questions/${encodeURIComponent(questionId)}/history` });
  if (!questionIdSchema.safeParse(questionId).success) notFound();
  const query = await searchParams;
  const history = await getQuestionHistory(viewer, questionId, parseHistoryQuery(query));
  if (!history) notFound();
  const showSame = firstSearchParam(query.all) === "1";
  const select = "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/instructor", label: "Instructor" },
          { href: "/instructor/questions", label: "Questions" },
          { href: `/instructor/questions/${history.id}`, label: history.key },
        ]}
        current={"History"}
      />
      <h1 className="text-2xl font-semibold tracking-tight">History of {history.key}</h1>
      <Table
        variant="list"
        caption="Every version, newest first: versions never change; each attempt keeps the version it was shown."
        head={
          <>
            <th scope="col" className="px-4 py-2 text-right">
              Version
            </th>
            <th scope="col" className="px-4 py-2">
              Saved (UTC)
            </th>
            <th scope="col" className="px-4 py-2">
              By
            </th>
            <th scope="col" className="px-4 py-2">
              From
            </th>
            <th scope="col" className="px-4 py-2">
              Question
            </th>
          </>
        }
      >
        {history.versions.map((v) => (
          <tr key={v.version}>
            <th scope="row" className="px-4 py-2 text-right tabular-nums">
              {v.version}
            </th>
            <td className="px-4 py-2 whitespace-nowrap">{formatUtcMinute(v.createdAt)}</td>
            <td className="px-4 py-2">{v.author ?? <span className="text-slate-500">—</span>}</td>
            <td className="px-4 py-2">{v.origin}</td>
            <td className="px-4 py-2 text-slate-700">{v.title}</td>
          </tr>
        ))}
      </Table>
      <Section id="diff-title" title="Compare two versions">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Versions to compare">
          {(["a", "b"] as const).map((name) => (
            <div key={name} className="space-y-1">
              <label htmlFor={`diff-${name}`} className="block text-sm font-medium text-slate-800">
                {name === "a" ? "Older version" : "Newer version"}
              </label>
              <select id={`diff-${name}`} name={name} defaultValue={String(history[name])} className={select}>
                {history.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <label className="flex items-center gap-2 py-2 text-sm text-slate-800">
            <input type="checkbox" name="all" value="1" defaultChecked={showSame} className="size-4 accent-indigo-600" />
            Show unchanged fields too
          </label>
          <button type="submit" className={buttonClasses("secondary")}>
            Compare
          </button>
        </form>
        {history.versions.length < 2 ? (
          <p className="text-sm text-slate-600">This question has one version so far: nothing to compare.</p>
        ) : (
          <VersionDiff a={history.a} b={history.b} rows={history.diff} showSame={showSame} />
        )}
      </Section>
    </div>
  );
}
