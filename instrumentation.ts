// Next.js calls onRequestError for every error it catches while rendering a page, running a route
// handler or a server action: log it as one structured line with the route and a request id.
import type { Instrumentation } from "next";

/** Runs once when a server process starts: the background worker joins it (see lib/worker). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS_WORKER === "off") return;
  const [{ keepWorkerRunning }, { log, serializeError }] = await Promise.all([import("./lib/worker"), import("./lib/log")]);
  // A database that is not up yet must not stop the app: the worker keeps trying in the background.
  keepWorkerRunning((error) => log.error("background worker did not start; retrying in 30 s", { error: serializeError(error) }));
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  // Loaded here, not at the top: this file is also evaluated for the Edge runtime, which has no
  // process.stdout for the logger to write to.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { log, requestIdFrom, serializeError } = await import("./lib/log");
  const requestHeaders = { get: (name: string) => (typeof request.headers[name] === "string" ? (request.headers[name] as string) : null) };
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  log.error("request failed", {
    requestId: requestIdFrom(requestHeaders),
    method: request.method,
    path: request.path.split("?")[0], // the query string may carry tokens
    route: context.routePath,
    routeType: context.routeType,
    digest,
    error: serializeError(error),
  });
};
