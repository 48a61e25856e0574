import "server-only";
// The progress of a language model's run as Server-Sent Events: one `progress` event whenever the run
// changes (queued, running, done or failed, with what was made and dropped), then the stream ends once
// the run has. Every wait is bounded: the stream closes after MAX_STREAM_MS (the browser's EventSource
// reconnects and picks up where the run is), and stops at once when the page goes away.
import { withViewer } from "../http/with-viewer";
import { recordIdWith } from "../ids";
import { NotFoundError } from "../errors";
import { getRunProgress } from "./requests";

const POLL_MS = 750;
const MAX_STREAM_MS = 120_000;
const runId = recordIdWith("That run does not exist.");

export const runProgressRoute = withViewer<{ runId: string }>(async (request, { viewer, params }) => {
  const id = runId.safeParse(params.runId);
  if (!id.success) throw new NotFoundError("That run does not exist.");
  const first = await getRunProgress(viewer, id.data);
  if (!first) throw new NotFoundError("That run does not exist.");
  const encoder = new TextEncoder();
  const started = Date.now();
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    cancel() {
      cancelled = true;
    },
    async start(controller) {
      let last = "";
      let run = first;
      try {
        for (;;) {
          const text = JSON.stringify(run);
          if (text !== last) controller.enqueue(encoder.encode(`event: progress\ndata: ${text}\n\n`));
          last = text;
          if (run.status === "DONE" || run.status === "FAILED") {
            controller.enqueue(encoder.encode("event: end\ndata: {}\n\n"));
            break;
          }
          if (cancelled || request.signal.aborted || Date.now() - started > MAX_STREAM_MS) break;
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          const next = await getRunProgress(viewer, id.data);
          if (!next) break;
          run = next;
        }
      } finally {
        if (!cancelled) controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
});
