import "server-only";
import type { z } from "zod";
import { getCurrentUser } from "../auth/session";
import type { SessionUser } from "../auth/roles";
import { ActionError, HTTP_STATUS } from "../errors";

/**
 * A multipart upload route (the import's preview and apply go over plain HTTP so the browser can show
 * upload progress): validates the form with `schema`, runs `handler` with the signed-in user (the data
 * layer checks the role), and answers JSON — the result, or { message, fieldErrors } with a status.
 */
export async function uploadRoute<S extends z.ZodType, T>(request: Request, schema: S, handler: (input: z.output<S>, user: SessionUser | null) => Promise<T>): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ message: "Send the file as a multipart form." }, { status: 400 });
  }
  const parsed = schema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
    return Response.json({ message: Object.values(fieldErrors)[0]![0], fieldErrors }, { status: 400 });
  }
  try {
    return Response.json(await handler(parsed.data, await getCurrentUser()));
  } catch (error) {
    if (error instanceof ActionError) return Response.json({ message: error.message }, { status: HTTP_STATUS[error.code] });
    throw error;
  }
}
