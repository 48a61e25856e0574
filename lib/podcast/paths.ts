// Where built episodes live: one folder per lecture slug holding the MP3 and its timing file.
// Generated, never committed; every app replica needs the same files (build them with the app).
import path from "node:path";
import { KEY_PATTERN } from "../ids";

export const TIMING_FILE = "timing.json";

/** PODCAST_DIR, relative to the working directory (the project root), or `.data/podcast`. */
export function podcastRoot(): string {
  // Runtime data, not a source: kept out of the build's file tracing.
  return path.resolve(/*turbopackIgnore: true*/ process.env.PODCAST_DIR || path.join(".data", "podcast"));
}

export function episodeDir(lectureSlug: string, root = podcastRoot()): string {
  if (!KEY_PATTERN.test(lectureSlug)) throw new Error(`invalid lecture slug "${lectureSlug}"`);
  return path.join(/*turbopackIgnore: true*/ root, lectureSlug);
}
