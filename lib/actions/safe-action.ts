import "server-only";
import { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { assertRole, type SessionUser } from "../auth/roles";
import { ActionError, type ActionErrorCode } from "../errors";
import type { Role } from "../generated/prisma/enums";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** What a form-bound action receives: FormData from a <form>, or a plain object when called from code. */
export type ActionInput = FormData | Record<string, unknown>;

function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const object: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue;
    object[key] = value;
  }
  return object;
}

function validationFailure(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors };
}

async function settle<T>(run: () => Promise<T | ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    const result = await run();
    if (result && typeof result === "object" && "ok" in result) return result as ActionResult<T>;
    return { ok: true, data: result as T };
  } catch (error) {
    if (error instanceof ActionError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    throw error; // unexpected: error.tsx
  }
}

/**
 * Wraps a server action that needs a signed-in user: loads the session, checks the role when `roles`
 * is given, validates the input with `schema`, and maps expected errors to a typed result. Checks on
 * the specific resource (ownership) stay in the handler's data-layer calls.
 */
export function authedAction<S extends z.ZodType, T>(
  options: { schema: S; roles?: readonly Role[] },
  handler: (input: z.output<S>, user: SessionUser) => Promise<T | ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, input: ActionInput): Promise<ActionResult<T>> =>
    settle(async () => {
      const user = await getCurrentUser();
      assertRole(user, options.roles ?? ["STUDENT", "INSTRUCTOR", "ADMIN"]);
      const parsed = options.schema.safeParse(toObject(input));
      if (!parsed.success) return validationFailure(parsed.error);
      return handler(parsed.data, user);
    });
}

/** The same wrapper for the few actions that anyone may call (sign-up). */
export function publicAction<S extends z.ZodType, T>(
  options: { schema: S },
  handler: (input: z.output<S>) => Promise<T | ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, input: ActionInput): Promise<ActionResult<T>> =>
    settle(async () => {
      const parsed = options.schema.safeParse(toObject(input));
      if (!parsed.success) return validationFailure(parsed.error);
      return handler(parsed.data);
    });
}
