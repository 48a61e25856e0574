import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "../auth/session";
import { ADMIN_ROLES, assertRole, type SessionUser } from "../auth/roles";
import { ActionError, HTTP_STATUS } from "../errors";
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
  const viewer = options.viewer !== undefined ? options.viewer : await getCurrentUser();
  try {
    assertRole(viewer, roles);
  } catch (error) {
    if (error instanceof ActionError) return fail(HTTP_STATUS[error.code], error.message);
    throw error;
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
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
    return fail(400, Object.values(fieldErrors)[0]![0]!, fieldErrors);
  }
  try {
    return Response.json(await handler(parsed.data, viewer));
  } catch (error) {
    if (error instanceof ActionError) return fail(HTTP_STATUS[error.code], error.message);
    throw error;
  }
}
