"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { NETWORK_ERROR_MESSAGE } from "@/components/ui/resilient-action";
import { generateItemsAction } from "@/lib/generate/actions";
import type { RunView } from "@/lib/generate/data";

const STATUS_TEXT: Record<RunView["status"], string> = {
  QUEUED: "Waiting for the language model…",
  RUNNING: "The language model is drafting…",
  DONE: "Done.",
  FAILED: "The language model could not draft items.",
};

/** Follows a model run's progress stream until it ends, then refreshes the page to show its items. */
function useRunProgress(initial: RunView | null, onEnd: () => void): RunView | null {
  const [run, setRun] = useState(initial);
  const id = initial?.id;
  const open = initial && (initial.status === "QUEUED" || initial.status === "RUNNING");
  useEffect(() => {
    if (!id || !open) return;
    const source = new EventSource(`/api/generation-runs/${id}/events`);
    source.addEventListener("progress", (event) => setRun(JSON.parse((event as MessageEvent<string>).data) as RunView));
    source.addEventListener("end", () => {
      source.close();
      onEnd();
    });
    return () => source.close();
  }, [id, open, onEnd]);
  return run;
}

export function RunProgress({ run, onEnd }: { run: RunView; onEnd: () => void }) {
  const current = useRunProgress(run, onEnd) ?? run;
  const busy = current.status === "QUEUED" || current.status === "RUNNING";
  return (
    <div role="status" aria-live="polite" aria-busy={busy} className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="run-progress">
      <p className="font-medium">
        {STATUS_TEXT[current.status]}
        {current.status === "DONE" ? ` ${current.made} new item${current.made === 1 ? "" : "s"}.` : ""}
      </p>
      {current.error ? <p className="mt-1">{current.error}</p> : null}
      {current.dropped.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer">
            {current.dropped.length} draft{current.dropped.length === 1 ? "" : "s"} dropped
          </summary>
          <ul className="mt-1 list-disc pl-5">
            {current.dropped.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** The section's generate buttons: from the notes (at once), and with the language model when one is configured. */
export function SectionGenerator({
  lectureId,
  sectionKey,
  generated,
  modelEnabled,
  runs,
}: {
  lectureId: string;
  sectionKey: string;
  generated: boolean;
  modelEnabled: boolean;
  runs: RunView[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [which, setWhich] = useState<"offline" | "model" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [latestRun, setLatestRun] = useState<RunView | null>(runs[0] ?? null);
  const refresh = useRefresh(router.refresh);

  const generate = (generator: "offline" | "model") =>
    startTransition(async () => {
      setWhich(generator);
      setError(null);
      try {
        const result = await generateItemsAction(null, { lectureId, sectionKey, generator });
        if (!result.ok) return setError(result.message);
        if (result.data.generator === "model") setLatestRun(result.data.run);
        else router.refresh();
      } catch {
        setError(NETWORK_ERROR_MESSAGE);
      }
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {generated ? null : (
          <Button type="button" onClick={() => generate("offline")} pending={pending && which === "offline"}>
            Make cards and questions from this section
          </Button>
        )}
        {modelEnabled ? (
          <Button type="button" variant="secondary" onClick={() => generate("model")} pending={pending && which === "model"}>
            Draft more with the language model
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {latestRun ? <RunProgress key={latestRun.id} run={latestRun} onEnd={refresh} /> : null}
    </div>
  );
}

/** A stable callback for the progress hook's effect. */
function useRefresh(refresh: () => void): () => void {
  const [callback] = useState(() => () => refresh());
  return callback;
}
