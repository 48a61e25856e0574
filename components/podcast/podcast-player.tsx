"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { isTypingTarget } from "@/components/ui/keyboard";
import { ProgressBar } from "@/components/ui/progress-bar";
import { chapterIndexAt, formatClock, lineIndexAt, spokenDuration } from "@/lib/podcast/timing";
import { EpisodeChapters } from "./episode-chapters";
import { EpisodeTranscript } from "./episode-transcript";
import { useListeningProgress } from "./use-listening-progress";

export interface PlayerEpisode {
  id: string;
  title: string;
  lectureSlug: string;
  chapters: { key: string; title: string; sectionKey: string | null; sectionTitle: string | null; start: number | null }[];
  lines: { hostId: string; hostName: string; chapter: string; text: string; start: number | null; end: number | null }[];
  audio: { url: string; downloadUrl: string; duration: number; bytes: number } | null;
  audioProblem: string | null;
}

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
const BACK_SECONDS = 15;
const FORWARD_SECONDS = 30;

export function PodcastPlayer({ episode, initialProgress }: { episode: PlayerEpisode; initialProgress: { position: number; percentHeard: number | null } }) {
  const audio = episode.audio;
  const audioRef = useRef<HTMLAudioElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // Marks the player as interactive (its keyboard shortcuts listen from here on); tests wait for it.
  useEffect(() => rootRef.current?.setAttribute("data-hydrated", "true"), []);
  const [time, setTime] = useState(initialProgress.position);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [announcement, setAnnouncement] = useState("");
  const [audioError, setAudioError] = useState<string | null>(null);

  const timedLines = useMemo(() => episode.lines.map((l) => ({ start: l.start ?? 0, end: l.end ?? 0 })), [episode.lines]);
  const timedChapters = useMemo(() => episode.chapters.map((c) => ({ key: c.key, start: c.start ?? 0, end: 0 })), [episode.chapters]);
  const currentLine = audio ? lineIndexAt(timedLines, time) : -1;
  const currentChapter = audio ? chapterIndexAt(timedChapters, time) : -1;
  const listening = useListeningProgress({ audioRef, episodeId: episode.id, hasAudio: audio !== null, initial: initialProgress, playing });
  const { percent, saveError } = listening;
  const lastChapter = useRef(-1);


  const seekTo = useCallback(
    (seconds: number) => {
      const element = audioRef.current;
      if (!element || !audio) return;
      element.currentTime = Math.min(Math.max(0, seconds), audio.duration);
      setTime(element.currentTime);
    },
    [audio],
  );

  const togglePlay = useCallback(() => {
    const element = audioRef.current;
    if (!element) return;
    if (element.paused) {
      element.play().catch((error: unknown) => setAudioError(`The audio could not start: ${error instanceof Error ? error.message : String(error)}`));
    } else element.pause();
  }, []);

  const skip = useCallback((delta: number) => seekTo((audioRef.current?.currentTime ?? 0) + delta), [seekTo]);

  // Keyboard shortcuts for the whole page, except while typing in a field.
  useEffect(() => {
    if (!audio) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "k" || (key === " " && (event.target as HTMLElement | null)?.tagName === "BODY")) togglePlay();
      else if (key === "j") skip(-BACK_SECONDS);
      else if (key === "l") skip(FORWARD_SECONDS);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [audio, togglePlay, skip]);


  const onLoadedMetadata = () => {
    const element = audioRef.current;
    if (!element || !audio) return;
    const start = initialProgress.position;
    // A finished episode starts again from the beginning.
    if (start > 0 && start < audio.duration - 2) element.currentTime = start;
    listening.moved(element.currentTime);
    setTime(element.currentTime);
  };

  // A cached file can load its metadata before React has attached onLoadedMetadata (events that fire
  // before hydration are not replayed): then restore the position once, as soon as the player mounts.
  const restoredEarly = useRef(false);
  useEffect(() => {
    if (restoredEarly.current || (audioRef.current?.readyState ?? 0) < 1) return;
    restoredEarly.current = true;
    onLoadedMetadata();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  const onTimeUpdate = () => {
    const element = audioRef.current;
    if (!element) return;
    const now = element.currentTime;
    listening.played(element);
    const chapter = chapterIndexAt(timedChapters, now);
    if (chapter !== lastChapter.current) {
      if (lastChapter.current !== -1 && chapter >= 0 && !element.paused) setAnnouncement(`Chapter ${chapter + 1}: ${episode.chapters[chapter]!.title}`);
      lastChapter.current = chapter;
    }
    setTime(now);
  };

  const onSeeking = () => {
    if (audioRef.current) listening.seeking(audioRef.current);
  };

  const onPlay = () => {
    const element = audioRef.current!;
    listening.started(element.currentTime);
    setPlaying(true);
    setAudioError(null);
    setAnnouncement("Playing");
  };

  const onPause = () => {
    listening.closeSegment(false);
    setPlaying(false);
    setAnnouncement(audioRef.current?.ended ? "Episode finished" : "Paused");
    listening.save();
  };

  const duration = audio?.duration ?? 0;
  const hosts = [...new Set(episode.lines.map((l) => l.hostName))];

  return (
    <div ref={rootRef} className="space-y-6" data-testid="podcast-player">
      <section aria-labelledby="episode-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="episode-title" className="text-xl font-semibold text-slate-900">
              {episode.title}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              With {hosts.join(" and ")}
              {audio ? ` · ${Math.round(audio.duration / 60)} min` : null} · {episode.chapters.length} chapters
            </p>
          </div>
          {audio ? (
            <a href={audio.downloadUrl} download className="text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
              Download MP3 ({(audio.bytes / 1e6).toFixed(1)} MB)
            </a>
          ) : null}
        </div>

        {audio ? (
          <>
            <audio
              ref={audioRef}
              src={audio.url}
              preload="metadata"
              onLoadedMetadata={onLoadedMetadata}
              onTimeUpdate={onTimeUpdate}
              onSeeking={onSeeking}
              onPlay={onPlay}
              onPause={onPause}
              onError={() => setAudioError("The audio could not be loaded. Check your connection and reload the page.")}
              data-testid="podcast-audio"
            />
            <div className="mt-5 flex flex-wrap items-center gap-2 sm:gap-3">
              <button type="button" onClick={() => skip(-BACK_SECONDS)} className={controlClass} title={`Back ${BACK_SECONDS} seconds (J)`}>
                <span aria-hidden="true">↺</span> {BACK_SECONDS}s<span className="sr-only"> back</span>
              </button>
              <button type="button" onClick={togglePlay} className="inline-flex h-12 min-w-24 items-center justify-center rounded-full bg-indigo-600 px-5 text-base font-semibold text-white shadow-sm hover:bg-indigo-700 focus-visible:outline-offset-2">
                {playing ? "Pause" : time > 0.5 ? "Resume" : "Play"}
              </button>
              <button type="button" onClick={() => skip(FORWARD_SECONDS)} className={controlClass} title={`Forward ${FORWARD_SECONDS} seconds (L)`}>
                {FORWARD_SECONDS}s<span className="sr-only"> forward</span> <span aria-hidden="true">↻</span>
              </button>
              <span className="ml-1 font-mono text-sm tabular-nums text-slate-700" data-testid="podcast-clock">
                {formatClock(time)} / {formatClock(duration)}
              </span>
              <label className="ml-auto flex items-center gap-2 text-sm text-slate-700">
                Speed
                <select
                  value={rate}
                  onChange={(event) => {
                    const next = Number(event.target.value);
                    setRate(next);
                    if (audioRef.current) audioRef.current.playbackRate = next;
                  }}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                >
                  {SPEEDS.map((speed) => (
                    <option key={speed} value={speed}>
                      {speed}×
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <input
              type="range"
              min={0}
              max={Math.max(1, Math.floor(duration))}
              step={1}
              value={Math.min(Math.floor(time), Math.floor(duration))}
              onChange={(event) => seekTo(Number(event.target.value))}
              aria-label="Position in the episode"
              aria-valuetext={`${spokenDuration(time)} of ${spokenDuration(duration)}`}
              className="mt-4 w-full accent-indigo-600"
            />
            <p className="mt-1 text-xs text-slate-500">
              Keys: <kbd className={kbdClass}>K</kbd> or <kbd className={kbdClass}>Space</kbd> play or pause, <kbd className={kbdClass}>J</kbd> back {BACK_SECONDS} s,{" "}
              <kbd className={kbdClass}>L</kbd> forward {FORWARD_SECONDS} s. Click a line of the transcript to jump to it.
            </p>
            <div className="mt-4 space-y-1">
              <p className="flex justify-between text-xs text-slate-600">
                <span>Heard</span>
                <span data-testid="podcast-heard">{percent ?? 0}% of the episode</span>
              </p>
              <ProgressBar value={percent ?? 0} total={100} label="Share of the episode heard" />
            </div>
            {audioError ? <div className="mt-4"><Alert tone="error">{audioError}</Alert></div> : null}
            {saveError ? <div className="mt-4"><Alert tone="error">Your listening position was not saved: {saveError}</Alert></div> : null}
          </>
        ) : (
          <div className="mt-4">
            <Alert>
              {episode.audioProblem === "out-of-date"
                ? "The audio on this server was built from an older version of the script, so only the transcript is shown."
                : "The audio for this episode has not been built on this server yet, so only the transcript is shown."}{" "}
              To build it, run <code className="rounded bg-white/70 px-1">npm run podcast:build</code> on the server (it needs Debian&apos;s{" "}
              <code className="rounded bg-white/70 px-1">espeak-ng</code> and <code className="rounded bg-white/70 px-1">lame</code> packages); <code className="rounded bg-white/70 px-1">npm start</code> builds it too when they are installed.
            </Alert>
          </div>
        )}
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <EpisodeChapters episode={episode} currentChapter={currentChapter} onSeek={audio ? seekTo : null} />
        <EpisodeTranscript episode={episode} currentLine={currentLine} playing={playing} onSeek={audio ? seekTo : null} />
      </div>
    </div>
  );
}

const controlClass = "inline-flex h-10 items-center gap-1 rounded-full border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";
const kbdClass = "rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[0.7rem]";
