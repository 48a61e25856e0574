import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import parseRange from "range-parser";
import { withViewer } from "@/lib/http/with-viewer";
import { getEpisodeAudioFile } from "@/lib/podcast/data";

export const dynamic = "force-dynamic";

/**
 * The episode's audio for signed-in users, with byte ranges (the player seeks with them) and a
 * download variant (`?download=1`). The file name carries the build hash, so it can be cached for long.
 */
export const GET = withViewer<{ slug: string; file: string }>(async (request, { viewer, params }) => {
  const audio = await getEpisodeAudioFile(viewer, params.slug, params.file);
  const headers = new Headers({
    "Content-Type": audio.mimeType,
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=31536000, immutable",
  });
  if (new URL(request.url).searchParams.has("download")) headers.set("Content-Disposition", `attachment; filename="${audio.downloadName}"`);

  const rangeHeader = request.headers.get("range");
  const ranges = rangeHeader ? parseRange(audio.bytes, rangeHeader, { combine: true }) : null;
  if (ranges === -1) {
    headers.set("Content-Range", `bytes */${audio.bytes}`);
    return new Response(null, { status: 416, headers });
  }
  // A single range is served as such; a malformed or multi-range request gets the whole file.
  const range = Array.isArray(ranges) && ranges.length === 1 && ranges.type === "bytes" ? ranges[0]! : null;
  const start = range?.start ?? 0;
  const end = range?.end ?? audio.bytes - 1;
  headers.set("Content-Length", String(end - start + 1));
  if (range) headers.set("Content-Range", `bytes ${start}-${end}/${audio.bytes}`);
  const body = request.method === "HEAD" ? null : (Readable.toWeb(createReadStream(audio.path, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range ? 206 : 200, headers });
});

export { GET as HEAD };
