// Images that come inside a question file (Moodle XML's <file encoding="base64">): decoded, checked
// (PNG, JPEG, GIF or WebP by their first bytes, at most MAX_QUESTION_FILE_BYTES each) and known by
// the SHA-256 of their bytes, which is also their address on this server. Anything else is refused
// with the reason, and its image is dropped from the text.
import { createHash } from "node:crypto";
import { questionFileUrl } from "../rich-text/sanitize";

export const MAX_QUESTION_FILE_BYTES = 2 * 1024 * 1024;

export const QUESTION_FILE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type QuestionFileType = (typeof QUESTION_FILE_TYPES)[number];

export interface QuestionFile {
  hash: string;
  mimeType: QuestionFileType;
  base64: string;
}

/** The image type of some bytes, by their signature (never by a name or a declared type), or null. */
export function imageType(bytes: Uint8Array): QuestionFileType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return "image/webp";
  return null;
}

export const FILE_EXTENSIONS: Record<QuestionFileType, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" };

/** One embedded file read: the stored file and its URL, or why it is refused. */
export function readQuestionFile(name: string, base64: string): { file: QuestionFile; url: string } | { problem: string } {
  const clean = base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return { problem: `the file "${name}" is not valid base64` };
  if ((clean.length * 3) / 4 > MAX_QUESTION_FILE_BYTES + 3)
    return { problem: `the image "${name}" is larger than ${MAX_QUESTION_FILE_BYTES / 1048576} MB: it is left out` };
  const bytes = Buffer.from(clean, "base64");
  const mimeType = imageType(bytes);
  if (!mimeType) return { problem: `the file "${name}" is not a PNG, JPEG, GIF or WebP image: it is left out` };
  const hash = createHash("sha256").update(bytes).digest("hex");
  return { file: { hash, mimeType, base64: bytes.toString("base64") }, url: questionFileUrl(hash) };
}
