// Expected failures, thrown by the data layer and turned into typed results by the action wrapper
// (lib/actions/safe-action.ts). Anything else is unexpected and reaches error.tsx.

export type ActionErrorCode = "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED";

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

/** HTTP status of each expected failure, for the few routes that answer over plain HTTP. */
export const HTTP_STATUS: Record<ActionErrorCode, number> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

/** A route's answer to an expected failure (its message as plain text); anything else is rethrown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ActionError) return new Response(error.message, { status: HTTP_STATUS[error.code], headers: { "Content-Type": "text/plain; charset=utf-8" } });
  throw error;
}
