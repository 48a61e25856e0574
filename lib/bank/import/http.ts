import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "../../actions/safe-action";
import { ADMIN_ROLES } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import type { Role } from "../../generated/prisma/enums";
import { withViewer } from "../../http/with-viewer";
import { declaresMoreThan, MAX_UPLOAD_BODY_BYTES, readBodyCapped, UPLOAD_TOO_LARGE_MESSAGE } from "./upload-body";

export interface UploadRouteOptions {
  /** Who may upload (the data layer checks again). */
  roles?: readonly Role[];
  /** The most bytes the body may hold. */
  maxBytes?: number;
}

const fail = (status: number, message: string, fieldErrors?: Record<string, string[]>) =>
  Response.json(fieldErrors ? { message, fieldErrors } : { message }, { status });

/**
 * A multipart upload route (the import's preview and apply go over plain HTTP so the browser can show
 * upload progress), built on withViewer. In this order, so that nobody can make the server read a
 * body it will refuse: the session and role (401/403 from withViewer, nothing read), the declared
 * length (413, nothing read), the body read with a byte cap (413 as soon as it is passed), then the
 * form validated with `schema`. Then `handler` runs with the viewer, and the answer is JSON: the
 * result, or { message, fieldErrors }; expected failures it throws become their status with { message }.
 */
export function uploadRoute<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, viewer: Viewer) => Promise<T>, options: UploadRouteOptions = {}) {
  const { roles = ADMIN_ROLES, maxBytes = MAX_UPLOAD_BODY_BYTES } = options;
  return withViewer(
    async (request, { viewer }) => {
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
      return Response.json(await handler(parsed.data, viewer));
    },
    { roles, errors: "json" },
  );
}
