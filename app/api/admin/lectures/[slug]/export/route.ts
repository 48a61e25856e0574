import { ADMIN_ROLES } from "@/lib/auth/roles";
import { getLectureBankFile } from "@/lib/bank/export/data";
import { bankExportInput } from "@/lib/bank/export/schemas";
import type { BankFormatName } from "@/lib/bank/formats/registry";
import { ActionError, errorResponse, NotFoundError } from "@/lib/errors";
import { withViewer } from "@/lib/http/with-viewer";

export const dynamic = "force-dynamic";

const exportBank = withViewer<{ slug: string; format: BankFormatName }>(
  async (_request, { viewer, params }) => {
    const file = await getLectureBankFile(viewer, params.slug, params.format);
    if (!file) throw new NotFoundError("No such lecture.");
    return new Response(file.text, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Questions-Exported": String(file.exported),
        "X-Questions-Skipped": String(file.skipped),
      },
    });
  },
  { roles: ADMIN_ROLES },
);

/** A lecture's question bank in one of the import formats (admins only). Formats that cannot hold a question leave it out and say so in a header. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  // A malformed URL gets the same answer whoever asks (it reveals nothing), before the session is read.
  const input = bankExportInput.safeParse({ slug: (await params).slug, format: new URL(request.url).searchParams.get("format") ?? undefined });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return errorResponse(issue.path[0] === "slug" ? new NotFoundError(issue.message) : new ActionError("VALIDATION", issue.message));
  }
  return exportBank(request, { params: Promise.resolve(input.data) });
}
