import "server-only";
import { assertRole, STAFF_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { sweepOverdueAttemptsUnchecked } from "./internal/sweep";

/**
 * Submits, as of their deadlines, the attempts whose time ran out and that nobody has touched since
 * (so the class statistics count them). For instructors and admins; `scope.quizId` limits it to one
 * quiz. Returns how many attempts it closed.
 */
export async function sweepOverdueAttempts(viewer: Viewer, scope: { quizId?: string }): Promise<number> {
  assertRole(viewer, STAFF_ROLES);
  return sweepOverdueAttemptsUnchecked(scope);
}
