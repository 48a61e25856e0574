import { getCurrentUser } from "@/lib/auth/session";
import { ActionError, errorResponse, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { getLectureBank } from "@/lib/imports/data";
import { getBankFormat } from "@/lib/imports/formats";
import { bankExportInput } from "@/lib/imports/schemas";

export const dynamic = "force-dynamic";

/** A lecture's question bank in one of the import formats (admins only). Formats that cannot hold a question leave it out and say so in a header. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  // A malformed URL gets the same answer whoever asks (it reveals nothing), before the session is read.
  const input = bankExportInput.safeParse({ slug: (await params).slug, format: new URL(request.url).searchParams.get("format") ?? undefined });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return errorResponse(issue.path[0] === "slug" ? new NotFoundError(issue.message) : new ActionError("VALIDATION", issue.message));
  }
  try {
    const viewer = await getCurrentUser();
    if (!viewer) throw new UnauthenticatedError();
    const { lectureSlug, questions } = await getLectureBank(viewer, input.data.slug);
    const format = getBankFormat(input.data.format);
    const { text, skipped } = format.serialize(questions);
    return new Response(text, {
      headers: {
        "Content-Type": `${format.mimeType}; charset=utf-8`,
        "Content-Disposition": `attachment; filename="${lectureSlug}-questions.${format.exportExtension}"`,
        "Cache-Control": "private, no-store",
        "X-Questions-Exported": String(questions.length - skipped),
        "X-Questions-Skipped": String(skipped),
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
