// Next.js calls onRequestError for every error it catches while rendering a page, running a route
// handler or a server action: log it as one structured line with the route and a request id.
import type { Instrumentation } from "next";

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
