import { applyImport } from "@/lib/bank/import/data";
import { uploadRoute } from "@/lib/bank/import/http";
import { applyImportInput } from "@/lib/bank/import/schemas";

export const dynamic = "force-dynamic";

/** Applies a previewed bank file, all or nothing (admins only, checked again in the data layer). */
export const POST = uploadRoute(applyImportInput, async (input, viewer) =>
  applyImport(viewer, {
    fileName: input.file.name,
    bytes: new Uint8Array(await input.file.arrayBuffer()),
    lectureId: input.lectureId,
    convert: input.convert,
    fileHash: input.fileHash,
    validOnly: input.validOnly,
  }),
);
