import "server-only";
// A lecture's episode for the viewer, its audio file, and the viewer's place in it.
import path from "node:path";
import { db } from "../db";
import { assertRole, ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { NotFoundError } from "../errors";
import { lectureSlug as lectureSlugSchema } from "../lectures/schemas";
import { episodeDurationById, fetchEpisode, matchingTiming } from "./internal/episodes";
import { lockProgress } from "./internal/sql";
import { episodeDir } from "./paths";
import { clampRanges, mergeRanges, percentHeard, totalLength } from "./timing";
import type { TimingFile } from "./timing-file";
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

function audioUrl(lectureSlug: string, timing: Pick<TimingFile, "audioFile">): string {
  return `/api/podcast/${lectureSlug}/${timing.audioFile}`;
}

function audioOf(lectureSlug: string, timing: TimingFile): EpisodeAudio {
  const url = audioUrl(lectureSlug, timing);
  return { url, downloadUrl: `${url}?download=1`, duration: timing.duration, bytes: timing.audioBytes, mimeType: timing.mimeType };
}

/** The episode's current audio alone (the lecture's frame keeps it offline); null without one. */
export async function getEpisodeAudio(viewer: Viewer, lectureSlug: string): Promise<EpisodeAudio | null> {
  assertRole(viewer, ROLES);
  const episode = await fetchEpisode(lectureSlug);
  const match = episode ? matchingTiming(lectureSlug, episode) : null;
  return match && "timing" in match ? audioOf(lectureSlug, match.timing) : null;
}

/** The lecture's episode with its transcript and (when built) audio and timings; null when it has none. */
export async function getEpisode(viewer: Viewer, lectureSlug: string): Promise<EpisodeView | null> {
  assertRole(viewer, ROLES);
  const episode = await fetchEpisode(lectureSlug);
  if (!episode) return null;
  const { script } = episode;
  const match = matchingTiming(lectureSlug, episode);
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
    audio: timing ? audioOf(lectureSlug, timing) : null,
    audioProblem: "problem" in match ? match.problem : null,
  };
}

/** The file to serve for `/api/podcast/<slug>/<file>`: only the current build's audio, to signed-in users. */
export async function getEpisodeAudioFile(
  viewer: Viewer,
  lectureSlug: string,
  file: string,
): Promise<{ path: string; bytes: number; mimeType: string; downloadName: string }> {
  assertRole(viewer, ROLES);
  // Both come from the URL: anything that is not a slug cannot name an episode (nor reach the query).
  if (!lectureSlugSchema.safeParse(lectureSlug).success) throw new NotFoundError("This lecture has no podcast episode.");
  const episode = await fetchEpisode(lectureSlug);
  if (!episode) throw new NotFoundError("This lecture has no podcast episode.");
  const match = matchingTiming(lectureSlug, episode);
  if (!("timing" in match) || match.timing.audioFile !== file)
    throw new NotFoundError("This audio file does not exist (the episode may have been rebuilt). Reload the page.");
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

/** The viewer's own place in an episode (zeros before they first listen). */
export async function getListeningProgress(viewer: Viewer, episodeId: string, duration: number | null): Promise<ListeningProgress> {
  assertRole(viewer, ROLES);
  const row = await db.podcastProgress.findUnique({
    where: { userId_episodeId: { userId: viewer.id, episodeId } },
    select: { positionSeconds: true, heardSeconds: true },
  });
  return { position: row?.positionSeconds ?? 0, heardSeconds: row?.heardSeconds ?? 0, percentHeard: percentHeard(row?.heardSeconds ?? 0, duration) };
}

/**
 * Records what the student heard since the last save. Idempotent: the heard ranges are a union and
 * the position only moves forward, unless the save says the student sought back (then it is set).
 * The row is locked while it is merged, so two tabs saving at once lose nothing.
 */
export async function saveListeningProgress(viewer: Viewer, input: SaveProgressInput): Promise<ListeningProgress> {
  assertRole(viewer, ROLES);
  const episode = await episodeDurationById(input.episodeId);
  if (!episode) throw new NotFoundError("That podcast episode no longer exists. Reload the page.");
  const { duration } = episode;
  if (duration === null) throw new NotFoundError("This episode's audio is not available, so there is no position to save.");
  const position = Math.min(Math.max(0, input.position), duration);
  const heard = clampRanges(input.heard, duration);
  return db.$transaction(async (tx) => {
    const row = await lockProgress(tx, viewer.id, input.episodeId);
    const ranges = mergeRanges([...(Array.isArray(row.heardRanges) ? (row.heardRanges as [number, number][]) : []), ...heard]);
    const nextPosition = input.seeked ? position : Math.max(row.positionSeconds, position);
    const heardSeconds = Math.round(totalLength(ranges) * 1000) / 1000;
    await tx.podcastProgress.update({
      where: { userId_episodeId: { userId: viewer.id, episodeId: input.episodeId } },
      data: { positionSeconds: nextPosition, heardSeconds, heardRanges: ranges },
    });
    return { position: nextPosition, heardSeconds, percentHeard: percentHeard(heardSeconds, duration) };
  });
}
