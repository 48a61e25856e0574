import Link from "next/link";
import { formatClock } from "@/lib/podcast/timing";
import type { PlayerEpisode } from "./player-episode";

/** The episode's chapters, each a seek button (when there is audio) and a link to its notes section. */
export function EpisodeChapters({
  episode,
  currentChapter,
  onSeek,
}: {
  episode: PlayerEpisode;
  currentChapter: number;
  onSeek: ((seconds: number) => void) | null;
}) {
  return (
    <section aria-labelledby="chapters-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="chapters-title" className="text-lg font-semibold">
        Chapters
      </h2>
      <ol className="mt-3 space-y-1">
        {episode.chapters.map((chapter, i) => (
          <li
            key={chapter.key}
            aria-current={i === currentChapter ? "true" : undefined}
            className={`rounded-lg px-2 py-1.5 ${i === currentChapter ? "bg-indigo-50" : ""}`}
          >
            {onSeek && chapter.start !== null ? (
              <button
                type="button"
                onClick={() => onSeek(chapter.start!)}
                className="flex min-h-11 w-full items-center gap-2 text-left text-sm font-medium text-slate-900 hover:text-indigo-800 sm:min-h-0 sm:items-baseline"
              >
                <span className="font-mono text-xs tabular-nums text-slate-600">{formatClock(chapter.start)}</span>
                <span>{chapter.title}</span>
              </button>
            ) : (
              <span className="text-sm font-medium text-slate-900">{chapter.title}</span>
            )}
            {chapter.sectionKey ? (
              <Link
                href={`/lectures/${episode.lectureSlug}#${chapter.sectionKey}`}
                className="flex min-h-11 items-center text-xs text-indigo-700 underline underline-offset-2 sm:block sm:min-h-0 sm:pl-11"
              >
                Notes: {chapter.sectionTitle ?? chapter.sectionKey}
              </Link>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
