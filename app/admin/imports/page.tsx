import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/admin/import-form";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { exportFormats, uploadFormats } from "@/lib/bank/formats/registry";
import { getImportHistory, getImportLectures } from "@/lib/bank/import/data";
import { formatUtcMinute } from "@/lib/dates";

export const metadata: Metadata = { title: "Import questions" };

export default async function ImportsPage() {
  const viewer = await requireViewer({ roles: ADMIN_ROLES, returnTo: "/admin/imports" });
  const [lectures, history] = await Promise.all([getImportLectures(viewer), getImportHistory(viewer)]);
  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Admin" className="flex gap-3 text-sm">
          <Link href="/admin/users" className="text-indigo-700 hover:underline">
            Users
          </Link>
          <span aria-current="page" className="font-medium">
            Imports
          </span>
        </nav>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">Import questions</h1>
        <p className="mt-1 text-slate-600">
          A dry run first: see what would be created, changed and rejected, then apply it all at once. Importing the same file twice changes nothing.
        </p>
      </div>
      <ImportForm lectures={lectures} formats={uploadFormats()} />
      <Section
        id="export-title"
        title="Export"
        description={
          "Each lecture's questions (their latest versions), in any of the formats. " +
          "GIFT leaves out cloze questions, CSV numerical, matching and cloze ones, Aiken keeps single-answer questions only."
        }
      >
        <ul className="space-y-2">
          {lectures.map((lecture) => (
            <li key={lecture.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">
                {lecture.number}. {lecture.title}:
              </span>
              {exportFormats().map((format) => (
                <a
                  key={format.name}
                  href={`/api/admin/lectures/${lecture.slug}/export?format=${format.name}`}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-indigo-700 hover:bg-slate-50"
                  download
                >
                  {format.label}
                </a>
              ))}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="history-title" title="History">
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">No imports yet.</p>
        ) : (
          <Table
            testId="import-history"
            caption="Previews and imports, newest first"
            head={
              <>
                <th scope="col" className="px-3 py-2">
                  When (UTC)
                </th>
                <th scope="col" className="px-3 py-2">
                  Who
                </th>
                <th scope="col" className="px-3 py-2">
                  File
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  New
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Changed
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Unchanged
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Problems
                </th>
              </>
            }
          >
            {history.map((job) => (
              <tr key={job.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-3 py-2">{formatUtcMinute(job.createdAt)}</td>
                <td className="px-3 py-2">{job.user?.name ?? "—"}</td>
                <td className="px-3 py-2">
                  {job.fileName}{" "}
                  <span className="block font-mono text-xs text-slate-600">
                    {job.format} · {job.fileHash.slice(0, 12)}
                  </span>
                </td>
                <td className="px-3 py-2">{job.status === "APPLIED" ? "Applied" : job.status === "PREVIEWED" ? "Previewed" : "Failed"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{job.summary.created}</td>
                <td className="px-3 py-2 text-right tabular-nums">{job.summary.changed}</td>
                <td className="px-3 py-2 text-right tabular-nums">{job.summary.unchanged}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {job.errorCount === 0 ? (
                    0
                  ) : (
                    <details>
                      <summary className="cursor-pointer">{job.errorCount}</summary>
                      <ul className="mt-1 max-w-md space-y-1 text-left text-xs text-slate-700">
                        {(job.errors as { line: number; question: string; message: string }[]).slice(0, 20).map((e, i) => (
                          <li key={i}>
                            {e.line ? `Line ${e.line}: ` : ""}
                            {e.question ? `${e.question}: ` : ""}
                            {e.message}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}
