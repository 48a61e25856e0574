import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ScoreHistogram } from "@/components/instructor/score-histogram";
import { StatsTable } from "@/components/instructor/stats-table";
import { ViewFilter } from "@/components/instructor/view-filter";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { getHeatMap, getRaschDifficulties, getScoreDistribution, getTimePerQuestion, RASCH_MIN_RESPONSES } from "@/lib/analytics/answer-views";
import { getCohortOptions, getQuizDashboard } from "@/lib/analytics/dashboard";
import type { QuizDashboard } from "@/lib/analytics/describe";
import { FLAG_MIN_RESPONSES } from "@/lib/analytics/flags";
import { parseView, recordId, viewQuery } from "@/lib/analytics/schemas";
import type { StatsView } from "@/lib/analytics/view";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireViewer, type Viewer } from "@/lib/auth/viewer";
import { sweepOverdueAttempts } from "@/lib/quiz/submission/sweep";
import type { SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Quiz statistics" };

const fmt = (v: number | null, digits = 2) => (v === null ? "—" : v.toFixed(digits));

export default async function QuizStatisticsPage({ params, searchParams }: { params: Promise<{ quizId: string }>; searchParams: Promise<SearchParams> }) {
  const { quizId } = await params;
  const viewer = await requireViewer({ roles: STAFF_ROLES, returnTo: `/instructor/quizzes/${quizId}` });
  if (!recordId.safeParse(quizId).success) notFound();
  const view = parseView(await searchParams);
  // Attempts whose time ran out are counted before the figures are read.
  await sweepOverdueAttempts(viewer, { quizId });
  const [dashboard, cohorts, distribution] = await Promise.all([
    getQuizDashboard(viewer, quizId, view),
    getCohortOptions(viewer),
    getScoreDistribution(viewer, quizId, view),
  ]);
  if (!dashboard || !distribution) notFound();
  const query = viewQuery(view);
  const s = dashboard.summary;
  const small = s.attempts > 0 && s.attempts < FLAG_MIN_RESPONSES;
  const attemptsText = `${s.attempts} attempt${s.attempts === 1 ? "" : "s"}`;
  return (
    <div className="space-y-6">
      <div>
        <Breadcrumb trail={[{ href: "/instructor", label: "Instructor" }]} current={dashboard.quiz.lectureTitle} />
        <div className="mt-1 flex flex-wrap items-baseline justify-between gap-3">
          <h1 className="text-3xl font-semibold tracking-tight">{dashboard.quiz.title}</h1>
          <Link href={`/instructor/quizzes/${quizId}/edit`} className={buttonClasses("secondary")}>
            Edit quiz
          </Link>
        </div>
        <p className="mt-1 text-sm text-slate-600" data-testid="stats-source">
          {dashboard.source === "running"
            ? "Live figures from the running totals, with every submitted attempt counted"
            : "Recomputed exactly from the answers"}{" "}
          ({dashboard.computeMs.toFixed(0)} ms).{" "}
          <a href={`/api/instructor/quizzes/${quizId}/csv${query}`} className="font-medium text-indigo-700 underline underline-offset-2">
            Download CSV with glossary
          </a>
        </p>
      </div>
      <ViewFilter action={`/instructor/quizzes/${quizId}`} view={view} cohorts={cohorts} />

      {s.attempts === 0 ? (
        <EmptyState testId="stats-empty">No submitted attempts match this view yet. Figures appear here as soon as students submit the quiz.</EmptyState>
      ) : (
        <>
          {small ? (
            <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              Only {attemptsText}: the figures below are shown, but no question is flagged until {FLAG_MIN_RESPONSES} have answered it, and intervals are wide.
            </p>
          ) : null}
          <section aria-labelledby="quiz-summary" className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
            <div className="rounded-xl border border-slate-200 bg-white p-4">
              <h2 id="quiz-summary" className="font-semibold">
                Whole quiz
              </h2>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="quiz-summary">
                {[
                  ["Attempts", String(s.attempts)],
                  ["Mean", fmt(s.mean)],
                  ["Median", fmt(distribution.median)],
                  ["SD", fmt(s.sd)],
                  ["Skewness", fmt(s.skewness)],
                  ["Kurtosis", fmt(s.kurtosis)],
                  ["Cronbach's α", fmt(s.alpha, 3)],
                  ["Error ratio", s.errorRatio === null ? "—" : `${s.errorRatio.toFixed(1)}%`],
                  ["Standard error", fmt(s.standardError)],
                ].map(([label, value]) => (
                  <div key={label} className="contents">
                    <dt className="text-slate-600">{label}</dt>
                    <dd className="text-right tabular-nums" data-testid={`summary-${label}`}>
                      {value}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            <div className="rounded-xl border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">Score histogram</h2>
              <ScoreHistogram bins={distribution.bins} />
              <details className="text-sm">
                <summary className="cursor-pointer text-indigo-700">The histogram as a table</summary>
                <Table
                  variant="bare"
                  hideCaption
                  caption="Attempts by total mark"
                  head={
                    <>
                      <th scope="col" className="pr-4">
                        Total
                      </th>
                      <th scope="col">Attempts</th>
                    </>
                  }
                >
                  {distribution.bins.map((b) => (
                    <tr key={b.from}>
                      <td className="pr-4 tabular-nums">{b.from}</td>
                      <td className="tabular-nums">{b.count}</td>
                    </tr>
                  ))}
                </Table>
              </details>
            </div>
          </section>

          <Section id="questions-title" title="Questions">
            <StatsTable
              slots={dashboard.slots}
              quizId={quizId}
              query={query}
              caption={`One row per question slot (${dashboard.slots.length}), over ${attemptsText}; select a question for its options and answers.`}
            />
          </Section>

          <Suspense fallback={<p className="text-sm text-slate-600">Computing time per question and Rasch difficulty…</p>}>
            <AnswerLevelSections viewer={viewer} quizId={quizId} view={view} dashboard={dashboard} />
          </Suspense>
          <Suspense fallback={<p className="text-sm text-slate-600">Loading the heat map…</p>}>
            <HeatMapSection viewer={viewer} quizId={quizId} view={view} dashboard={dashboard} />
          </Suspense>
        </>
      )}
    </div>
  );
}

async function AnswerLevelSections({ viewer, quizId, view, dashboard }: { viewer: Viewer; quizId: string; view: StatsView; dashboard: QuizDashboard }) {
  const slotIds = dashboard.slots.map((s) => s.slotId);
  const [times, rasch] = await Promise.all([getTimePerQuestion(viewer, quizId, view), getRaschDifficulties(viewer, quizId, slotIds, view)]);
  return (
    <Section id="answers-title" title="Time and Rasch difficulty">
      <Table
        testId="rasch-table"
        caption={
          "Time spent per question (median and interquartile range), " +
          "and Rasch difficulty in logits (joint maximum likelihood, bias-corrected; higher is harder) " +
          `with its standard error and fit, shown once ${RASCH_MIN_RESPONSES} students with a finite ability have answered. ` +
          "Standard error, infit and outfit are evaluated at the corrected difficulties, each ability estimated again against them; " +
          "the standard error is the model's (1 / √Σ p(1 − p), the joint-ML convention), about 2% above eRm's conditional-ML one."
        }
        head={
          <>
            <th scope="col" className="px-3 py-2">
              #
            </th>
            <th scope="col" className="px-3 py-2">
              Question
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Median time (s)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              IQR (s)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Facility
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Rasch (logits)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Infit
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Outfit
            </th>
          </>
        }
      >
        {dashboard.slots.map((slot) => {
          const t = times.get(slot.slotId);
          const r = rasch.get(slot.slotId);
          return (
            <tr key={slot.slotId} className="border-t border-slate-100">
              <td className="px-3 py-2 tabular-nums">{slot.position + 1}</td>
              <th scope="row" className="max-w-md px-3 py-2 font-normal">
                {slot.title}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{t ? t.median.toFixed(1) : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{t ? `${t.q1.toFixed(1)}–${t.q3.toFixed(1)}` : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{slot.facility === null ? "—" : slot.facility.toFixed(1)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r?.shown ? `${r.difficulty!.toFixed(2)} ± ${r.se!.toFixed(2)}` : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r?.shown ? r.infit!.toFixed(2) : "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r?.shown ? r.outfit!.toFixed(2) : "—"}</td>
            </tr>
          );
        })}
      </Table>
    </Section>
  );
}

function heat(fraction: number | null): string {
  if (fraction === null) return "bg-slate-100";
  if (fraction >= 0.999) return "bg-emerald-600";
  if (fraction > 0) return "bg-amber-400";
  return "bg-red-500";
}

async function HeatMapSection({ viewer, quizId, view, dashboard }: { viewer: Viewer; quizId: string; view: StatsView; dashboard: QuizDashboard }) {
  const map = await getHeatMap(
    viewer,
    quizId,
    dashboard.slots.map((s) => s.slotId),
    view,
  );
  return (
    <Section
      id="heat-title"
      title="Students × questions"
      description={
        <>
          {map.students.length < map.total
            ? `${map.students.length} of ${map.total} attempts, spread evenly from the highest total to the lowest.`
            : `All ${map.total} attempts, highest total first.`}{" "}
          Green: full marks, amber: part, red: none, grey: not in the attempt.
        </>
      }
    >
      <Table
        variant="grid"
        testId="heat-map"
        hideCaption
        caption="Each student's mark on each question, as a share of its maximum"
        head={
          <>
            <th scope="col" className="pr-2 text-left">
              Student (total)
            </th>
            {dashboard.slots.map((s) => (
              <th key={s.slotId} scope="col" className="w-4 font-normal text-slate-600">
                {s.position + 1}
              </th>
            ))}
          </>
        }
      >
        {map.students.map((student, i) => (
          <tr key={student.attemptId}>
            <th scope="row" className="whitespace-nowrap pr-2 text-left font-normal">
              {student.name} ({student.score.toFixed(1)})
            </th>
            {map.cells[i]!.map((cell, j) => (
              <td key={j} className={`h-4 w-4 rounded-sm ${heat(cell)}`} title={cell === null ? "not in the attempt" : `${Math.round(cell * 100)}%`}>
                <span className="sr-only">{cell === null ? "not in the attempt" : `${Math.round(cell * 100)}%`}</span>
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </Section>
  );
}
