import { Alert } from "@/components/ui/alert";

/** Why only the transcript is shown, and how an operator builds the audio. */
export function AudioUnavailable({ problem }: { problem: string | null }) {
  return (
    <div className="mt-4">
      <Alert>
        {problem === "out-of-date"
          ? "The audio on this server was built from an older version of the script, so only the transcript is shown."
          : "The audio for this episode has not been built on this server yet, so only the transcript is shown."}{" "}
        To build it, run <code className="rounded bg-white/70 px-1">npm run podcast:build</code> on the server (it needs Debian&apos;s{" "}
        <code className="rounded bg-white/70 px-1">espeak-ng</code> and <code className="rounded bg-white/70 px-1">lame</code> packages);{" "}
        <code className="rounded bg-white/70 px-1">npm start</code> builds it too when they are installed.
      </Alert>
    </div>
  );
}
