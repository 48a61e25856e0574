import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { AUDIT_PAGE_SIZE, getAuditEntries, getAuditLectures } from "@/lib/audit/data";
import { AUDIT_ENTITY_LABELS, AUDIT_ENTITY_TYPES, auditQueryString, parseAuditQuery } from "@/lib/audit/schemas";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatUtcMinute } from "@/lib/dates";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: "/instructor/audit" });
  const filter = parseAuditQuery(await searchParams);
  const [{ entries, total, page, pageCount }, lectures] = await Promise.all([getAuditEntries(viewer, filter), getAuditLectures(viewer)]);
  const pageHref = (p: number) => `/instructor/audit${auditQueryString({ ...filter, page: p })}`;
  const filtered = Boolean(filter.lectureId || filter.entityType);
  return (
    <div className="space-y-6">
      <div>
        <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current={"Audit log"} />
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-slate-600">Who changed a quiz, a question or a mark, when, and from what to what. Newest first; times in UTC.</p>
      </div>

      <form role="search" className="flex flex-wrap items-end gap-2" action="/instructor/audit">
        <div>
          <label htmlFor="lecture-filter" className="block text-sm font-medium text-slate-800">
            Lecture
          </label>
          <select
            id="lecture-filter"
            name="lecture"
            defaultValue={filter.lectureId ?? ""}
            className="mt-1 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All lectures</option>
            {lectures.map((lecture) => (
              <option key={lecture.id} value={lecture.id}>
                {lecture.number}. {lecture.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="type-filter" className="block text-sm font-medium text-slate-800">
            Kind of change
          </label>
          <select
            id="type-filter"
            name="type"
            defaultValue={filter.entityType ?? ""}
            className="mt-1 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All kinds</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {AUDIT_ENTITY_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses("secondary", "py-1.5")}>
          Filter
        </button>
        {filtered ? (
          <Link href="/instructor/audit" className="px-2 py-1.5 text-sm font-medium text-indigo-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {entries.length === 0 ? (
        <EmptyState testId="audit-empty">
          {page > 1
            ? "No entries on this page."
            : filtered
              ? "No changes match these filters."
              : "No changes recorded yet: edits to quizzes, questions and marks appear here."}
        </EmptyState>
      ) : (
        <Table
          variant="list"
          testId="audit-table"
          caption={`Changes ${(page - 1) * AUDIT_PAGE_SIZE + 1}–${(page - 1) * AUDIT_PAGE_SIZE + entries.length} of ${total}, newest first.`}
          head={
            <>
              <th scope="col" className="px-4 py-2">
                When (UTC)
              </th>
              <th scope="col" className="px-4 py-2">
                Who
              </th>
              <th scope="col" className="px-4 py-2">
                What
              </th>
              <th scope="col" className="px-4 py-2">
                From → to
              </th>
            </>
          }
        >
          {entries.map((entry) => (
            <tr key={entry.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-2 tabular-nums">
                <time dateTime={entry.createdAt.toISOString()}>{formatUtcMinute(entry.createdAt)}</time>
              </td>
              <td className="px-4 py-2">{entry.actorName}</td>
              <th scope="row" className="max-w-xl px-4 py-2 font-normal">
                {entry.summary}
                <span className="mt-0.5 block text-xs text-slate-500">{entry.action}</span>
              </th>
              <td className="px-4 py-2">
                {entry.changes.length === 0 ? (
                  <span className="text-slate-500">—</span>
                ) : (
                  <dl className="space-y-0.5 text-xs">
                    {entry.changes.map((change) => (
                      <div key={change.field} className="flex flex-wrap gap-1">
                        <dt className="font-medium text-slate-700">{change.field}:</dt>
                        <dd className="break-all text-slate-600">
                          {change.from} → {change.to}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <nav aria-label="Pages" className="flex items-center justify-between text-sm">
        <span className="text-slate-600">
          Page {page} of {pageCount} · {total} {total === 1 ? "change" : "changes"}
        </span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link className={buttonClasses("secondary")} href={pageHref(page - 1)}>
              Previous
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link className={buttonClasses("secondary")} href={pageHref(page + 1)}>
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </div>
  );
}
