"use client";
// The player's state, driven by the <audio> element's events: where the play head is, whether it
// plays, the current chapter and line, what to announce, and the page-wide keyboard shortcuts.
// Saving what was heard is left to useListeningProgress, fed from the same events.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { isTypingTarget } from "@/components/ui/keyboard";
import { chapterIndexAt, lineIndexAt } from "@/lib/podcast/timing";
import type { InitialListeningProgress, PlayerEpisode } from "./player-episode";
import { useListeningProgress } from "./use-listening-progress";

export const BACK_SECONDS = 15;
export const FORWARD_SECONDS = 30;

/** `audioRef` is the episode's <audio> element; spread the returned `audioEvents` on it. */
export function usePodcastPlayback(audioRef: RefObject<HTMLAudioElement | null>, episode: PlayerEpisode, initialProgress: InitialListeningProgress) {
  const audio = episode.audio;
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
  const lastChapter = useRef(-1);

  const seekTo = useCallback(
    (seconds: number) => {
      const element = audioRef.current;
      if (!element || !audio) return;
      element.currentTime = Math.min(Math.max(0, seconds), audio.duration);
      setTime(element.currentTime);
    },
    [audio, audioRef],
  );

  const togglePlay = useCallback(() => {
    const element = audioRef.current;
    if (!element) return;
    if (element.paused) {
      element.play().catch((error: unknown) => setAudioError(`The audio could not start: ${error instanceof Error ? error.message : String(error)}`));
    } else element.pause();
  }, [audioRef]);

  const skip = useCallback((delta: number) => seekTo((audioRef.current?.currentTime ?? 0) + delta), [audioRef, seekTo]);

  const setSpeed = (next: number) => {
    setRate(next);
    if (audioRef.current) audioRef.current.playbackRate = next;
  };

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

  const onError = () => setAudioError("The audio could not be loaded. Check your connection and reload the page.");

  return {
    audioEvents: { onLoadedMetadata, onTimeUpdate, onSeeking, onPlay, onPause, onError },
    time,
    duration: audio?.duration ?? 0,
    playing,
    rate,
    setSpeed,
    seekTo,
    skip,
    togglePlay,
    currentLine,
    currentChapter,
    announcement,
    audioError,
    percentHeard: listening.percent,
    saveError: listening.saveError,
  };
}

export type PodcastPlayback = ReturnType<typeof usePodcastPlayback>;
