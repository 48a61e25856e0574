"use client";

import { formatClock, spokenDuration } from "@/lib/podcast/timing";
import { BACK_SECONDS, FORWARD_SECONDS, type PodcastPlayback } from "./use-podcast-playback";

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

const controlClass =
  "inline-flex h-10 items-center gap-1 rounded-full border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";
const playClass =
  "inline-flex h-12 min-w-24 items-center justify-center rounded-full bg-indigo-600 px-5 text-base font-semibold text-white shadow-sm " +
  "hover:bg-indigo-700 focus-visible:outline-offset-2";
const kbdClass = "rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[0.7rem]";

/** Back, play or pause, forward, the clock and the speed; then the seek bar and the keyboard hint. */
export function PlayerControls({ playback }: { playback: PodcastPlayback }) {
  const { time, duration, playing, rate, setSpeed, seekTo, skip, togglePlay } = playback;
  return (
    <>
      <div className="mt-5 flex flex-wrap items-center gap-2 sm:gap-3">
        <button type="button" onClick={() => skip(-BACK_SECONDS)} className={controlClass} title={`Back ${BACK_SECONDS} seconds (J)`}>
          <span aria-hidden="true">↺</span> {BACK_SECONDS}s<span className="sr-only"> back</span>
        </button>
        <button type="button" onClick={togglePlay} className={playClass}>
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
            onChange={(event) => setSpeed(Number(event.target.value))}
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
        <span className="keyboard-hint">
          Keys: <Key>K</Key> or <Key>Space</Key> play or pause, <Key>J</Key> back {BACK_SECONDS} s, <Key>L</Key> forward {FORWARD_SECONDS} s.{" "}
        </span>
        {/* On a touch screen the keys are not told; the transcript works with a tap. */}
        Click or tap a line of the transcript to jump to it.
      </p>
    </>
  );
}

function Key({ children }: { children: string }) {
  return <kbd className={kbdClass}>{children}</kbd>;
}
