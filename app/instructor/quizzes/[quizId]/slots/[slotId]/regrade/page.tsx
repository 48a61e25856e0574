import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { RegradeForm } from "@/components/instructor/regrade/regrade-form";
import { RegradePreviewView } from "@/components/instructor/regrade/regrade-preview";
import { recordId } from "@/lib/analytics/schemas";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import { dryRunRegrade, getRegradeSlot, getSlotRegrades, MODE_LABELS, TARGET_LABELS } from "@/lib/grading/regrade";
import { regradeQuery } from "@/lib/grading/schemas";
import { firstSearchParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Regrade a question" };

export default async function RegradePage({
  params,
  searchParams,
}: {
  params: Promise<{ quizId: string; slotId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { quizId, slotId } = await params;
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/quizzes/${quizId}/slots/${slotId}/regrade` });
  if (!recordId.safeParse(quizId).success || !recordId.safeParse(slotId).success) notFound();
  const query = await searchParams;
  const { mode, target } = regradeQuery.parse({ mode: firstSearchParam(query.mode), target: firstSearchParam(query.target) });
  const applied = firstSearchParam(query.applied);
  // The form's own choice is previewed (a dry run reads every answer to the slot); without one, the form and the history.
  const [about, history, preview] = await Promise.all([
    getRegradeSlot(viewer, quizId, slotId),
    getSlotRegrades(viewer, quizId, slotId),
    mode && target ? dryRunRegrade(viewer, { quizId, slotId, mode, target }) : null,
  ]);
  if (!about) notFound();
  const justApplied = applied ? history.find((h) => h.id === applied) : undefined;
  const slotPage = `/instructor/quizzes/${quizId}/slots/${slotId}`;
  return (
    <div className="space-y-6">
      <Breadcrumb
        trail={[
          { href: "/instructor", label: "Instructor" },
          { href: `/instructor/quizzes/${quizId}`, label: about.quiz.title },
          { href: slotPage, label: `Question ${about.slot.position + 1}` },
        ]}
        current={"Regrade"}
      />
      <h1 className="text-2xl font-semibold tracking-tight">Regrade question {about.slot.position + 1}</h1>
      {justApplied ? (
        <p role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
          Regrade applied: {justApplied.attemptsChanged} attempt{justApplied.attemptsChanged === 1 ? "" : "s"} changed
          {justApplied.mean ? `, mean total ${justApplied.mean.before.toFixed(2)} → ${justApplied.mean.after.toFixed(2)}` : ""}. Students see the new marks and
          a note on their results; the{" "}
          <Link href={`/instructor/quizzes/${quizId}`} className="underline">
            dashboard
          </Link>{" "}
          shows the new figures.
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        Preview first: nothing changes until you apply. Applying rewrites the marks, the totals, the class statistics and the students&apos; mistakes queues in
        one step, and is recorded in the audit log.
      </p>
      <RegradeForm mode={mode} target={target} />
      {preview ? <RegradePreviewView preview={preview} idempotencyKey={randomUUID()} /> : null}
      <section aria-labelledby="regrade-history" className="space-y-2">
        <h2 id="regrade-history" className="text-xl font-semibold">
          Past regrades of this question
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                {formatUtcMinute(h.at)} — {h.actor ?? "someone"}: {MODE_LABELS[h.mode]}, {TARGET_LABELS[h.target]}; {h.attemptsChanged} attempt
                {h.attemptsChanged === 1 ? "" : "s"} changed
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
