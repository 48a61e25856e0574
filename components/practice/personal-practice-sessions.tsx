import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { formatUtcMinute } from "@/lib/dates";
import type { PersonalSessionSummary } from "@/lib/practice/personal/data";
import { formatPercent, practiceSessionPath } from "@/lib/practice/personal/options";

/** The personal practice quiz in progress, with a link to carry on. */
export function OpenPersonalPractice({ lectureSlug, session }: { lectureSlug: string; session: PersonalSessionSummary }) {
  return (
    <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-950" data-testid="open-personal-practice">
      <p>
        You have a personal practice quiz in progress: {session.answered} of {session.total} answered
        {session.topics.length > 0 ? ` (${session.topics.join(", ")})` : ""}.
      </p>
      <Link href={practiceSessionPath(lectureSlug, session.id)} className={buttonClasses("primary", "mt-3")}>
        Continue it
      </Link>
    </div>
  );
}

/** The student's latest finished personal practice quizzes. */
export function RecentPersonalPractice({ sessions }: { sessions: PersonalSessionSummary[] }) {
  if (sessions.length === 0) return null;
  return (
    <section aria-labelledby="recent-practice-title" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="recent-practice-title" className="font-semibold">
        Your recent practice
      </h2>
      <ol className="mt-3 divide-y divide-slate-100 text-sm" data-testid="recent-personal-practice">
        {sessions.map((s) => (
          <li key={s.id} className="py-2">
            <span className="block text-slate-900">
              {s.correct} of {s.answered} right{s.answered > 0 ? ` (${formatPercent(s.correct / s.answered)})` : ""}
              {s.target !== null ? `, aimed at ${formatPercent(s.target)}` : ""}
              {s.abandoned ? " · ended early" : ""}
            </span>
            <span className="block text-xs text-slate-600">
              <time dateTime={s.createdAt.toISOString()}>{formatUtcMinute(s.createdAt)} UTC</time>
              {s.topics.length > 0 ? ` · ${s.topics.join(", ")}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
