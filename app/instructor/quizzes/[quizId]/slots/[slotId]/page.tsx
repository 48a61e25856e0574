import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getQuizDashboard, getSlotDetail, type QuizDashboard, type SlotDetail } from "@/lib/analytics/data";
import { parseView, viewQuery } from "@/lib/analytics/schemas";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";

export const metadata: Metadata = { title: "Question statistics" };

const QUINTILES = ["Lowest fifth", "2nd", "3rd", "4th", "Highest fifth"];

export default async function SlotStatisticsPage({ params, searchParams }: { params: Promise<{ quizId: string; slotId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { quizId, slotId } = await params;
  const user = await requireRole(STAFF_ROLES, `/instructor/quizzes/${quizId}/slots/${slotId}`);
  const query = await searchParams;
  const view = parseView(query);
  const page = Math.max(0, Number(Array.isArray(query.page) ? query.page[0] : query.page) || 0);
  let dashboard: QuizDashboard;
  let detail: SlotDetail;
  try {
    [dashboard, detail] = await Promise.all([getQuizDashboard(user, quizId, view), getSlotDetail(user, quizId, slotId, view, page)]);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const slot = dashboard.slots.find((s) => s.slotId === slotId);
  if (!slot) notFound();
  const back = `/instructor/quizzes/${quizId}${viewQuery(view)}`;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/instructor" className="hover:underline">
          Instructor
        </Link>{" "}
        /{" "}
        <Link href={back} className="hover:underline">
          {dashboard.quiz.title}
        </Link>{" "}
        / Question {slot.position + 1}
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">{slot.title}</h1>
      <p className="text-sm text-slate-600">
        {slot.n} answers · facility {slot.facility?.toFixed(1) ?? "—"}% · discrimination {slot.discrimination?.toFixed(1) ?? "—"} · efficiency {slot.efficiency?.toFixed(1) ?? "—"}
      </p>
      {slot.variants.map((variant) => {
        const groups = detail.variants.find((v) => v.variantKey === variant.variantKey)?.quintiles;
        return (
          <section key={variant.variantKey} aria-label={`Variant: ${variant.title}`} className="space-y-2">
            {slot.variants.length > 1 ? <h2 className="text-lg font-semibold">Variant: {variant.title}</h2> : null}
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="w-full text-left text-sm" data-testid="option-table">
                <caption className="px-4 pt-3 text-left text-sm text-slate-600">
                  Each option: share of the {variant.n} answers, corrected point-biserial against the rest of the quiz, and the share choosing it in each fifth of the class by total score.
                </caption>
                <thead className="text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2">Option</th>
                    <th scope="col" className="px-3 py-2 text-right">Chosen</th>
                    <th scope="col" className="px-3 py-2 text-right">Point-biserial</th>
                    {QUINTILES.map((q) => (
                      <th key={q} scope="col" className="px-3 py-2 text-right">
                        {q}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {variant.options.map((o) => (
                    <tr key={o.key} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-2 font-normal">
                        <span className="font-semibold">{o.label}.</span> {o.text} {o.correct ? <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-900">key</span> : null}
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
                </tbody>
              </table>
            </div>
            {variant.flags.length ? (
              <ul className="space-y-1 text-sm">
                {variant.flags.map((f, i) => (
                  <li key={i} className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
                    <strong>{f.label}:</strong> {f.detail}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
      <section aria-labelledby="responses-title" className="space-y-2">
        <h2 id="responses-title" className="text-lg font-semibold">
          The answers behind the numbers
        </h2>
        {detail.responses.length === 0 ? (
          <p className="text-sm text-slate-600">No answers in this view.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="responses-table">
              <caption className="px-4 pt-3 text-left text-sm text-slate-600">
                Answers {page * 50 + 1}–{page * 50 + detail.responses.length} of {detail.responseCount}, latest first.
              </caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Student</th>
                  <th scope="col" className="px-3 py-2">Chose</th>
                  <th scope="col" className="px-3 py-2 text-right">Mark</th>
                  <th scope="col" className="px-3 py-2 text-right">Quiz total</th>
                  <th scope="col" className="px-3 py-2 text-right">Time (s)</th>
                  <th scope="col" className="px-3 py-2">Submitted (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {detail.responses.map((r, i) => {
                  const variant = slot.variants.find((v) => v.variantKey === r.variantKey);
                  const labels = r.chosen.map((k) => variant?.options.find((o) => o.key === k)?.label ?? k);
                  return (
                    <tr key={i} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-2 font-normal">
                        {r.name} <span className="block text-xs text-slate-600">{r.email}</span>
                      </th>
                      <td className="px-3 py-2">{labels.length ? labels.join(", ") : <span className="text-slate-500">no answer</span>}</td>
                      <td className="px-3 py-2 text-right tabular-nums">
                        {r.mark.toFixed(2)} / {r.maxMark}
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.total.toFixed(2)}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{r.seconds.toFixed(0)}</td>
                      <td className="px-3 py-2 whitespace-nowrap">{r.submittedAt.slice(0, 16).replace("T", " ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="flex gap-3 text-sm">
          {page > 0 ? <Link href={`?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), page: String(page - 1) })}`} className="text-indigo-700 underline">Newer answers</Link> : null}
          {(page + 1) * 50 < detail.responseCount ? <Link href={`?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), page: String(page + 1) })}`} className="text-indigo-700 underline">Older answers</Link> : null}
        </div>
      </section>
    </div>
  );
}
