"use client";

import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes, forgetLecture, hasDeviceCaches, keepLecture, keptLecture, type KeptLecture } from "@/lib/offline/device-copies";

interface Props {
  pages: string[];
  audio: { url: string; bytes: number } | null;
}

/** Waits this long after the page settles before keeping the lecture, so that it never slows the page. */
const KEEP_AFTER_MS = 4000;
/** Kept pages younger than this are not fetched again when the lecture is opened. */
const FRESH_FOR_MS = 30 * 60_000;

type Phase = { kind: "checking" } | { kind: "idle"; kept: KeptLecture } | { kind: "keeping" } | { kind: "failed"; message: string };

const saveData = () => (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;

/**
 * Keeps the lecture the student opened on the device (its notes, quiz intro, flashcards and podcast
 * page, and the episode's audio unless the browser asks to save data) and says so, with the size; or
 * offers "Download this lecture" when it is not all there, and "Remove from this device" when it is.
 */
export function LectureOffline({ pages, audio }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: "checking" });
  const audioUrl = audio?.url ?? null;

  const refresh = useCallback(async () => setPhase({ kind: "idle", kept: await keptLecture(pages, audioUrl) }), [pages, audioUrl]);

  const download = useCallback(
    async (withAudio: boolean, maxAgeMs: number) => {
      setPhase({ kind: "keeping" });
      try {
        await keepLecture(pages, audioUrl, { audio: withAudio, maxAgeMs });
        await refresh();
      } catch {
        setPhase({ kind: "failed", message: "The lecture could not be saved on this device. Check your connection and try again." });
      }
    },
    [pages, audioUrl, refresh],
  );

  useEffect(() => {
    if (!hasDeviceCaches()) return;
    const check = setTimeout(() => void refresh(), 0);
    const timer = navigator.onLine ? setTimeout(() => void download(!saveData(), FRESH_FOR_MS), KEEP_AFTER_MS) : undefined;
    return () => {
      clearTimeout(check);
      clearTimeout(timer);
    };
  }, [download, refresh]);

  if (!hasDeviceCaches() || phase.kind === "checking") return null;
  const estimate = (audio?.bytes ?? 0) + 200 * 1024 * pages.length;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600" data-testid="lecture-offline">
      {phase.kind === "keeping" ? (
        <span role="status">Saving this lecture on your device…</span>
      ) : phase.kind === "failed" ? (
        <>
          <span role="alert" className="text-red-800">
            {phase.message}
          </span>
          <Button variant="secondary" className="min-h-11" onClick={() => void download(true, 0)}>
            Try again
          </Button>
        </>
      ) : phase.kept.keptPages === phase.kept.totalPages && phase.kept.audioKept ? (
        <>
          <span role="status">
            <span aria-hidden="true">✓ </span>Available offline · {formatBytes(phase.kept.bytes)} on this device
          </span>
          <Button variant="ghost" className="min-h-11 px-2 underline" onClick={() => void forgetLecture(pages, audioUrl).then(refresh)}>
            Remove from this device
          </Button>
        </>
      ) : (
        <Button variant="secondary" className="min-h-11" onClick={() => void download(true, 0)}>
          Download this lecture ({formatBytes(Math.max(estimate, phase.kept.bytes))})
        </Button>
      )}
    </div>
  );
}
