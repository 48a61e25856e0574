import "server-only";
// The own-cards file routes (a download and an upload must be plain HTTP): built on withViewer, so
// the session and role are checked before anything is read, and every query names the viewer.
import { declaresMoreThan, readBodyCapped } from "../../bank/import/upload-body";
import { withViewer } from "../../http/with-viewer";
import { IMPORT_LIMITS } from "./csv-format";
import { describeProblem, type ImportProblem } from "./csv-read";
import { getOwnCardsCsv } from "./export";
import { importOwnCardsCsv } from "./import";

/** The file's limit, plus room for the multipart boundaries and headers. */
const MAX_BODY_BYTES = IMPORT_LIMITS.maxBytes + 16 * 1024;
const TOO_LARGE = `The file is too large: at most ${IMPORT_LIMITS.maxBytes / 1048576} MB. Split it into smaller files.`;

/** GET: the viewer's own cards of every lecture with their review history, as a CSV download. */
export const exportOwnCardsRoute = withViewer(async (_request, { viewer }) => {
  const { fileName, csv } = await getOwnCardsCsv(viewer);
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "private, no-store" },
  });
});

const refused = (status: number, message: string, problems: ImportProblem[] = []) =>
  Response.json({ ok: false, message, problems: problems.map((p) => ({ ...p, text: describeProblem(p) })) }, { status });

/**
 * POST (multipart, field "file"): imports an own-cards CSV. 200 with what was added and kept; 400
 * with every problem (row, column, message) when any row is wrong, and then nothing is written;
 * 413 when the body is over the limit (checked before it is read, and as it streams in).
 */
export const importOwnCardsRoute = withViewer(
  async (request, { viewer }) => {
    if (declaresMoreThan(request, MAX_BODY_BYTES)) return refused(413, TOO_LARGE);
    const body = await readBodyCapped(request.body, MAX_BODY_BYTES);
    if (!body) return refused(413, TOO_LARGE);
    let file: FormDataEntryValue | null;
    try {
      file = (await new Response(body, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData()).get("file");
    } catch {
      return refused(400, "Send the file as a multipart form.");
    }
    if (!(file instanceof File)) return refused(400, "Choose a CSV file to import.");
    const outcome = await importOwnCardsCsv(viewer, new Uint8Array(await file.arrayBuffer()));
    if (!outcome.ok) return refused(400, "Nothing was imported: fix these rows and import the file again.", outcome.problems);
    return Response.json(outcome);
  },
  { errors: "json" },
);
