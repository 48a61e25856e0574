import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { ResponseAnalysisTable } from "@/components/instructor/response-analysis";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { parseView, recordId, viewQuery } from "@/lib/analytics/schemas";
import { getSlotStatistics, SLOT_PAGE_SIZE } from "@/lib/analytics/slot";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { getSlotQuestionIds } from "@/lib/question-editor/data";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";
import { firstSearchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Question statistics" };

const QUINTILES = ["Lowest fifth", "2nd", "3rd", "4th", "Highest fifth"];

export default async function SlotStatisticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ quizId: string; slotId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { quizId, slotId } = await params;
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/quizzes/${quizId}/slots/${slotId}` });
  if (!recordId.safeParse(quizId).success || !recordId.safeParse(slotId).success) notFound();
  const query = await searchParams;
  const view = parseView(query);
  const page = Math.max(0, Number(firstSearchParam(query.page)) || 0);
  // Attempts whose time ran out are counted before the figures are read.
  await sweepOverdueAttempts(viewer, { quizId });
  const [statistics, questionIds] = await Promise.all([getSlotStatistics(viewer, quizId, slotId, view, page), getSlotQuestionIds(viewer, quizId, slotId)]);
  if (!statistics) notFound();
  const { quiz, slot, detail } = statistics;
  const back = `/instructor/quizzes/${quizId}${viewQuery(view)}`;
  // The question editor's link for a variant (a version of a question), coming back to this page.
  const here = `/instructor/quizzes/${quizId}/slots/${slotId}${viewQuery(view)}`;
  const editHref = (versionId: string) => {
    const questionId = questionIds[versionId];
    return questionId ? `/instructor/questions/${questionId}?back=${encodeURIComponent(here)}` : null;
  };
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/instructor", label: "Instructor" },
          { href: back, label: quiz.title },
        ]}
        current={<>Question {slot.position + 1}</>}
      />
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{slot.title}</h1>
        <Link href={`/instructor/quizzes/${quizId}/slots/${slotId}/regrade`} className="text-sm font-medium text-indigo-700 underline underline-offset-2">
          Regrade this question
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        {slot.n} answers · facility {slot.facility?.toFixed(1) ?? "—"}% · discrimination {slot.discrimination?.toFixed(1) ?? "—"} · efficiency{" "}
        {slot.efficiency?.toFixed(1) ?? "—"}
      </p>
      {slot.variants.map((variant) => {
        const groups = detail.variants.find((v) => v.variantKey === variant.variantKey)?.quintiles;
        const analysis = detail.analysis.find((a) => a.variantKey === variant.variantKey);
        const edit = editHref(variant.variantKey);
        return (
          <section key={variant.variantKey} aria-label={`Variant: ${variant.title}`} className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-3">
              {slot.variants.length > 1 ? <h2 className="text-lg font-semibold">Variant: {variant.title}</h2> : <span />}
              {edit ? (
                <Link href={edit} className="text-sm font-medium text-indigo-700 underline underline-offset-2" data-testid="edit-variant">
                  Edit this question<span className="sr-only">: {variant.title}</span>
                </Link>
              ) : null}
            </div>
            {analysis ? <ResponseAnalysisTable analysis={analysis} /> : null}
            {variant.options.length === 0 ? null : (
              <Table
                testId="option-table"
                caption={
                  `Each option: share of the ${variant.n} answers, corrected point-biserial against the rest of the quiz, ` +
                  "and the share choosing it in each fifth of the class by total score."
                }
                head={
                  <>
                    <th scope="col" className="px-3 py-2">
                      Option
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      Chosen
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      Point-biserial
                    </th>
                    {QUINTILES.map((q) => (
                      <th key={q} scope="col" className="px-3 py-2 text-right">
                        {q}
                      </th>
                    ))}
                  </>
                }
              >
                {variant.options.map((o) => (
                  <tr key={o.key} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <span className="font-semibold">{o.label}.</span> {o.text}{" "}
                      {o.correct ? <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-900">key</span> : null}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {o.count} ({o.share === null ? "—" : `${Math.round(o.share * 100)}%`})
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{o.pointBiserial === null ? "—" : o.pointBiserial.toFixed(2)}</td>
                    {QUINTILES.map((_, q) => {
                      const group = groups?.[q];
                      const share = group && group.attempts ? (group.picks[o.key] ?? 0) / group.attempts : null;
                      return (
                        <td key={q} className="px-3 py-2 text-right tabular-nums">
                          {share === null ? "—" : `${Math.round(share * 100)}%`}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </Table>
            )}
            {variant.flags.length ? (
              <ul className="space-y-1 text-sm">
                {variant.flags.map((f, i) => (
                  <li key={i} className="flex flex-wrap items-baseline justify-between gap-2 rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
                    <span>
                      <strong>{f.label}:</strong> {f.detail}
                    </span>
                    {edit ? (
                      <Link href={edit} className="font-medium text-indigo-800 underline underline-offset-2">
                        Edit<span className="sr-only"> the question ({f.label})</span>
                      </Link>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
      <Section id="responses-title" title="The answers behind the numbers">
        {detail.responses.length === 0 ? (
          <p className="text-sm text-slate-600">No answers in this view.</p>
        ) : (
          <Table
            testId="responses-table"
            caption={`Answers ${page * SLOT_PAGE_SIZE + 1}–${page * SLOT_PAGE_SIZE + detail.responses.length} of ${detail.responseCount}, latest first.`}
            head={
              <>
                <th scope="col" className="px-3 py-2">
                  Student
                </th>
                <th scope="col" className="px-3 py-2">
                  Answer
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Mark
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Quiz total
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Time (s)
                </th>
                <th scope="col" className="px-3 py-2">
                  Submitted (UTC)
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Mark by hand</span>
                </th>
              </>
            }
          >
            {detail.responses.map((r, i) => {
              const variant = slot.variants.find((v) => v.variantKey === r.variantKey);
              const labels = r.chosen.map((k) => variant?.options.find((o) => o.key === k)?.label ?? k);
              return (
                <tr key={i} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-normal">
                    {r.name} <span className="block text-xs text-slate-600">{r.email}</span>
                  </th>
                  <td className="px-3 py-2">
                    {labels.length ? labels.join(", ") : r.answered ? r.answered : <span className="text-slate-500">no answer</span>}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {r.mark.toFixed(2)} / {r.maxMark}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.total.toFixed(2)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.seconds.toFixed(0)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatUtcMinute(r.submittedAt)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link href={`/instructor/grading?response=${r.id}`} className="text-indigo-700 underline">
                      Mark by hand<span className="sr-only">: {r.name}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
        <div className="flex gap-3 text-sm">
          {page > 0 ? (
            <Link
              href={`?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), page: String(page - 1) })}`}
              className="text-indigo-700 underline"
            >
              Newer answers
            </Link>
          ) : null}
          {(page + 1) * SLOT_PAGE_SIZE < detail.responseCount ? (
            <Link
              href={`?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), page: String(page + 1) })}`}
              className="text-indigo-700 underline"
            >
              Older answers
            </Link>
          ) : null}
        </div>
      </Section>
    </div>
  );
}
