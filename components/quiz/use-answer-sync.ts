"use client";

import { useEffect, useRef, useState } from "react";
import { saveAnswerAction } from "@/lib/quiz/actions";
import { deviceStore } from "@/lib/offline/device-store";
import { readPendingAnswers, writePendingAnswers } from "@/lib/offline/pending-answers";
import { waitForOnline } from "./wait-for-online";
import { AnswerSync, type Answer, type AnswerSyncOptions, type FlushResult, type SyncStatus } from "./answer-sync";

export const newRequestKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

interface Handlers {
  onStale: (index: number, stored: Answer) => void;
  onClosed: (message: string) => void;
  /** Answers an earlier page left unsent on this device: shown again, and sent. */
  onRestored: (answers: { index: number; answer: Answer }[]) => void;
}

/**
 * The attempt page's AnswerSync: created when the page mounts (disposed when it goes, so a retry
 * loop never outlives it), with its status as React state. What is not yet stored is mirrored on the
 * device, so that without a connection a reload or a closed tab loses nothing; where the browser keeps
 * nothing, leaving the page while answers are not yet stored asks the browser to confirm.
 */
export function useAnswerSync(attemptId: string, lectureSlug: string, questions: AnswerSyncOptions["questions"], handlers: Handlers) {
  const [status, setStatus] = useState<SyncStatus>({ kind: "idle" });
  const [initialQuestions] = useState(questions);
  const syncRef = useRef<AnswerSync | null>(null);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const kept = deviceStore() !== null;
    let restored = !kept;
    const sync = new AnswerSync({
      questions: initialQuestions,
      send: (request) => saveAnswerAction(null, { attemptId, ...request }),
      newKey: newRequestKey,
      onStatus: setStatus,
      onStale: (index, stored) => handlersRef.current.onStale(index, stored),
      onClosed: (message) => handlersRef.current.onClosed(message),
      // Written only once the device's earlier copy was read, so that it is never overwritten unread.
      persist: (pending) => {
        if (restored) void writePendingAnswers({ attemptId, lectureSlug, ...pending });
      },
      waitForConnection: waitForOnline,
    });
    syncRef.current = sync;
    if (kept) {
      void readPendingAnswers(attemptId)
        .then((pending) => {
          restored = true;
          if (!pending) return sync.restore({ sending: null, waiting: [] });
          const byPosition = new Map(initialQuestions.map((q, index) => [q.position, index]));
          const shown = [
            ...pending.waiting.map((w) => ({ position: w.position, answer: w.answer })),
            ...(pending.sending ? [{ position: pending.sending.position, answer: pending.sending }] : []),
          ];
          handlersRef.current.onRestored(
            shown
              .filter(({ position }) => byPosition.has(position))
              .map(({ position, answer }) => ({
                index: byPosition.get(position)!,
                answer: { chosen: answer.chosen, text: answer.text ?? null, flagged: answer.flagged },
              })),
          );
          sync.restore(pending);
        })
        .catch(() => (restored = true));
    }
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (!kept && !sync.isSettled) event.preventDefault();
    };
    window.addEventListener("beforeunload", warnIfUnsaved);
    return () => {
      window.removeEventListener("beforeunload", warnIfUnsaved);
      sync.dispose();
    };
  }, [attemptId, lectureSlug, initialQuestions]);

  return {
    status,
    enqueue: (index: number, answer: Answer, timeSpentMs: number) => syncRef.current?.enqueue(index, answer, timeSpentMs),
    retryFailed: () => syncRef.current?.retryFailed(),
    /** Resolves once every answer is stored, a save failed, or the attempt closed. */
    flush: (): Promise<FlushResult> => syncRef.current?.flush() ?? Promise.resolve("failed"),
  };
}
