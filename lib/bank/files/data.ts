import "server-only";
// The images question text shows, stored by content hash: written by the importer (in its
// transaction), served to signed-in users only, read back by the export.
import { ROLES, assertRole } from "../../auth/roles";
import type { Viewer } from "../../auth/viewer";
import { db } from "../../db";
import type { DbTransaction } from "../../db-client";
import { NotFoundError } from "../../errors";
import type { QuestionFile } from "../formats/question-files";

const HASH = /^[0-9a-f]{64}$/;

/** Stores the files (a file already stored is left as it is: same hash, same bytes). */
export async function storeQuestionFiles(tx: DbTransaction, files: readonly QuestionFile[]): Promise<void> {
  if (files.length === 0) return;
  await tx.questionFile.createMany({
    data: files.map((f) => {
      const bytes = Buffer.from(f.base64, "base64");
      return { hash: f.hash, mimeType: f.mimeType, bytes, size: bytes.length };
    }),
    skipDuplicates: true,
  });
}

/** One stored image, for any signed-in user. */
export async function getQuestionFile(viewer: Viewer, hash: string): Promise<{ mimeType: string; bytes: Uint8Array }> {
  assertRole(viewer, ROLES);
  const file = HASH.test(hash) ? await db.questionFile.findUnique({ where: { hash }, select: { mimeType: true, bytes: true } }) : null;
  if (!file) throw new NotFoundError("No such image.");
  return file;
}

/** The hashes of the stored images a text shows. */
export const referencedFiles = (texts: readonly string[]): string[] => [
  ...new Set(texts.flatMap((text) => [...text.matchAll(/\/api\/question-files\/([0-9a-f]{64})/g)].map((m) => m[1]!))),
];

/** Stored images by hash, as the export embeds them. Unchecked: the export's caller checked the viewer. */
export async function loadQuestionFiles(hashes: readonly string[]): Promise<QuestionFile[]> {
  if (hashes.length === 0) return [];
  const rows = await db.questionFile.findMany({ where: { hash: { in: [...hashes] } }, select: { hash: true, mimeType: true, bytes: true } });
  return rows.map((r) => ({ hash: r.hash, mimeType: r.mimeType as QuestionFile["mimeType"], base64: Buffer.from(r.bytes).toString("base64") }));
}
