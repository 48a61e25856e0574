import type { SessionUser } from "../auth/roles";
import { ActionError } from "../errors";

/** Rejects a missing session before any query: an undefined user id would drop Prisma's filter. */
export function requireSignedIn(user: SessionUser | null): asserts user is SessionUser {
  if (!user?.id) throw new ActionError("UNAUTHENTICATED", "Please sign in to continue.");
}
