import { previewImport } from "@/lib/bank/import/data";
import { uploadRoute } from "@/lib/bank/import/http";
import { importUploadInput } from "@/lib/bank/import/schemas";

export const dynamic = "force-dynamic";

/** The dry run of an uploaded bank file (admins only, checked again in the data layer). */
export const POST = uploadRoute(importUploadInput, async (input, viewer) =>
  previewImport(viewer, {
    fileName: input.file.name,
    bytes: new Uint8Array(await input.file.arrayBuffer()),
    lectureId: input.lectureId,
    convert: input.convert,
  }),
);
