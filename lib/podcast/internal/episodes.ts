import "server-only";
// Episodes as stored (script from the database, audio and timings from the build folder), cached per
// process. Checks no viewer: only lib/podcast/** imports it, behind functions that do.
import { statSync } from "node:fs";
import path from "node:path";
import { db } from "../../db";
import { ttlCache } from "../../cache";
import { podcastFile, type PodcastFile } from "../../content/schemas";
import { readTimingFile } from "../timing-store";
import { episodeDir } from "../paths";
import { checkTiming, scriptHash, type TimingFile } from "../timing-file";

export interface StoredEpisode {
  id: string;
  title: string;
  script: PodcastFile;
  /** The script's hash, computed once per cache fill: the built audio's timing file names the script it was made from. */
  scriptHash: string;
}

const CONTENT_TTL_MS = 5 * 60_000;
const episodeCache = ttlCache<StoredEpisode | null>(CONTENT_TTL_MS);

/** The lecture's episode (null without one). The slug must already be validated. */
export function fetchEpisode(lectureSlug: string): Promise<StoredEpisode | null> {
  return episodeCache.get(lectureSlug, async () => {
    const episode = await db.podcastEpisode.findFirst({ where: { lecture: { slug: lectureSlug } }, select: { id: true, title: true, script: true } });
    if (!episode) return null;
    const script = podcastFile.parse(episode.script);
    return { id: episode.id, title: episode.title, script, scriptHash: scriptHash(script) };
  });
}

// The timing file is re-read only when it changes on disk (a rebuild), checked with one stat a view.
const timingCache = new Map<string, { mtimeMs: number; timing: TimingFile | null }>();

function currentTiming(lectureSlug: string): TimingFile | null {
  const dir = episodeDir(lectureSlug);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path.join(dir, "timing.json")).mtimeMs;
  } catch {
    return null;
  }
  const cached = timingCache.get(lectureSlug);
  if (cached?.mtimeMs === mtimeMs) return cached.timing;
  const timing = readTimingFile(dir);
  timingCache.set(lectureSlug, { mtimeMs, timing });
  return timing;
}

/** The built audio of an episode when it matches the episode's current script, else why not. */
export function matchingTiming(lectureSlug: string, episode: StoredEpisode): { timing: TimingFile } | { problem: string } {
  const timing = currentTiming(lectureSlug);
  if (!timing) return { problem: "not-built" };
  if (timing.scriptHash !== episode.scriptHash || checkTiming(timing, episode.script).length > 0) return { problem: "out-of-date" };
  return { timing };
}

/** The length of a lecture's episode in seconds, or null without an episode or its current audio. */
export async function episodeDuration(lectureSlug: string): Promise<number | null> {
  const stored = await fetchEpisode(lectureSlug);
  const match = stored ? matchingTiming(lectureSlug, stored) : null;
  return match && "timing" in match ? match.timing.duration : null;
}

/** The current episodes' lengths by lecture slug (lectures without an episode or its audio left out). */
export async function episodeDurations(lectureSlugs: readonly string[]): Promise<Map<string, number>> {
  const durations = await Promise.all(lectureSlugs.map(async (slug) => [slug, await episodeDuration(slug)] as const));
  return new Map(durations.filter((entry): entry is readonly [string, number] => entry[1] !== null));
}

/** The episode's lecture and length, by the episode's id. */
export async function episodeDurationById(episodeId: string): Promise<{ slug: string; duration: number | null } | null> {
  const episode = await db.podcastEpisode.findUnique({ where: { id: episodeId }, select: { lecture: { select: { slug: true } } } });
  return episode ? { slug: episode.lecture.slug, duration: await episodeDuration(episode.lecture.slug) } : null;
}
