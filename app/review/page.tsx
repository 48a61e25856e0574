import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ExamDates } from "@/components/review/plan/exam-dates";
import { ForecastChart } from "@/components/review/plan/forecast-chart";
import { MemoryModel } from "@/components/review/plan/memory-model";
import { RetentionForm } from "@/components/review/plan/retention-form";
import { Section, StatGrid, StatTile } from "@/components/ui/section";
import { hasRole, STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { getLectureOutlines } from "@/lib/lectures/summaries";
import { getExamDates } from "@/lib/review/exams/data";
import { getReviewPlan, getWorkloadForecast } from "@/lib/review/settings/data";
import type { Viewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Your review plan" };

export default async function ReviewPlanPage() {
  const viewer = await requireViewer({ returnTo: "/review" });
  const now = new Date();
  const [plan, exams, lectures] = await Promise.all([getReviewPlan(viewer, now), getExamDates(viewer, now), getLectureOutlines(viewer)]);
  const today = now.toISOString().slice(0, 10);
  const week = plan.upcoming.reduce((sum, day) => sum + day.count, 0);
  return (
    <div className="mx-auto max-w-5xl space-y-8 px-4 py-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Your review plan</h1>
        <p className="text-slate-600">
          How your flashcards and mistakes come back: at the retention you choose, planned around your exams, spread evenly over the days.{" "}
          <Link href="/review/retention" className="font-medium text-indigo-700 underline">
            How well you remember
          </Link>
        </p>
      </div>
      <Section id="coming-up" title="Coming up" variant="card" className="space-y-3">
        <StatGrid>
          <StatTile label="Due today" value={plan.dueToday} testId="due-today" />
          <StatTile label="Tomorrow" value={plan.upcoming[0]!.count} testId="due-tomorrow" />
          <StatTile label="Next 7 days" value={week} testId="due-week" />
          <StatTile label="Retention" value={`${Math.round(plan.desiredRetention * 100)} %`} />
        </StatGrid>
      </Section>
      <Section id="retention" title="Desired retention" variant="card" className="space-y-4">
        <RetentionForm current={plan.desiredRetention} />
        <Suspense
          fallback={
            <p className="text-sm text-slate-600" role="status">
              Simulating the next 30 days of reviews…
            </p>
          }
        >
          <Forecast viewer={viewer} today={today} />
        </Suspense>
      </Section>
      <Section
        id="exams"
        title="Exam dates"
        variant="card"
        className="space-y-3"
        description="Cards you have learned are planned to be remembered with your retention through each exam day."
      >
        <ExamDates dates={exams} lectures={lectures.map((l) => ({ id: l.id, title: l.title }))} today={today} classWide={hasRole(viewer, STAFF_ROLES)} />
      </Section>
      <Section id="memory" title="Your memory model" variant="card" className="space-y-3">
        <MemoryModel plan={plan} />
      </Section>
    </div>
  );
}

/** The forecast simulation, streamed in after the rest of the page. */
async function Forecast({ viewer, today }: { viewer: Viewer; today: string }) {
  const forecast = await getWorkloadForecast(viewer);
  return <ForecastChart forecast={forecast.series} chosen={forecast.chosen} today={today} />;
}
