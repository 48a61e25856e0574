import { dashboardCsv } from "@/lib/analytics/csv";
import { getQuizDashboard } from "@/lib/analytics/dashboard";
import { parseViewStrict, recordId } from "@/lib/analytics/schemas";
import type { StatsView } from "@/lib/analytics/view";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { ActionError, errorResponse, NotFoundError } from "@/lib/errors";
import { withViewer } from "@/lib/http/with-viewer";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";

export const dynamic = "force-dynamic";

const csvForStaff = withViewer<{ quizId: string; view: StatsView }>(
  async (_request, { viewer, params: { quizId, view } }) => {
    // Attempts whose time ran out are counted before the figures are read.
    await sweepOverdueAttempts(viewer, { quizId });
    const dashboard = await getQuizDashboard(viewer, quizId, view);
    if (!dashboard) throw new NotFoundError("No such quiz.");
    const name = `${dashboard.quiz.title.replace(/[^\w-]+/g, "-").toLowerCase()}-${view.attempts}-attempts.csv`;
    return new Response(dashboardCsv(dashboard), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
    });
  },
  { roles: STAFF_ROLES },
);

/** The dashboard's table as CSV, for the same view as the page (the query string). Instructors and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ quizId: string }> }) {
  // A malformed URL gets the same answer whoever asks (it reveals nothing), before the session is read.
  const quizId = recordId.safeParse((await params).quizId);
  if (!quizId.success) return errorResponse(new NotFoundError("No such quiz."));
  const parsed = parseViewStrict(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return errorResponse(new ActionError("VALIDATION", parsed.message));
  return csvForStaff(request, { params: Promise.resolve({ quizId: quizId.data, view: parsed.view }) });
}
