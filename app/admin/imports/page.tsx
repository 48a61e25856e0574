import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/admin/import-form";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { getImportHistory, getImportLectures } from "@/lib/imports/data";
import { BANK_FORMATS, uploadFormats } from "@/lib/imports/formats";

export const metadata: Metadata = { title: "Import questions" };

export default async function ImportsPage() {
  const user = await requireRole(ADMIN_ROLES, "/admin/imports");
  const [lectures, history] = await Promise.all([getImportLectures(user), getImportHistory(user)]);
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
        <p className="mt-1 text-slate-600">A dry run first: see what would be created, changed and rejected, then apply it all at once. Importing the same file twice changes nothing.</p>
      </div>
      <ImportForm lectures={lectures} formats={uploadFormats()} />
      <section aria-labelledby="export-title" className="space-y-2">
        <h2 id="export-title" className="text-xl font-semibold">
          Export
        </h2>
        <p className="text-sm text-slate-600">Each lecture&apos;s questions (their latest versions), in any of the formats. CSV leaves out numerical and matching questions, Aiken keeps single-answer questions only.</p>
        <ul className="space-y-2">
          {lectures.map((lecture) => (
            <li key={lecture.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">
                {lecture.number}. {lecture.title}:
              </span>
              {BANK_FORMATS.map((format) => (
                <a key={format.name} href={`/api/admin/lectures/${lecture.slug}/export?format=${format.name}`} className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-indigo-700 hover:bg-slate-50" download>
                  {format.shortLabel}
                </a>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-title" className="space-y-2">
        <h2 id="history-title" className="text-xl font-semibold">
          History
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">No imports yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="import-history">
              <caption className="px-4 pt-3 text-left text-sm text-slate-600">Previews and imports, newest first</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">When (UTC)</th>
                  <th scope="col" className="px-3 py-2">Who</th>
                  <th scope="col" className="px-3 py-2">File</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  <th scope="col" className="px-3 py-2 text-right">New</th>
                  <th scope="col" className="px-3 py-2 text-right">Changed</th>
                  <th scope="col" className="px-3 py-2 text-right">Unchanged</th>
                  <th scope="col" className="px-3 py-2 text-right">Problems</th>
                </tr>
              </thead>
              <tbody>
                {history.map((job) => (
                  <tr key={job.id} className="border-t border-slate-100">
                    <td className="whitespace-nowrap px-3 py-2">{job.createdAt.slice(0, 16).replace("T", " ")}</td>
                    <td className="px-3 py-2">{job.user?.name ?? "—"}</td>
                    <td className="px-3 py-2">
                      {job.fileName} <span className="block font-mono text-xs text-slate-600">{job.format} · {job.fileHash.slice(0, 12)}</span>
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
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
