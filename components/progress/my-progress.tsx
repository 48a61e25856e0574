import Link from "next/link";
import { NextStepCard } from "@/components/progress/next-step-card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { masteryLabel, STRONG_MASTERY, WEAK_MASTERY } from "@/lib/progress/mastery";
import type { MyProgress } from "@/lib/progress/data";

function masteryColour(mastery: number | null): string {
  if (mastery === null) return "bg-slate-300";
  if (mastery < WEAK_MASTERY) return "bg-red-500";
  if (mastery < STRONG_MASTERY) return "bg-amber-500";
  return "bg-emerald-600";
}

function Figure({ label, value, testId, children }: { label: string; value: string; testId: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-1">
        <span className="text-lg font-semibold text-slate-900" data-testid={testId}>
          {value}
        </span>
        {children}
      </dd>
    </div>
  );
}

export function MyProgressView({ progress }: { progress: MyProgress }) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">My progress</h1>
        <p className="mt-1 text-slate-600">What you have read, heard, answered and remembered, lecture by lecture.</p>
      </div>
      <NextStepCard step={progress.nextStep} />
      {progress.lectures.length === 0 ? <p className="text-slate-600">No lectures yet.</p> : null}
      {progress.lectures.map((lecture) => (
        <section key={lecture.id} aria-labelledby={`progress-${lecture.slug}`} className="space-y-4" data-testid={`progress-${lecture.slug}`}>
          <h2 id={`progress-${lecture.slug}`} className="text-xl font-semibold">
            <Link href={`/lectures/${lecture.slug}`} className="hover:underline">
              Lecture {lecture.number}: {lecture.title}
            </Link>
          </h2>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Figure label="Notes" value={`${lecture.sectionsRead} / ${lecture.sectionCount} sections`} testId="figure-notes">
              <ProgressBar value={lecture.sectionsRead} total={lecture.sectionCount} label="Sections read" className="mt-2" />
            </Figure>
            <Figure label="Podcast" value={!lecture.hasPodcast ? "No episode" : lecture.podcastPercent === null ? "Transcript only" : `${lecture.podcastPercent}% heard`} testId="figure-podcast">
              {lecture.podcastPercent !== null ? <ProgressBar value={lecture.podcastPercent} total={100} label="Podcast heard" className="mt-2" /> : null}
            </Figure>
            <Figure
              label="Quiz"
              value={!lecture.quiz ? "No quiz" : lecture.quiz.bestPercent === null ? "Not taken" : `Best ${lecture.quiz.bestPercent}% · last ${lecture.quiz.lastPercent}%`}
              testId="figure-quiz"
            >
              {lecture.quiz ? (
                <p className="mt-1 text-xs text-slate-600" data-testid="figure-attempts">
                  {lecture.quiz.attemptsAllowed === null
                    ? `${lecture.quiz.attemptsUsed} attempt${lecture.quiz.attemptsUsed === 1 ? "" : "s"} used (no limit)`
                    : `${lecture.quiz.attemptsUsed} of ${lecture.quiz.attemptsAllowed} attempts used`}
                </p>
              ) : null}
            </Figure>
            <Figure label="Flashcards" value={`${lecture.flashcards.dueToday} due today`} testId="figure-cards">
              <p className="mt-1 text-xs text-slate-600" data-testid="figure-cards-detail">
                {lecture.flashcards.learned} learned of {lecture.flashcards.total} · {lecture.mistakes.total} in mistakes queue
              </p>
            </Figure>
          </dl>
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">
                Mastery by topic
                <span className="block text-xs font-normal text-slate-600">From your quiz answers (recent ones count more) and how well you recall its cards today. It fades when a topic is not practised.</span>
              </caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Topic
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Mastery
                  </th>
                  <th scope="col" className="px-4 py-2 text-right">
                    Answers
                  </th>
                  <th scope="col" className="px-4 py-2 text-right">
                    Cards
                  </th>
                </tr>
              </thead>
              <tbody>
                {lecture.topics.map((topic) => (
                  <tr key={topic.topic} className="border-t border-slate-100" data-testid={`mastery-${topic.topic}`}>
                    <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                      {topic.sectionKey ? (
                        <Link href={`/lectures/${lecture.slug}#${topic.sectionKey}`} className="hover:underline">
                          {topic.name}
                        </Link>
                      ) : (
                        topic.name
                      )}
                    </th>
                    <td className="px-4 py-2">
                      <div className="flex items-center gap-3">
                        <div className="h-2 w-24 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                          <div className={`h-full ${masteryColour(topic.mastery)}`} style={{ width: `${Math.round((topic.mastery ?? 0) * 100)}%` }} />
                        </div>
                        <span className="whitespace-nowrap text-slate-700" data-testid="mastery-value">
                          {topic.mastery === null ? masteryLabel(null) : `${Math.round(topic.mastery * 100)}% · ${masteryLabel(topic.mastery)}`}
                        </span>
                      </div>
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{topic.answers}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{topic.cards}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
