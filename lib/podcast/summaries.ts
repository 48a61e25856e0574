import "server-only";
// What the podcast feature tells other features (progress, the course home): how much of each
// lecture's episode students have heard. Batched over every episode.
import { db } from "../db";
import { assertRole, ROLES, STAFF_ROLES } from "../auth/roles";
import type { Viewer } from "../auth/viewer";
import { episodeDurations } from "./internal/episodes";
import { selectClassListening } from "./internal/sql";
import { percentHeard } from "./timing";

/** The viewer's share of a lecture's episode: whole percent heard, null while its audio is not built. */
export interface PodcastHeard {
  percentHeard: number | null;
}

/** The viewer's share of every episode. `get` is null for a lecture without an episode. */
export async function getPodcastHeard(viewer: Viewer): Promise<{ get(lectureId: string): PodcastHeard | null }> {
  assertRole(viewer, ROLES);
  const episodes = await db.podcastEpisode.findMany({
    select: { lectureId: true, lecture: { select: { slug: true } }, progress: { where: { userId: viewer.id }, select: { heardSeconds: true } } },
  });
  const durations = await episodeDurations(episodes.map((e) => e.lecture.slug));
  const heard = new Map(
    episodes.map((e) => [e.lectureId, { percentHeard: percentHeard(e.progress[0]?.heardSeconds ?? 0, durations.get(e.lecture.slug) ?? null) }]),
  );
  return { get: (lectureId) => heard.get(lectureId) ?? null };
}

export interface StudentListening {
  heardSeconds: number;
  /** Whole percent of the episode heard (null while its audio is not built, or without an episode). */
  percentHeard: number | null;
  lastListenedAt: Date | null;
}

/** Every student's listening in every lecture's episode (`get(userId, lectureId)`, zeros before they listen). Staff only. */
export async function getClassListening(viewer: Viewer): Promise<{ get(userId: string, lectureId: string): StudentListening }> {
  assertRole(viewer, STAFF_ROLES);
  const [rows, episodes] = await Promise.all([
    selectClassListening(db),
    db.podcastEpisode.findMany({ select: { lectureId: true, lecture: { select: { slug: true } } } }),
  ]);
  const durations = await episodeDurations(episodes.map((e) => e.lecture.slug));
  const slugs = new Map(episodes.map((e) => [e.lectureId, e.lecture.slug]));
  const byKey = new Map(rows.map((row) => [`${row.userId}|${row.lectureId}`, row]));
  return {
    get: (userId, lectureId) => {
      const row = byKey.get(`${userId}|${lectureId}`);
      const duration = durations.get(slugs.get(lectureId) ?? "");
      const heardSeconds = row?.heardSeconds ?? 0;
      // The class table has always shown the plain share, without the student page's "the last two
      // seconds count as heard" (percentHeard in ./timing.ts).
      return {
        heardSeconds,
        percentHeard: duration ? Math.min(100, Math.floor((heardSeconds / duration) * 100)) : null,
        lastListenedAt: row?.updatedAt ?? null,
      };
    },
  };
}
