import Link from "next/link";
import { NextStepCard } from "@/components/progress/next-step-card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Section, StatGrid, StatTile } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { masteryLabel, STRONG_MASTERY, WEAK_MASTERY } from "@/lib/progress/mastery";
import type { MyProgress } from "@/lib/progress/data";

function masteryColour(mastery: number | null): string {
  if (mastery === null) return "bg-slate-300";
  if (mastery < WEAK_MASTERY) return "bg-red-500";
  if (mastery < STRONG_MASTERY) return "bg-amber-500";
  return "bg-emerald-600";
}

export function MyProgressView({ progress }: { progress: MyProgress }) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">My progress</h1>
        <p className="mt-1 text-slate-600">What you have read, heard, answered and remembered, lecture by lecture.</p>
        <p className="mt-2 text-sm">
          <Link href="/review/retention" className="font-medium text-indigo-700 underline underline-offset-2">
            How well you remember: your true retention and FSRS&apos;s calibration
          </Link>
        </p>
      </div>
      <NextStepCard step={progress.nextStep} />
      {progress.lectures.length === 0 ? <p className="text-slate-600">No lectures yet.</p> : null}
      {progress.lectures.map((lecture) => (
        <Section
          key={lecture.id}
          id={`progress-${lecture.slug}`}
          testId={`progress-${lecture.slug}`}
          className="space-y-4"
          title={
            <Link href={`/lectures/${lecture.slug}`} className="hover:underline">
              Lecture {lecture.number}: {lecture.title}
            </Link>
          }
        >
          <StatGrid>
            <StatTile label="Notes" value={`${lecture.sectionsRead} / ${lecture.sectionCount} sections`} testId="figure-notes">
              <ProgressBar value={lecture.sectionsRead} total={lecture.sectionCount} label="Sections read" className="mt-2" />
            </StatTile>
            <StatTile
              label="Podcast"
              value={!lecture.hasPodcast ? "No episode" : lecture.podcastPercent === null ? "Transcript only" : `${lecture.podcastPercent}% heard`}
              testId="figure-podcast"
            >
              {lecture.podcastPercent !== null ? <ProgressBar value={lecture.podcastPercent} total={100} label="Podcast heard" className="mt-2" /> : null}
            </StatTile>
            <StatTile
              label="Quiz"
              value={
                !lecture.quiz
                  ? "No quiz"
                  : lecture.quiz.bestPercent === null
                    ? "Not taken"
                    : `Best ${lecture.quiz.bestPercent}% · last ${lecture.quiz.lastPercent}%`
              }
              testId="figure-quiz"
            >
              {lecture.quiz ? (
                <p className="mt-1 text-xs text-slate-600" data-testid="figure-attempts">
                  {lecture.quiz.attemptsAllowed === null
                    ? `${lecture.quiz.attemptsUsed} attempt${lecture.quiz.attemptsUsed === 1 ? "" : "s"} used (no limit)`
                    : `${lecture.quiz.attemptsUsed} of ${lecture.quiz.attemptsAllowed} attempts used`}
                </p>
              ) : null}
            </StatTile>
            <StatTile label="Flashcards" value={`${lecture.flashcards.dueToday} due today`} testId="figure-cards">
              <p className="mt-1 text-xs text-slate-600" data-testid="figure-cards-detail">
                {lecture.flashcards.learned} learned of {lecture.flashcards.total} · {lecture.mistakes.total} in mistakes queue
                {lecture.own.total > 0 ? ` · ${lecture.own.dueToday} of your own ${lecture.own.total} cards due` : null}
              </p>
            </StatTile>
          </StatGrid>
          <Table
            captionTone="title"
            caption={
              <>
                Mastery by topic
                <span className="block text-xs font-normal text-slate-600">
                  From your quiz answers (recent ones count more) and how well you recall its cards today. It fades when a topic is not practised.
                </span>
              </>
            }
            head={
              <>
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
              </>
            }
          >
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
          </Table>
        </Section>
      ))}
    </div>
  );
}
