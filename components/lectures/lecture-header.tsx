"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

interface Props {
  base: string;
  courseTitle: string;
  number: number;
  title: string;
  summary: string | null;
}

/** Pages where the student is doing something (an attempt, practice, a review): the task comes first. */
export function isTaskPage(pathname: string, base: string): boolean {
  if (!pathname.startsWith(`${base}/`)) return false;
  const rest = pathname.slice(base.length);
  return /^\/quiz\/(attempts\/[^/]+$|practice\/|personal$)/.test(rest) || rest === "/flashcards";
}

/**
 * The lecture's title and summary. During a task the header is one compact line (on a phone the
 * question or card is then on the first screen); elsewhere the summary shows from a tablet up, and on
 * a phone on the notes only.
 */
export function LectureHeader({ base, courseTitle, number, title, summary }: Props) {
  const pathname = usePathname();
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      <Link href="/" className="hover:underline">
        {courseTitle}
      </Link>
      <span aria-hidden="true"> / </span>
      <span>Lecture {number}</span>
    </nav>
  );
  if (isTaskPage(pathname, base))
    return (
      <div data-testid="lecture-header" data-compact="true">
        {breadcrumb}
        <h1 className="mt-0.5 truncate text-base font-semibold text-slate-900 sm:text-lg">{title}</h1>
      </div>
    );
  return (
    <div data-testid="lecture-header">
      {breadcrumb}
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{title}</h1>
      {summary ? <p className={`mt-2 max-w-3xl text-slate-600 ${pathname === base ? "" : "hidden sm:block"}`}>{summary}</p> : null}
    </div>
  );
}
