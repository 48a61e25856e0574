"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE, thrownFailureMessage } from "@/components/ui/resilient-action";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { isError } from "@/lib/bank/types";
import type { ImportPreview, ImportSummary } from "@/lib/bank/import/summary";

/** Posts the form with XMLHttpRequest, so that the upload's progress can be shown. */
function upload<T>(url: string, data: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = request.response as (T & { message?: string }) | null;
      if (request.status >= 200 && request.status < 300 && body) resolve(body);
      else reject(new Error(body?.message ?? `The server answered ${request.status}.`));
    };
    request.onerror = () => reject(new Error(NETWORK_ERROR_MESSAGE));
    request.send(data);
  });
}

const OUTCOME_LABELS = { created: "new", "new-version": "changed (new version)", unchanged: "unchanged" } as const;

/** Upload → preview (the dry run) → apply. The preview lists every problem with its place in the file. */
export function ImportForm({
  lectures,
  formats,
}: {
  lectures: { id: string; slug: string; number: number; title: string }[];
  formats: { label: string; extensions: string[] }[];
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [pending, setPending] = useState<"preview" | "apply" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const errorCount = preview ? preview.problems.filter(isError).length : 0;

  const run = async (kind: "preview" | "apply", validOnly = false) => {
    if (!form.current) return;
    const data = new FormData(form.current);
    setPending(kind);
    setError(null);
    setDone(null);
    try {
      setProgress(0);
      if (kind === "preview") {
        setPreview(await upload<ImportPreview>("/api/admin/imports/preview", data, setProgress));
      } else {
        data.set("fileHash", preview!.fileHash);
        data.set("validOnly", String(validOnly));
        const summary = await upload<ImportSummary>("/api/admin/imports/apply", data, setProgress);
        setDone(`Imported: ${summary.created} new, ${summary.changed} changed (new versions), ${summary.unchanged} unchanged.`);
        setPreview(null);
        form.current.reset();
        router.refresh();
      }
    } catch (failure) {
      setError(thrownFailureMessage(failure));
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="space-y-4">
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          void run("preview");
        }}
        onChange={() => setPreview(null)}
        className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2"
        aria-label="Import a question bank"
      >
        <label className="flex flex-col gap-1 text-sm sm:col-span-2">
          <span className="font-medium">Question bank file</span>
          <input
            type="file"
            name="file"
            required
            accept={[...new Set(formats.flatMap((f) => f.extensions))].map((ext) => `.${ext}`).join(",")}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
          <span className="text-xs text-slate-600">
            {formats.map((f) => `${f.label} (${f.extensions.map((ext) => `.${ext}`).join(" or ")})`).join(", ")}; UTF-8, up to 5 MB and 2,000 questions.
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Lecture</span>
          <select name="lectureId" required className="rounded-md border border-slate-300 px-2 py-1.5">
            {lectures.map((l) => (
              <option key={l.id} value={l.id}>
                {l.number}. {l.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" name="convert" /> Convert from Windows-1252 (for files that are not UTF-8)
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" pending={pending === "preview"}>
            {pending === "preview" ? "Reading the file…" : "Preview the import"}
          </Button>
        </div>
      </form>
      {pending ? (
        <div className="space-y-1" data-testid="upload-progress">
          <p className="text-xs text-slate-600">
            {progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : pending === "preview" ? "Checking every question…" : "Importing…"}
          </p>
          <ProgressBar value={Math.round(progress * 100)} total={100} label="Upload" />
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      {preview ? (
        <Section variant="card" id="preview-title" title={`Preview of ${preview.fileName}`} className="space-y-3" testId="import-preview">
          <p className="text-sm" data-testid="import-counts">
            {preview.summary.created} new, {preview.summary.changed} changed, {preview.summary.unchanged} unchanged, {errorCount} error(s),{" "}
            {preview.problems.length - errorCount} warning(s).
          </p>
          <dl className="grid gap-x-6 gap-y-1 text-xs text-slate-700 sm:grid-cols-2" data-testid="import-breakdown">
            {(["byType", "byCategory"] as const).flatMap((group) =>
              Object.entries(preview.summary[group]).map(([name, c]) => (
                <div key={`${group}-${name}`} className="flex justify-between gap-3">
                  <dt>{group === "byType" ? `Type ${name}` : `Category ${name}`}</dt>
                  <dd>
                    {c.created} new, {c["new-version"]} changed, {c.unchanged} unchanged
                  </dd>
                </div>
              )),
            )}
          </dl>
          {preview.problems.length ? (
            <Table
              variant="inline"
              testId="import-problems"
              captionTone="error"
              caption={
                errorCount
                  ? "Problems: nothing is imported until the errors are fixed, unless you import only the valid questions. Warnings do not stop the import."
                  : "Warnings: the questions are imported as Moodle would import them."
              }
              head={
                <>
                  <th scope="col" className="py-1 pr-3">
                    Line
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Question
                  </th>
                  <th scope="col" className="py-1">
                    Problem
                  </th>
                </>
              }
            >
              {preview.problems.map((p, i) => (
                <tr key={i} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3 tabular-nums">{p.line ? `${p.line}:${p.column}` : "—"}</td>
                  <td className="py-1 pr-3">{p.question || <span className="text-slate-500">—</span>}</td>
                  <td className="py-1">
                    <span className={isError(p) ? "font-medium text-red-800" : "font-medium text-amber-800"}>{isError(p) ? "Error: " : "Warning: "}</span>
                    {p.message}
                    {p.snippet ? <code className="mt-0.5 block text-xs text-slate-600">{p.snippet}</code> : null}
                  </td>
                </tr>
              ))}
            </Table>
          ) : null}
          {preview.items.length ? (
            <Table
              variant="inline"
              testId="import-items"
              caption="Questions that would be imported"
              head={
                <>
                  <th scope="col" className="py-1 pr-3">
                    Question
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Type
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Category
                  </th>
                  <th scope="col" className="py-1">
                    Result
                  </th>
                </>
              }
            >
              {preview.items.map((item) => (
                <tr key={item.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">{item.name || item.stem.slice(0, 80)}</td>
                  <td className="py-1 pr-3">{item.type}</td>
                  <td className="py-1 pr-3">{item.category || "—"}</td>
                  <td className="py-1">{OUTCOME_LABELS[item.outcome]}</td>
                </tr>
              ))}
            </Table>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button type="button" disabled={errorCount > 0 || preview.items.length === 0} pending={pending === "apply"} onClick={() => void run("apply")}>
              Apply the import
            </Button>
            {errorCount > 0 && preview.items.length > 0 ? (
              <Button type="button" variant="secondary" pending={pending === "apply"} onClick={() => void run("apply", true)}>
                Import only the {preview.items.length} valid questions
              </Button>
            ) : null}
          </div>
        </Section>
      ) : null}
    </div>
  );
}
