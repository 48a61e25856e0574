"use client";

import type { ActionResult } from "@/lib/actions/safe-action";

export const NETWORK_ERROR_MESSAGE = "Could not reach the server. Check your connection and try again.";

/**
 * Wraps a server action for useActionState so that a dropped connection shows as a message next to
 * the form instead of replacing the page with the error screen.
 */
export function resilient<T, I>(action: (previous: ActionResult<T> | null, input: I) => Promise<ActionResult<T>>) {
  return async (previous: ActionResult<T> | null, input: I): Promise<ActionResult<T>> => {
    try {
      return await action(previous, input);
    } catch {
      return { ok: false, code: "VALIDATION", message: NETWORK_ERROR_MESSAGE };
    }
  };
}
