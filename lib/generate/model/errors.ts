// The failures of a model call the caller must see and act on (a wrong key, a missing model, a server
// that is down), as one typed error. Everything else is a reason a draft was dropped (draft.ts).

export type ModelErrorCode = "bad-key" | "forbidden" | "not-found" | "rejected" | "unreachable" | "unavailable";

export class ModelError extends Error {
  override readonly name = "ModelError";
  /**
   * @param retryable whether the same request may succeed later unchanged (a server that is down or
   *   rate-limited), as opposed to one that needs the configuration fixed (key, model name, URL).
   */
  constructor(
    message: string,
    readonly code: ModelErrorCode,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A reply body past the byte cap, raised by the size-limited fetch (client.ts). */
export class ReplyTooLargeError extends Error {
  override readonly name = "ReplyTooLargeError";
}

/**
 * A server's own words, fit to show: the API key removed wherever it appears (a server may echo the
 * key it was given), control characters stripped, and cut short.
 */
export function redact(text: string, apiKey: string | undefined): string {
  let safe = text;
  if (apiKey) safe = safe.split(apiKey).join("[redacted]");
  safe = safe.replace(/Bearer\s+\S+/gi, "Bearer [redacted]");
  safe = safe.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return safe.length > 300 ? `${safe.slice(0, 299)}…` : safe;
}

/** The error codes of a failed connection (Node's, through undici's and the SDK's wrappers). */
export function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const errors = (current as { errors?: unknown }).errors; // AggregateError: one per address tried
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...causeCodes(inner));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Whether `error` or one of its causes is `type`. */
export function hasCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof type) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
