"use client";

import { useEffect, useRef, useState } from "react";
import { saveAnswerAction } from "@/lib/quiz/actions";
import { AnswerSync, type Answer, type AnswerSyncOptions, type FlushResult, type SyncStatus } from "./answer-sync";

export const newRequestKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

interface Handlers {
  onStale: (index: number, stored: Answer) => void;
  onClosed: (message: string) => void;
}

/**
 * The attempt page's AnswerSync: created when the page mounts (disposed when it goes, so a retry
 * loop never outlives it), with its status as React state. Leaving the page while answers are not
 * yet stored asks the browser to confirm.
 */
export function useAnswerSync(attemptId: string, questions: AnswerSyncOptions["questions"], handlers: Handlers) {
  const [status, setStatus] = useState<SyncStatus>({ kind: "idle" });
  const [initialQuestions] = useState(questions);
  const syncRef = useRef<AnswerSync | null>(null);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    const sync = new AnswerSync({
      questions: initialQuestions,
      send: (request) => saveAnswerAction(null, { attemptId, ...request }),
      newKey: newRequestKey,
      onStatus: setStatus,
      onStale: (index, stored) => handlersRef.current.onStale(index, stored),
      onClosed: (message) => handlersRef.current.onClosed(message),
    });
    syncRef.current = sync;
    const warnIfUnsaved = (event: BeforeUnloadEvent) => {
      if (!sync.isSettled) event.preventDefault();
    };
    window.addEventListener("beforeunload", warnIfUnsaved);
    return () => {
      window.removeEventListener("beforeunload", warnIfUnsaved);
      sync.dispose();
    };
  }, [attemptId, initialQuestions]);

  return {
    status,
    enqueue: (index: number, answer: Answer, timeSpentMs: number) => syncRef.current?.enqueue(index, answer, timeSpentMs),
    retryFailed: () => syncRef.current?.retryFailed(),
    /** Resolves once every answer is stored, a save failed, or the attempt closed. */
    flush: (): Promise<FlushResult> => syncRef.current?.flush() ?? Promise.resolve("failed"),
  };
}
