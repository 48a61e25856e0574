import { dashboardCsv } from "@/lib/analytics/csv";
import { getQuizDashboard } from "@/lib/analytics/data";
import { parseViewStrict, recordId } from "@/lib/analytics/schemas";
import { getCurrentUser } from "@/lib/auth/session";
import { errorResponse, NotFoundError, ActionError, UnauthenticatedError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The dashboard's table as CSV, for the same view as the page (the query string). Instructors and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ quizId: string }> }) {
  // A malformed URL gets the same answer whoever asks (it reveals nothing), before the session is read.
  const quizId = recordId.safeParse((await params).quizId);
  if (!quizId.success) return errorResponse(new NotFoundError("No such quiz."));
  const parsed = parseViewStrict(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return errorResponse(new ActionError("VALIDATION", parsed.message));
  const { view } = parsed;
  try {
    const viewer = await getCurrentUser();
    if (!viewer) throw new UnauthenticatedError();
    const dashboard = await getQuizDashboard(viewer, quizId.data, view);
    const name = `${dashboard.quiz.title.replace(/[^\w-]+/g, "-").toLowerCase()}-${view.attempts}-attempts.csv`;
    return new Response(dashboardCsv(dashboard), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
