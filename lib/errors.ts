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
