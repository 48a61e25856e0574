"use client";

import { useEffect, useRef } from "react";
import { formatClock } from "@/lib/podcast/timing";
import type { PlayerEpisode } from "./player-episode";

/** The transcript: the current line marked and kept in view while playing; a line seeks to it. */
export function EpisodeTranscript({
  episode,
  currentLine,
  playing,
  onSeek,
}: {
  episode: PlayerEpisode;
  currentLine: number;
  playing: boolean;
  onSeek: ((seconds: number) => void) | null;
}) {
  const transcriptRef = useRef<HTMLOListElement>(null);

  // Keep the current line in view inside the transcript box (not the page) while playing.
  useEffect(() => {
    const list = transcriptRef.current;
    if (!playing || !list || currentLine < 0) return;
    const item = list.children[currentLine] as HTMLElement | undefined;
    if (!item) return;
    const top = item.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: reduce ? "auto" : "smooth" });
    }
  }, [currentLine, playing]);

  return (
    <section aria-labelledby="transcript-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="transcript-title" className="text-lg font-semibold">
        Transcript
      </h2>
      <ol ref={transcriptRef} className="relative mt-3 max-h-[32rem] space-y-1 overflow-y-auto pr-1" data-testid="transcript" tabIndex={-1}>
        {episode.lines.map((line, i) => {
          const current = i === currentLine;
          const body = (
            <>
              <span className={`font-semibold ${line.hostId === episode.lines[0]?.hostId ? "text-indigo-800" : "text-emerald-800"}`}>{line.hostName}: </span>
              <span>{line.text}</span>
            </>
          );
          return (
            <li
              key={i}
              aria-current={current ? "true" : undefined}
              className={`rounded-lg text-sm leading-relaxed ${current ? "bg-amber-100 text-slate-950" : "text-slate-700"}`}
            >
              {onSeek && line.start !== null ? (
                <button
                  type="button"
                  onClick={() => onSeek(line.start!)}
                  className="w-full rounded-lg px-2 py-1.5 text-left hover:bg-slate-50"
                  aria-label={`${formatClock(line.start)}, ${line.hostName}: ${line.text}`}
                >
                  {body}
                </button>
              ) : (
                <p className="px-2 py-1.5">{body}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
