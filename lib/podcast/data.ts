import "server-only";
import { statSync } from "node:fs";
import path from "node:path";
import { db } from "../db";
import { assertRole, ROLES, type SessionUser } from "../auth/roles";
import { ttlCache } from "../cache";
import { podcastFile, type PodcastFile } from "../content/schemas";
import { NotFoundError } from "../errors";
import { readTimingFile } from "./build";
import { episodeDir } from "./paths";
import { lectureSlug as lectureSlugSchema } from "../lectures/schemas";
import { clampRanges, mergeRanges, percentHeard, totalLength } from "./timing";
import { checkTiming, scriptHash, type TimingFile } from "./timing-file";
import type { SaveProgressInput } from "./schemas";

export interface EpisodeAudio {
  url: string;
  downloadUrl: string;
  duration: number;
  bytes: number;
  mimeType: string;
}

export interface EpisodeView {
  id: string;
  title: string;
  lectureSlug: string;
  chapters: { key: string; title: string; sectionKey: string | null; start: number | null }[];
  lines: { hostId: string; hostName: string; chapter: string; text: string; start: number | null; end: number | null }[];
  audio: EpisodeAudio | null;
  /** Why there is no audio (not built yet, or built from an older script). */
  audioProblem: string | null;
}

interface StoredEpisode {
  id: string;
  title: string;
  script: PodcastFile;
}

const CONTENT_TTL_MS = 5 * 60_000;
const episodeCache = ttlCache<StoredEpisode | null>(CONTENT_TTL_MS);

function fetchEpisode(lectureSlug: string): Promise<StoredEpisode | null> {
  return episodeCache.get(lectureSlug, async () => {
    const episode = await db.podcastEpisode.findFirst({ where: { lecture: { slug: lectureSlug } }, select: { id: true, title: true, script: true } });
    if (!episode) return null;
    return { id: episode.id, title: episode.title, script: podcastFile.parse(episode.script) };
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
function matchingTiming(lectureSlug: string, script: PodcastFile): { timing: TimingFile } | { problem: string } {
  const timing = currentTiming(lectureSlug);
  if (!timing) return { problem: "not-built" };
  if (timing.scriptHash !== scriptHash(script) || checkTiming(timing, script).length > 0) return { problem: "out-of-date" };
  return { timing };
}

export function audioUrl(lectureSlug: string, timing: Pick<TimingFile, "audioFile">): string {
  return `/api/podcast/${lectureSlug}/${timing.audioFile}`;
}

/** The lecture's episode with its transcript and (when built) audio and timings; null when it has none. */
export async function getEpisode(user: SessionUser, lectureSlug: string): Promise<EpisodeView | null> {
  assertRole(user, ROLES);
  const episode = await fetchEpisode(lectureSlug);
  if (!episode) return null;
  const { script } = episode;
  const match = matchingTiming(lectureSlug, script);
  const timing = "timing" in match ? match.timing : null;
  const hostNames = new Map(script.hosts.map((h) => [h.id, h.name]));
  const chapterStarts = new Map(timing?.chapters.map((c) => [c.key, c.start]));
  return {
    id: episode.id,
    title: episode.title,
    lectureSlug,
    chapters: script.chapters
      .filter((chapter) => script.lines.some((line) => line.chapter === chapter.key))
      .map((chapter) => ({ key: chapter.key, title: chapter.title, sectionKey: chapter.section ?? null, start: chapterStarts.get(chapter.key) ?? null })),
    lines: script.lines.map((line, i) => ({
      hostId: line.host,
      hostName: hostNames.get(line.host) ?? line.host,
      chapter: line.chapter,
      text: line.text,
      start: timing?.lines[i]?.start ?? null,
      end: timing?.lines[i]?.end ?? null,
    })),
    audio: timing
      ? { url: audioUrl(lectureSlug, timing), downloadUrl: `${audioUrl(lectureSlug, timing)}?download=1`, duration: timing.duration, bytes: timing.audioBytes, mimeType: timing.mimeType }
      : null,
    audioProblem: "problem" in match ? match.problem : null,
  };
}

/** The file to serve for `/api/podcast/<slug>/<file>`: only the current build's audio, to signed-in users. */
export async function getEpisodeAudioFile(user: SessionUser | null, lectureSlug: string, file: string): Promise<{ path: string; bytes: number; mimeType: string; downloadName: string }> {
  assertRole(user, ROLES);
  // Both come from the URL: anything that is not a slug cannot name an episode (nor reach the query).
  if (!lectureSlugSchema.safeParse(lectureSlug).success) throw new NotFoundError("This lecture has no podcast episode.");
  const episode = await fetchEpisode(lectureSlug);
  if (!episode) throw new NotFoundError("This lecture has no podcast episode.");
  const match = matchingTiming(lectureSlug, episode.script);
  if (!("timing" in match) || match.timing.audioFile !== file) throw new NotFoundError("This audio file does not exist (the episode may have been rebuilt). Reload the page.");
  return {
    path: path.join(episodeDir(lectureSlug), file),
    bytes: match.timing.audioBytes,
    mimeType: match.timing.mimeType,
    downloadName: `${lectureSlug}-podcast.mp3`,
  };
}

export interface ListeningProgress {
  position: number;
  heardSeconds: number;
  /** Whole percent of the episode heard; null while its audio is not built. */
  percentHeard: number | null;
}

/** The length of a lecture's episode in seconds, or null without an episode or its current audio. */
export async function getEpisodeDuration(lectureSlug: string): Promise<number | null> {
  const stored = await fetchEpisode(lectureSlug);
  const match = stored ? matchingTiming(lectureSlug, stored.script) : null;
  return match && "timing" in match ? match.timing.duration : null;
}

async function episodeDuration(episodeId: string): Promise<{ slug: string; duration: number | null }> {
  const episode = await db.podcastEpisode.findUnique({ where: { id: episodeId }, select: { lecture: { select: { slug: true } } } });
  if (!episode) throw new NotFoundError("That podcast episode no longer exists. Reload the page.");
  return { slug: episode.lecture.slug, duration: await getEpisodeDuration(episode.lecture.slug) };
}

/** The student's own place in an episode (zeros before they first listen). */
export async function getListeningProgress(user: SessionUser, episodeId: string, duration: number | null): Promise<ListeningProgress> {
  assertRole(user, ROLES);
  const row = await db.podcastProgress.findUnique({ where: { userId_episodeId: { userId: user.id, episodeId } }, select: { positionSeconds: true, heardSeconds: true } });
  return { position: row?.positionSeconds ?? 0, heardSeconds: row?.heardSeconds ?? 0, percentHeard: percentHeard(row?.heardSeconds ?? 0, duration) };
}

/**
 * Records what the student heard since the last save. Idempotent: the heard ranges are a union and
 * the position only moves forward, unless the save says the student sought back (then it is set).
 * The row is locked while it is merged, so two tabs saving at once lose nothing.
 */
export async function saveListeningProgress(user: SessionUser, input: SaveProgressInput): Promise<ListeningProgress> {
  assertRole(user, ROLES);
  const { duration } = await episodeDuration(input.episodeId);
  if (duration === null) throw new NotFoundError("This episode's audio is not available, so there is no position to save.");
  const position = Math.min(Math.max(0, input.position), duration);
  const heard = clampRanges(input.heard, duration);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO podcast_progress (user_id, episode_id, position_seconds, heard_seconds, heard_ranges, updated_at)
      VALUES (${user.id}, ${input.episodeId}, 0, 0, '[]'::jsonb, now()) ON CONFLICT (user_id, episode_id) DO NOTHING`;
    const [row] = await tx.$queryRaw<{ position_seconds: number; heard_ranges: [number, number][] }[]>`
      SELECT position_seconds, heard_ranges FROM podcast_progress WHERE user_id = ${user.id} AND episode_id = ${input.episodeId} FOR UPDATE`;
    const ranges = mergeRanges([...(Array.isArray(row!.heard_ranges) ? row!.heard_ranges : []), ...heard]);
    const nextPosition = input.seeked ? position : Math.max(row!.position_seconds, position);
    const heardSeconds = Math.round(totalLength(ranges) * 1000) / 1000;
    await tx.podcastProgress.update({
      where: { userId_episodeId: { userId: user.id, episodeId: input.episodeId } },
      data: { positionSeconds: nextPosition, heardSeconds, heardRanges: ranges },
    });
    return { position: nextPosition, heardSeconds, percentHeard: percentHeard(heardSeconds, duration) };
  });
}

/** Percent heard of each lecture's episode for the course home (lecture id → percent, or null without audio). */
export async function getPodcastHeardByLecture(user: SessionUser): Promise<Map<string, { percentHeard: number | null }>> {
  assertRole(user, ROLES);
  const episodes = await db.podcastEpisode.findMany({
    select: { lectureId: true, lecture: { select: { slug: true } }, progress: { where: { userId: user.id }, select: { heardSeconds: true } } },
  });
  const result = new Map<string, { percentHeard: number | null }>();
  for (const episode of episodes) {
    const duration = await getEpisodeDuration(episode.lecture.slug);
    result.set(episode.lectureId, { percentHeard: percentHeard(episode.progress[0]?.heardSeconds ?? 0, duration) });
  }
  return result;
}
