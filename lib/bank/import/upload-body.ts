// An upload's body, read with a cap: the declared length is checked before anything is read, and the
// bytes are counted as they stream in, so a client that leaves out Content-Length or understates it
// still cannot make the server buffer more than the cap (plus the one chunk that crossed it).
import { IMPORT_LIMITS } from "./upload";

/** The file's limit plus room for the form's small fields and the multipart boundaries. */
export const MAX_UPLOAD_BODY_BYTES = IMPORT_LIMITS.maxBytes + 64 * 1024;

export const UPLOAD_TOO_LARGE_MESSAGE =
  `The upload is too large: a bank file may be at most ${IMPORT_LIMITS.maxBytes / 1048576} MB. ` + "Split it into smaller files.";

/** True when the request says it is bigger than `cap` (an absent or malformed header says nothing). */
export function declaresMoreThan(request: Request, cap: number): boolean {
  const declared = request.headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > cap;
}

/** The whole body, or null as soon as it runs past `cap` bytes (the rest is never read). */
export async function readBodyCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel("upload too large");
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
