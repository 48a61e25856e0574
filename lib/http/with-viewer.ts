import "server-only";
// The one wrapper for route handlers that act for a signed-in user (like dub's withWorkspace): it
// reads the session, checks the role (401 / 403 before anything else is read), hands the handler
// the viewer and its params, and turns expected failures the handler throws (not found, validation,
// a busy database) into their HTTP answers. Anything unexpected is rethrown to Next.js.
import { assertRole, ROLES } from "../auth/roles";
import { getRequestUser } from "../auth/session";
import type { Viewer } from "../auth/viewer";
import { errorJsonResponse, errorResponse } from "../errors";
import type { Role } from "../generated/prisma/enums";

export interface WithViewerOptions {
  /** Who may call the route; the data layer checks again. Default: any signed-in user. */
  roles?: readonly Role[];
  /** How failures are answered: plain text (default) or JSON `{ message }` (routes read by scripts). */
  errors?: "text" | "json";
}

export interface ViewerRouteContext<P> {
  viewer: Viewer;
  params: P;
}

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export function withViewer<P = Record<string, never>>(
  handler: (request: Request, context: ViewerRouteContext<P>) => Promise<Response>,
  options: WithViewerOptions = {},
): RouteHandler<P> {
  const respond = options.errors === "json" ? errorJsonResponse : errorResponse;
  return async (request, context) => {
    const route = new URL(request.url).pathname;
    try {
      const viewer = await getRequestUser(request);
      assertRole(viewer, options.roles ?? ROLES);
      return await handler(request, { viewer, params: await context.params });
    } catch (error) {
      return respond(error, { route });
    }
  };
}
