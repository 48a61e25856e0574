import { previewImport } from "@/lib/imports/data";
import { uploadRoute } from "@/lib/imports/http";
import { importUploadInput } from "@/lib/imports/schemas";

export const dynamic = "force-dynamic";

/** The dry run of an uploaded bank file (admins only, checked in the data layer). */
export function POST(request: Request) {
  return uploadRoute(request, importUploadInput, async (input, user) =>
    previewImport(user, { fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()), lectureId: input.lectureId, convert: input.convert }),
  );
}
