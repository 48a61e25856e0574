"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { callWithRetry, failureMessage } from "@/components/ui/resilient-action";
import type { SaveStatusState } from "@/components/ui/save-status";
import { submitAttemptAction } from "@/lib/quiz/actions";
import type { FlushResult } from "./answer-sync";
import { newRequestKey } from "./use-answer-sync";

/**
 * Submitting the attempt: first every answer is stored (saves go first, in order), then the
 * submission is sent — with one key for this page, so a retry after a lost reply is the same
 * submission — and retried through an outage; on success the results open. If a save found the
 * attempt closed (time up), the submission still goes: it answers with the stored result.
 */
export function useSubmission(attemptId: string, flushSaves: () => Promise<FlushResult>) {
  const router = useRouter();
  const [submissionKey] = useState(newRequestKey);
  const [status, setStatus] = useState<SaveStatusState | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  /** Resolves false when an answer could not be stored first (the saving status says why). */
  async function submit(): Promise<boolean> {
    if ((await flushSaves()) === "failed") return false;
    abort.current = new AbortController();
    setStatus({ kind: "submitting" });
    const result = await callWithRetry(() => submitAttemptAction(null, { attemptId, idempotencyKey: submissionKey }), {
      signal: abort.current.signal,
      onRetrying: (failure) => setStatus({ kind: "retrying", reason: failure.kind === "network" ? "offline" : "busy" }),
    });
    if (result.ok) router.push(result.data.resultsUrl);
    else if (!abort.current.signal.aborted) setStatus({ kind: "failed", message: `Not submitted: ${failureMessage(result.failure)}` });
    return true;
  }

  return { status, submit };
}
