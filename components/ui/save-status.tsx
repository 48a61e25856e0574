import { Button } from "@/components/ui/button";

/** Where the page's saving stands. "saved" only once the server acknowledged the request. */
export type SaveStatusState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "submitting" }
  | { kind: "retrying"; reason: "offline" | "busy" }
  /** Gave up, or the server refused: the message says what did not happen and why. */
  | { kind: "failed"; message: string };

function label(status: SaveStatusState): string {
  switch (status.kind) {
    case "idle":
      return "";
    case "saving":
      return "Saving…";
    case "saved":
      return "Saved";
    case "submitting":
      return "Submitting…";
    case "retrying":
      return status.reason === "offline" ? "Offline — will retry" : "Server busy — will retry";
    case "failed":
      return status.message;
  }
}

const TONES: Record<SaveStatusState["kind"], string> = {
  idle: "text-slate-600",
  saving: "text-slate-600",
  submitting: "text-slate-600",
  saved: "text-emerald-800",
  retrying: "text-amber-800",
  failed: "text-red-800",
};

/**
 * A live, polite status line ("Saving…", "Saved", "Offline — will retry"). The region is always in
 * the page, so screen readers announce each change; after the retries give up it offers a Retry button.
 */
export function SaveStatus({ status, onRetry }: { status: SaveStatusState; onRetry?: () => void }) {
  return (
    <div className="flex min-h-8 items-center gap-3 text-sm">
      <p aria-live="polite" data-testid="save-status" className={`font-medium ${TONES[status.kind]}`}>
        {label(status)}
      </p>
      {status.kind === "failed" && onRetry ? (
        <Button type="button" variant="secondary" className="px-3 py-1" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}
