"use client";
// What a listener heard, saved as they go: the stretches played since the last save (tracked outside
// React state, since they change on every timeupdate), sent every few seconds while playing, on pause
// and when the page is hidden or left, one save at a time; a failed save keeps them for the next.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { thrownFailureMessage } from "@/components/ui/resilient-action";
import { saveListeningProgressAction } from "@/lib/podcast/actions";

/** While playing, the position and heard ranges are saved this often (and on pause, seek and leaving). */
const SAVE_EVERY_MS = 5000;

export function useListeningProgress({
  audioRef,
  episodeId,
  hasAudio,
  initial,
  playing,
}: {
  audioRef: RefObject<HTMLAudioElement | null>;
  episodeId: string;
  hasAudio: boolean;
  initial: { position: number; percentHeard: number | null };
  playing: boolean;
}) {
  const [percent, setPercent] = useState(initial.percentHeard);
  const [saveError, setSaveError] = useState<string | null>(null);
  // The stretch playing now and what was heard since the last save.
  const tracking = useRef({
    segmentStart: null as number | null,
    lastTime: initial.position,
    pending: [] as [number, number][],
    seekedBack: false,
    lastSaved: initial.position,
  });
  const saveChain = useRef<Promise<void>>(Promise.resolve());

  const closeSegment = useCallback((stillPlaying: boolean) => {
    const t = tracking.current;
    if (t.segmentStart !== null && t.lastTime > t.segmentStart) t.pending.push([t.segmentStart, t.lastTime]);
    t.segmentStart = stillPlaying ? t.lastTime : null;
  }, []);

  const save = useCallback(() => {
    const element = audioRef.current;
    if (!element || !hasAudio) return;
    const t = tracking.current;
    const position = element.currentTime;
    if (t.pending.length === 0 && !t.seekedBack && Math.abs(position - t.lastSaved) < 0.5) return;
    const payload = { episodeId, position, heard: t.pending.splice(0), seeked: t.seekedBack };
    t.seekedBack = false;
    saveChain.current = saveChain.current.then(async () => {
      try {
        const result = await saveListeningProgressAction(null, payload);
        if (!result.ok) throw new Error(result.message);
        t.lastSaved = position;
        setPercent(result.data.percentHeard);
        setSaveError(null);
      } catch (failure) {
        // Keep what was heard for the next save.
        t.pending.unshift(...payload.heard);
        if (payload.seeked) t.seekedBack = true;
        setSaveError(thrownFailureMessage(failure));
      }
    });
  }, [audioRef, hasAudio, episodeId]);

  // Periodic saves while playing, and a last one when the page is hidden or left.
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      closeSegment(true);
      save();
    }, SAVE_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [playing, closeSegment, save]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState !== "hidden") return;
      closeSegment(!audioRef.current?.paused);
      save();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onHide);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onHide);
    };
  }, [audioRef, closeSegment, save]);

  /** The play head was put at `time` without playing (metadata loaded, position restored). */
  const moved = useCallback((time: number) => {
    tracking.current.lastTime = time;
  }, []);

  /** Playback started at `time`: a new stretch begins. */
  const started = useCallback((time: number) => {
    tracking.current.segmentStart = time;
    tracking.current.lastTime = time;
  }, []);

  /** A timeupdate while playing: the stretch grows, or a jump closes it and starts another. */
  const played = useCallback(
    (element: HTMLAudioElement) => {
      const t = tracking.current;
      const now = element.currentTime;
      if (element.paused || t.segmentStart === null) return;
      if (now >= t.lastTime && now - t.lastTime < 3 * element.playbackRate) t.lastTime = now;
      else {
        closeSegment(false);
        t.segmentStart = now;
        t.lastTime = now;
      }
    },
    [closeSegment],
  );

  /** A seek: the stretch ends; moving back lets the saved position go back too. */
  const seeking = useCallback(
    (element: HTMLAudioElement) => {
      const t = tracking.current;
      closeSegment(false);
      if (element.currentTime < t.lastTime - 0.5) t.seekedBack = true;
      t.lastTime = element.currentTime;
      if (!element.paused) t.segmentStart = element.currentTime;
    },
    [closeSegment],
  );

  return { closeSegment, save, moved, started, played, seeking, percent, saveError };
}
