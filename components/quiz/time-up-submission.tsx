"use client";

import { useEffect, useRef } from "react";
import { SaveStatus } from "@/components/ui/save-status";
import type { FlushResult } from "./answer-sync";
import { useSubmission } from "./use-submission";

// Nothing is waiting on this page: the answers that count are the ones the server stored in time.
const nothingToSave = async (): Promise<FlushResult> => "stored";

/**
 * The step shown for an attempt whose time ran out before it was submitted (the countdown ended, or
 * the student comes back later). Pages only read, so this step is the write: it submits the attempt
 * through the same action as the Submit button — scored as of its deadline, with the answers saved
 * before it — retried through an outage, then opens the results.
 */
export function TimeUpSubmission({ attemptId, attemptNumber, quizTitle }: { attemptId: string; attemptNumber: number; quizTitle: string }) {
  const submission = useSubmission(attemptId, nothingToSave);
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void submission.submit();
  }, [submission]);

  return (
    <section aria-labelledby="time-up-title" className="max-w-2xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h2 id="time-up-title" className="text-2xl font-semibold tracking-tight">
        Time is up
      </h2>
      <p className="mt-2 text-slate-600">
        {quizTitle} · attempt {attemptNumber} is submitted with the answers saved before the time limit. Your results open next.
      </p>
      <div className="mt-4">
        <SaveStatus status={submission.status ?? { kind: "submitting" }} onRetry={() => void submission.submit()} />
      </div>
    </section>
  );
}
