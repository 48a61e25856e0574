import { Alert } from "@/components/ui/alert";
import { ProgressBar } from "@/components/ui/progress-bar";

/** The share of the episode heard so far, and why playing or saving failed, if it did. */
export function ListeningStatus({ percentHeard, audioError, saveError }: { percentHeard: number | null; audioError: string | null; saveError: string | null }) {
  return (
    <>
      <div className="mt-4 space-y-1">
        <p className="flex justify-between text-xs text-slate-600">
          <span>Heard</span>
          <span data-testid="podcast-heard">{percentHeard ?? 0}% of the episode</span>
        </p>
        <ProgressBar value={percentHeard ?? 0} total={100} label="Share of the episode heard" />
      </div>
      {audioError ? (
        <div className="mt-4">
          <Alert tone="error">{audioError}</Alert>
        </div>
      ) : null}
      {saveError ? (
        <div className="mt-4">
          <Alert tone="error">Your listening position was not saved: {saveError}</Alert>
        </div>
      ) : null}
    </>
  );
}
