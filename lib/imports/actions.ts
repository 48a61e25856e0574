"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "../actions/safe-action";
import { ADMIN_ROLES } from "../auth/roles";
import { applyImport, previewImport } from "./data";
import { applyImportInput, importUploadInput } from "./schemas";

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The dry run of an uploaded bank file: nothing is written but the history entry. */
export const previewImportAction = authedAction({ schema: importUploadInput, roles: ADMIN_ROLES }, async (input, user) => {
  const preview = await previewImport(user, { fileName: input.file.name, bytes: await bytesOf(input.file), lectureId: input.lectureId, convert: input.convert });
  revalidatePath("/admin/imports");
  return preview;
});

/** Applies the previewed file, all or nothing (or only its valid questions when asked). */
export const applyImportAction = authedAction({ schema: applyImportInput, roles: ADMIN_ROLES }, async (input, user) => {
  const summary = await applyImport(user, { fileName: input.file.name, bytes: await bytesOf(input.file), lectureId: input.lectureId, convert: input.convert, fileHash: input.fileHash, validOnly: input.validOnly });
  revalidatePath("/admin/imports");
  return { ok: true as const, data: summary, message: `Imported: ${summary.created} new, ${summary.changed} changed (new versions), ${summary.unchanged} unchanged.` };
});
