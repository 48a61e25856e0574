import { readFile } from "node:fs/promises";
import path from "node:path";

export const dynamic = "force-dynamic";

/**
 * The service worker built with the app (scripts/lib/service-worker.ts). Served from the site's root so
 * that it controls every page; never cached by the browser's HTTP cache, so a new build's worker is
 * found on the next visit.
 */
export async function GET(): Promise<Response> {
  try {
    const source = await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "sw", "sw.js"), "utf8");
    return new Response(source, {
      headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache", "Service-Worker-Allowed": "/" },
    });
  } catch {
    return new Response("// This build has no service worker (run npm run build).\n", {
      status: 404,
      headers: { "Content-Type": "text/javascript; charset=utf-8" },
    });
  }
}
