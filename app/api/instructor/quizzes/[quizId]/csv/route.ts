import { dashboardCsv } from "@/lib/analytics/csv";
import { getQuizDashboard } from "@/lib/analytics/data";
import { parseView } from "@/lib/analytics/schemas";
import { getCurrentUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The dashboard's table as CSV, for the same view as the page (the query string). Instructors and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ quizId: string }> }) {
  const { quizId } = await params;
  const view = parseView(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const dashboard = await getQuizDashboard((await getCurrentUser())!, quizId, view);
    const name = `${dashboard.quiz.title.replace(/[^\w-]+/g, "-").toLowerCase()}-${view.attempts}-attempts.csv`;
    return new Response(dashboardCsv(dashboard), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
