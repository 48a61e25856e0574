import type { Metadata } from "next";
import Link from "next/link";
import { ReviewItemForm } from "@/components/instructor/generated/review-item-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { EmptyState, Section } from "@/components/ui/section";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getReviewQueue, REVIEW_QUEUE_PAGE } from "@/lib/generate/review/data";

export const metadata: Metadata = { title: "Generated items to review" };

export default async function GeneratedReviewPage() {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/generated" });
  const queue = await getReviewQueue(viewer);
  return (
    <div className="space-y-6">
      <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current="Generated items to review" />
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Generated items to review</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Cards and questions generated from the notes that students or staff suggested for the course bank, oldest first. Check each against the sentence it
          cites, edit it, then approve it (it becomes a bank question, version 1, which you can add to a quiz) or reject it (students no longer see it).
        </p>
      </div>
      {queue.items.length === 0 ? (
        <EmptyState>Nothing waiting: suggestions appear here when someone proposes a generated item on a lecture&apos;s Study tab.</EmptyState>
      ) : (
        <div className="space-y-4">
          {queue.items.length === REVIEW_QUEUE_PAGE ? <p className="text-sm text-slate-600">The oldest {REVIEW_QUEUE_PAGE} are shown.</p> : null}
          {queue.items.map((item) => (
            <ReviewItemForm key={item.id} item={item} topics={queue.topics[item.lecture.id] ?? []} />
          ))}
        </div>
      )}
      {queue.recent.length > 0 ? (
        <Section id="recent" title="Reviewed lately" variant="card">
          <ul className="space-y-1 text-sm">
            {queue.recent.map((r) => (
              <li key={r.id}>
                <span className={r.status === "APPROVED" ? "font-medium text-emerald-800" : "font-medium text-slate-700"}>
                  {r.status === "APPROVED" ? "Approved" : "Rejected"}
                </span>{" "}
                {r.questionId ? (
                  <Link href={`/instructor/questions/${r.questionId}`} className="text-indigo-700 underline underline-offset-2">
                    {r.summary}
                  </Link>
                ) : (
                  r.summary
                )}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
