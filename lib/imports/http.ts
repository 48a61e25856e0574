import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { ADMIN_ROLES, assertRole, type SessionUser } from "../auth/roles";
import { fieldErrorsOf } from "../actions/safe-action";
import { errorJsonResponse } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { declaresMoreThan, MAX_UPLOAD_BODY_BYTES, readBodyCapped, UPLOAD_TOO_LARGE_MESSAGE } from "./upload-body";

export interface UploadRouteOptions {
  /** Who may upload (the data layer checks again). */
  roles?: readonly Role[];
  /** The signed-in user, when the caller already has it (tests); otherwise read from the session. */
  viewer?: SessionUser | null;
  /** The most bytes the body may hold. */
  maxBytes?: number;
}

const fail = (status: number, message: string, fieldErrors?: Record<string, string[]>) => Response.json(fieldErrors ? { message, fieldErrors } : { message }, { status });

/**
 * A multipart upload route (the import's preview and apply go over plain HTTP so the browser can show
 * upload progress). In this order, so that nobody can make the server read a body it will refuse:
 * the session and role (401/403, nothing read), the declared length (413, nothing read), the body
 * read with a byte cap (413 as soon as it is passed), then the form validated with `schema`. Then
 * `handler` runs with the user, and the answer is JSON: the result, or { message, fieldErrors }.
 */
export async function uploadRoute<S extends z.ZodType, T>(request: Request, schema: S, handler: (input: z.output<S>, user: SessionUser) => Promise<T>, options: UploadRouteOptions = {}): Promise<Response> {
  const { roles = ADMIN_ROLES, maxBytes = MAX_UPLOAD_BODY_BYTES } = options;
  let viewer: SessionUser;
  try {
    const user = options.viewer !== undefined ? options.viewer : await getCurrentUser();
    assertRole(user, roles);
    viewer = user;
  } catch (error) {
    return errorJsonResponse(error, { route: new URL(request.url).pathname }); // 401/403, or 503 while the database is busy
  }
  if (declaresMoreThan(request, maxBytes)) return fail(413, UPLOAD_TOO_LARGE_MESSAGE);
  const bytes = await readBodyCapped(request.body, maxBytes);
  if (!bytes) return fail(413, UPLOAD_TOO_LARGE_MESSAGE);

  let form: FormData;
  try {
    // The multipart parser reads the capped copy, never the request stream itself.
    form = await new Response(bytes, { headers: { "Content-Type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return fail(400, "Send the file as a multipart form.");
  }
  const parsed = schema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return fail(400, Object.values(fieldErrors)[0]![0]!, fieldErrors);
  }
  try {
    return Response.json(await handler(parsed.data, viewer));
  } catch (error) {
    return errorJsonResponse(error, { route: new URL(request.url).pathname });
  }
}
