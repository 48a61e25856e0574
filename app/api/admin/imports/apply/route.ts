import { applyImport } from "@/lib/imports/data";
import { uploadRoute } from "@/lib/imports/http";
import { applyImportInput } from "@/lib/imports/schemas";

export const dynamic = "force-dynamic";

/** Applies a previewed bank file, all or nothing (admins only, checked in the data layer). */
export function POST(request: Request) {
  return uploadRoute(request, applyImportInput, async (input, user) =>
    applyImport(user, { fileName: input.file.name, bytes: new Uint8Array(await input.file.arrayBuffer()), lectureId: input.lectureId, convert: input.convert, fileHash: input.fileHash, validOnly: input.validOnly }),
  );
}
