import "server-only";
// The podcast feature's raw SQL, with its row types. Checks no viewer: only lib/podcast/** imports it.
import type { db } from "../../db";
import type { DbTransaction } from "../../db-client";

type Reader = typeof db | DbTransaction;

/** Locks the student's progress row in an episode (creating it, at zero, on the first save) and reads it. */
export async function lockProgress(tx: DbTransaction, userId: string, episodeId: string): Promise<{ positionSeconds: number; heardRanges: unknown }> {
  await tx.$executeRaw`INSERT INTO podcast_progress (user_id, episode_id, position_seconds, heard_seconds, heard_ranges, updated_at)
    VALUES (${userId}, ${episodeId}, 0, 0, '[]'::jsonb, now()) ON CONFLICT (user_id, episode_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ positionSeconds: number; heardRanges: unknown }[]>`
    SELECT position_seconds AS "positionSeconds", heard_ranges AS "heardRanges" FROM podcast_progress
    WHERE user_id = ${userId} AND episode_id = ${episodeId} FOR UPDATE`;
  return row!;
}

/** Every student's progress in every episode, with the episode's lecture. */
export interface ListeningRow {
  userId: string;
  lectureId: string;
  heardSeconds: number;
  updatedAt: Date;
}

export function selectClassListening(reader: Reader): Promise<ListeningRow[]> {
  return reader.$queryRaw<ListeningRow[]>`
    SELECT p.user_id AS "userId", e.lecture_id AS "lectureId", p.heard_seconds AS "heardSeconds", p.updated_at AS "updatedAt"
    FROM podcast_progress p JOIN podcast_episodes e ON e.id = p.episode_id`;
}
