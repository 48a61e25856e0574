import { getQuestionFile } from "@/lib/bank/files/data";
import { withViewer } from "@/lib/http/with-viewer";

export const dynamic = "force-dynamic";

/**
 * An image a question shows, for signed-in users. Its name is the hash of its bytes, so it never
 * changes: it may be cached for long. It is served as the image type its bytes were checked to be,
 * never sniffed, and sandboxed, so no file can run as a page.
 */
export const GET = withViewer<{ hash: string }>(async (_request, { viewer, params }) => {
  const file = await getQuestionFile(viewer, params.hash);
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
    },
  });
});
