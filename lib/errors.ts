// Expected failures, thrown by the data layer and turned into typed results by the action wrapper
// (lib/actions/safe-action.ts). Anything else is unexpected and reaches error.tsx.
import { isBusyError } from "./db-errors";
import { log } from "./log";

export { isBusyError, isConnectionError } from "./db-errors";

export type ActionErrorCode =
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  /** A quiz attempt takes no more answers: submitted, or its time is up (lib/quiz/submission/attempt-closed.ts). */
  | "ATTEMPT_CLOSED"
  | "RATE_LIMITED"
  | "BUSY";

export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export class UnauthenticatedError extends ActionError {
  constructor(message = "Please sign in to continue.") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends ActionError {
  constructor(message = "You do not have permission to do that.") {
    super("FORBIDDEN", message);
  }
}

export class NotFoundError extends ActionError {
  constructor(message = "Not found.") {
    super("NOT_FOUND", message);
  }
}

export const BUSY_MESSAGE = "The server is busy; please retry in a moment.";

/** The database timed out, is saturated or unreachable: the request may succeed if retried shortly. */
export class BusyError extends ActionError {
  constructor(message = BUSY_MESSAGE, options?: { cause?: unknown }) {
    super("BUSY", message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Seconds a client should wait before retrying a BUSY answer: about one lock timeout. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The expected failure an error stands for: itself when it is one, a BusyError when the database
 * was busy or unreachable, otherwise null (unexpected).
 */
export function toExpectedError(error: unknown): ActionError | null {
  if (error instanceof ActionError) return error;
  if (isBusyError(error)) return new BusyError(BUSY_MESSAGE, { cause: error });
  return null;
}

/** HTTP status of each expected failure, for the few routes that answer over plain HTTP. */
export const HTTP_STATUS: Record<ActionErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ATTEMPT_CLOSED: 409,
  RATE_LIMITED: 429,
  BUSY: 503,
};

/** A route's answer to an expected failure (its message as plain text); anything else is rethrown. */
export function errorResponse(error: unknown, context: { route?: string; requestId?: string } = {}): Response {
  return expectedFailureResponse(
    error,
    context,
    (message, init) => new Response(message, { ...init, headers: { ...init.headers, "Content-Type": "text/plain; charset=utf-8" } }),
  );
}

/** The same for routes that answer JSON ({ message }): the upload routes, read by a script. */
export function errorJsonResponse(error: unknown, context: { route?: string; requestId?: string } = {}): Response {
  return expectedFailureResponse(error, context, (message, init) => Response.json({ message }, init));
}

function expectedFailureResponse(
  error: unknown,
  context: { route?: string; requestId?: string },
  respond: (message: string, init: { status: number; headers: Record<string, string> }) => Response,
): Response {
  const expected = toExpectedError(error);
  if (!expected) {
    // Rethrown to Next.js, which reports it through onRequestError (instrumentation.ts) with the route.
    throw error;
  }
  const headers: Record<string, string> = expected.code === "BUSY" ? { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) } : {};
  // Debug only: during an outage every request fails the same way, and the outage tracker already
  // logs it once (lib/db-client.ts).
  log.debug("route answered an expected failure", { ...context, code: expected.code, status: HTTP_STATUS[expected.code] });
  return respond(expected.message, { status: HTTP_STATUS[expected.code], headers });
}
