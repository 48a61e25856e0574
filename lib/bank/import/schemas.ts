import { z } from "zod";

const file = z.instanceof(File, { message: "Choose a file to import." }).refine((f) => f.size > 0, "The file is empty.");

export const importUploadInput = z.object({
  file,
  lectureId: z.string().min(1, "Choose the lecture the questions belong to.").max(64),
  convert: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});

export const applyImportInput = importUploadInput.extend({
  fileHash: z.string().regex(/^[0-9a-f]{64}$/, "Preview the file before applying it."),
  validOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});
