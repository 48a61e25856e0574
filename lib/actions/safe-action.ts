import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, getSessionClaims } from "../auth/session";
import type { ClaimedSession } from "../auth/session-claims";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";
import { toExpectedError, UnauthenticatedError, type ActionErrorCode } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { log, logEnabled, requestIdFrom, serializeError, type LogLevel } from "../log";
import { nulByteFieldErrors } from "./input-guard";

export type ActionResult<T = undefined> =
  { ok: true; data: T; message?: string } | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** What a form-bound action receives: FormData from a <form>, or a plain object when called from code. */
export type ActionInput = FormData | Record<string, unknown>;

/** Names the action in its log lines ("quiz.saveAnswer"); without it, the handler's function name. */
interface ActionOptions {
  name?: string;
}

function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const object: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue;
    object[key] = value;
  }
  return object;
}

/** The input as an object, checked with `schema` after the checks every action shares. */
function parseInput<S extends z.ZodType>(schema: S, input: ActionInput): { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> } {
  const object = toObject(input);
  const nul = nulByteFieldErrors(object);
  if (nul) return { ok: false, result: { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors: nul } };
  const parsed = schema.safeParse(object);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, result: validationFailure(parsed.error) };
}

/** A zod error's messages by field (dotted path; "_form" for the input as a whole). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return fieldErrors;
}

function validationFailure(error: z.ZodError): ActionResult<never> {
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
}

async function currentRequestId(): Promise<string> {
  try {
    return requestIdFrom(await headers());
  } catch {
    return requestIdFrom(null); // called outside a request (a script or a test)
  }
}

interface CallContext {
  action: string;
  userId?: string;
}

/** Runs the action, maps expected failures (and a busy database) to typed results, logs one line. */
async function settle<T>(context: CallContext, run: () => Promise<T | ActionResult<T>>): Promise<ActionResult<T>> {
  const started = performance.now();
  // The line's fields (the request id reads the headers) are gathered only when it will be written:
  // a success is a debug line, and the save path runs hundreds of times a second.
  const logLine = async (level: LogLevel, msg: string, outcome: string, extra: Record<string, unknown> = {}) => {
    if (!logEnabled(level)) return;
    const fields = {
      requestId: await currentRequestId(),
      action: context.action,
      userId: context.userId,
      outcome,
      durationMs: Math.round(performance.now() - started),
      ...extra,
    };
    log[level](msg, fields);
  };
  try {
    const returned = await run();
    const result: ActionResult<T> =
      returned && typeof returned === "object" && "ok" in returned ? (returned as ActionResult<T>) : { ok: true, data: returned as T };
    // A success is an access-log line (debug: one per save would cost the quiz's hot path a tenth
    // of its CPU in writes); a refusal is worth seeing by default.
    await logLine(result.ok ? "debug" : "info", "action", result.ok ? "ok" : result.code);
    return result;
  } catch (error) {
    unstable_rethrow(error); // redirect(), notFound(), forbidden(): control flow, not failures
    const expected = toExpectedError(error);
    if (!expected) {
      await logLine("error", "action failed", "error", { error: serializeError(error) });
      throw error; // unexpected: error.tsx
    }
    // During an outage every call is refused the same way; the pool logs the outage once, so the
    // per-call line is debug only.
    await logLine(expected.code === "BUSY" ? "debug" : "info", "action", expected.code);
    return { ok: false, code: expected.code, message: expected.message, fieldErrors: expected.fieldErrors };
  }
}

const nameOf = (options: ActionOptions, handler: { name: string }) => options.name ?? (handler.name || "anonymous");

/**
 * Wraps a server action that needs a signed-in user: loads the session, checks the role when `roles`
 * is given, validates the input with `schema`, and maps expected errors to a typed result. Checks on
 * the specific resource (ownership) stay in the handler's data-layer calls.
 */
export function authedAction<S extends z.ZodType, T>(
  options: ActionOptions & { schema: S; roles?: readonly Role[] },
  handler: (input: z.output<S>, user: SessionUser) => Promise<T | ActionResult<T>>,
) {
  const action = nameOf(options, handler);
  return async (_previous: ActionResult<T> | null, input: ActionInput): Promise<ActionResult<T>> => {
    const context: CallContext = { action };
    return settle(context, async () => {
      const user = await getCurrentUser();
      context.userId = user?.id;
      assertRole(user, options.roles ?? ROLES);
      const parsed = parseInput(options.schema, input);
      return parsed.ok ? handler(parsed.data, user) : parsed.result;
    });
  };
}

/**
 * The wrapper for the one action on the hot path whose own statement checks the session (the answer
 * save): the cookie's signature and expiry are checked here, and the session row (live, its account
 * enabled: liveSessionSql) in the same statement that does the work, so the call costs one round trip
 * instead of two. Any role may call it. The handler must pass both claims to that statement, and when
 * it wrote nothing, call `session.user()` before saying anything else, so that a dead session gets
 * UNAUTHENTICATED and nothing about the resource.
 */
export function sessionCheckedAction<S extends z.ZodType, T>(
  options: ActionOptions & { schema: S },
  handler: (input: z.output<S>, session: ClaimedSession) => Promise<T | ActionResult<T>>,
) {
  const action = nameOf(options, handler);
  return async (_previous: ActionResult<T> | null, input: ActionInput): Promise<ActionResult<T>> => {
    const context: CallContext = { action };
    return settle(context, async () => {
      const claims = await getSessionClaims();
      if (!claims) throw new UnauthenticatedError();
      context.userId = claims.userId;
      const user = async () => {
        const found = await getCurrentUser();
        assertRole(found, ROLES);
        return found;
      };
      const parsed = parseInput(options.schema, input);
      if (!parsed.ok) {
        await user(); // as authedAction: a dead session hears UNAUTHENTICATED, not what was wrong with its input
        return parsed.result;
      }
      return handler(parsed.data, { ...claims, user });
    });
  };
}

/** The same wrapper for the few actions that anyone may call (sign-up). */
export function publicAction<S extends z.ZodType, T>(options: ActionOptions & { schema: S }, handler: (input: z.output<S>) => Promise<T | ActionResult<T>>) {
  const action = nameOf(options, handler);
  return async (_previous: ActionResult<T> | null, input: ActionInput): Promise<ActionResult<T>> =>
    settle({ action }, async () => {
      const parsed = parseInput(options.schema, input);
      return parsed.ok ? handler(parsed.data) : parsed.result;
    });
}
