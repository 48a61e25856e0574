// The copies of pages and audio this device keeps for studying offline (the Cache API, shared with
// the service worker), whose they are, and how they are removed: on sign-out, and when another
// student signs in on the same device.
import { clearDeviceStore } from "./device-store";
import { AUDIO_CACHE, DEVICE_CACHES, PAGES_CACHE } from "./paths";

const OWNER_KEY = "course-device-owner";

export const hasDeviceCaches = () => typeof caches !== "undefined";

/** Removes every copy and everything waiting to be sent. */
export async function clearDeviceCopies(): Promise<void> {
  if (hasDeviceCaches()) await Promise.all(DEVICE_CACHES.map((name) => caches.delete(name)));
  await clearDeviceStore();
  try {
    localStorage.removeItem(OWNER_KEY);
  } catch {
    // Storage is off: there is no owner to forget.
  }
}

/**
 * Makes the device's copies those of `userId`: a different student's copies (and their unsent work)
 * are removed first. Signed out (null), nothing changes: the copies wait for their student.
 */
export async function claimDeviceCopies(userId: string | null): Promise<void> {
  if (!userId) return;
  let owner: string | null = null;
  try {
    owner = localStorage.getItem(OWNER_KEY);
  } catch {
    return;
  }
  if (owner && owner !== userId) await clearDeviceCopies();
  if (owner !== userId) localStorage.setItem(OWNER_KEY, userId);
}

export interface KeptLecture {
  /** Pages and audio kept, and their bytes. */
  keptPages: number;
  totalPages: number;
  audioKept: boolean;
  bytes: number;
}

async function keptBytes(cache: Cache, url: string): Promise<number | null> {
  const response = await cache.match(url, { ignoreVary: true });
  if (!response) return null;
  const length = Number(response.headers.get("content-length"));
  return Number.isFinite(length) && length > 0 ? length : (await response.blob()).size;
}

/** What of a lecture this device keeps. */
export async function keptLecture(pages: readonly string[], audioUrl: string | null): Promise<KeptLecture> {
  const [pageCache, audioCache] = await Promise.all([caches.open(PAGES_CACHE), caches.open(AUDIO_CACHE)]);
  const pageBytes = await Promise.all(pages.map((url) => keptBytes(pageCache, url)));
  const audioBytes = audioUrl ? await keptBytes(audioCache, audioUrl) : null;
  const kept = pageBytes.filter((b) => b !== null);
  return {
    keptPages: kept.length,
    totalPages: pages.length,
    audioKept: audioUrl === null || audioBytes !== null,
    bytes: kept.reduce((sum, b) => sum + b, 0) + (audioBytes ?? 0),
  };
}

async function keep(cache: Cache, url: string): Promise<void> {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(120_000) });
  // Never a redirect (to sign-in) or an error under the page's address.
  if (!response.ok || response.redirected || response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  await cache.put(url, response);
}

/** Whether a kept page is missing or older than `maxAgeMs` (by its Date header). */
async function isStale(cache: Cache, url: string, maxAgeMs: number): Promise<boolean> {
  const response = await cache.match(url, { ignoreVary: true });
  const date = Date.parse(response?.headers.get("date") ?? "");
  return !response || !Number.isFinite(date) || Date.now() - date > maxAgeMs;
}

/**
 * Keeps a lecture's pages and its audio (fetched once: its name changes with the episode). Pages kept
 * less than `maxAgeMs` ago are left as they are (0: refresh them all).
 */
export async function keepLecture(pages: readonly string[], audioUrl: string | null, options: { audio: boolean; maxAgeMs: number }): Promise<void> {
  const [pageCache, audioCache] = await Promise.all([caches.open(PAGES_CACHE), caches.open(AUDIO_CACHE)]);
  for (const url of pages) if (await isStale(pageCache, url, options.maxAgeMs)) await keep(pageCache, url);
  if (audioUrl && options.audio && !(await audioCache.match(audioUrl, { ignoreVary: true }))) {
    // An older episode of this lecture makes room for the new one.
    const prefix = audioUrl.slice(0, audioUrl.lastIndexOf("/") + 1);
    for (const request of await audioCache.keys()) if (new URL(request.url).pathname.startsWith(prefix)) await audioCache.delete(request);
    await keep(audioCache, audioUrl);
  }
}

/** Removes a lecture's copies from this device. */
export async function forgetLecture(pages: readonly string[], audioUrl: string | null): Promise<void> {
  const [pageCache, audioCache] = await Promise.all([caches.open(PAGES_CACHE), caches.open(AUDIO_CACHE)]);
  await Promise.all(pages.map((url) => pageCache.delete(url, { ignoreVary: true })));
  if (audioUrl) await audioCache.delete(audioUrl, { ignoreVary: true });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
