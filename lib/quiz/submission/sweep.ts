import "server-only";
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { toExpectedError } from "../../errors";
import { log, serializeError } from "../../log";
import { sweepOverdueAttemptsUnchecked } from "./internal/sweep";

/**
 * At most this many abandoned attempts are submitted while an instructor's page waits (about 10 ms
 * each); the rest go on the next view, or all at once with `npm run quiz:sweep`.
 */
export const PAGE_SWEEP_LIMIT = 50;

/**
 * Submits, as of their deadlines, the attempts whose time ran out and that nobody has touched since
 * (so the class statistics count them), before an instructor's page reads its figures. For
 * instructors and admins; `scope.quizId` limits it to one quiz. Bounded, and a busy database only
 * postpones it: the page still renders with the figures as they are. Returns how many it closed.
 */
export async function sweepOverdueAttempts(viewer: Viewer, scope: { quizId?: string }): Promise<number> {
  assertRole(viewer, STAFF_ROLES);
  try {
    return await sweepOverdueAttemptsUnchecked(scope, new Date(), PAGE_SWEEP_LIMIT);
  } catch (error) {
    if (!toExpectedError(error)) throw error;
    log.warn("overdue attempts not swept", { quizId: scope.quizId, error: serializeError(error) });
    return 0;
  }
}
