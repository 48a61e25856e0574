// The service worker (bundled by scripts/lib/service-worker.ts with Serwist after `next build`, served
// at /sw.js). It precaches the build's scripts and styles, keeps the student pages of lib/offline/paths.ts
// (from the network first, from the device when there is none) and serves the podcast's audio from the
// device once it was kept there, with byte ranges for seeking. POSTs (server actions) are never touched:
// what is done offline waits in the page's outbox (lib/offline/outbox.ts).
import { CacheFirst, NetworkFirst, RangeRequestsPlugin, Serwist, type PrecacheEntry, type SerwistGlobalConfig, type SerwistPlugin } from "serwist";
import { AUDIO_CACHE, isKeptPage, isPodcastAudio, PAGES_CACHE } from "../paths";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

/** Keeps only a page's own, complete answer: never a redirect (to sign-in, say) under the page's address. */
const onlyOwnAnswers: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.status === 200 && !response.redirected ? response : null),
};

const OFFLINE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · AI/ML Systems Fundamentals</title>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<h1>You are offline</h1><p>This page was not saved on this device. Lectures you opened (their notes, flashcards and podcast)
and quizzes in progress are: go back, or open the course home.</p><p><a href="/">Course home</a></p></body></html>`;

const offlineFallback: SerwistPlugin = {
  handlerDidError: async () => new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && isKeptPage(url.pathname),
      handler: new NetworkFirst({
        cacheName: PAGES_CACHE,
        networkTimeoutSeconds: 8,
        matchOptions: { ignoreVary: true },
        plugins: [onlyOwnAnswers, offlineFallback],
      }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && isPodcastAudio(url.pathname) && !url.searchParams.has("download"),
      handler: new CacheFirst({ cacheName: AUDIO_CACHE, matchOptions: { ignoreVary: true }, plugins: [onlyOwnAnswers, new RangeRequestsPlugin()] }),
    },
  ],
});

serwist.addEventListeners();

/**
 * A new build's worker drops the old build's scripts, which the pages kept earlier still name: those
 * pages are fetched again as the new worker takes over (it is being installed, so there is a
 * connection), within a bound, and any that cannot be are left as they are.
 */
async function refreshKeptPages(): Promise<void> {
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys()) {
    try {
      const response = await fetch(request.url, { credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(10_000) });
      if (response.status === 200 && !response.redirected) await cache.put(request, response);
    } catch {
      // Offline again, or slow: the page stays as it was.
    }
  }
}

self.addEventListener("activate", (event) => event.waitUntil(Promise.race([refreshKeptPages(), new Promise((resolve) => setTimeout(resolve, 30_000))])));
