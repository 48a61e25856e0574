import "server-only";
// The data layer's one door: who is asking. Pages take the viewer from requireViewer() (or
// getViewer() where signing in is optional), server actions from the action wrapper
// (lib/actions/safe-action.ts), routes from withViewer (lib/http/with-viewer.ts). Every exported
// loader and action takes that viewer and checks roles and ownership in its own queries.
import { forbidden, redirect } from "next/navigation";
import type { Role } from "../generated/prisma/enums";
import type { SessionUser } from "./roles";
import { getCurrentUser } from "./session";

/** The signed-in user a loader or action acts for. */
export type Viewer = SessionUser;

/** The signed-in viewer, or null: for the few pages that anyone may see (home, sign-in). */
export async function getViewer(): Promise<Viewer | null> {
  return getCurrentUser();
}

interface RequireViewerOptions {
  /** Roles that may see the page; anyone else gets 403. Default: any signed-in user. */
  roles?: readonly Role[];
  /** Where to come back to after signing in (the page's own path). */
  returnTo?: string;
}

/** For pages: the signed-in viewer (else a redirect to sign-in that comes back to `returnTo`), holding one of `roles` (else 403). */
export async function requireViewer(options: RequireViewerOptions = {}): Promise<Viewer> {
  const viewer = await getCurrentUser();
  if (!viewer) redirect(options.returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(options.returnTo)}` : "/sign-in");
  if (options.roles && !options.roles.includes(viewer.role)) forbidden();
  return viewer;
}
