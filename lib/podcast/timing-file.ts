// The timing file written next to the built audio, and the hash that ties it to its script.
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../json/canonical";

export const TIMING_VERSION = 1;

export const timingFile = z.strictObject({
  version: z.literal(TIMING_VERSION),
  /** Hash of the script the audio was made from (see scriptHash). */
  scriptHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Hash of the script and every build setting: an unchanged build is skipped. */
  buildHash: z.string().regex(/^[0-9a-f]{64}$/),
  audioFile: z.string().regex(/^[\w.-]+$/),
  audioBytes: z.number().int().positive(),
  mimeType: z.string(),
  duration: z.number().positive(),
  lines: z.array(z.strictObject({ start: z.number().min(0), end: z.number().min(0) })),
  chapters: z.array(z.strictObject({ key: z.string(), start: z.number().min(0), end: z.number().min(0) })),
});

export type TimingFile = z.output<typeof timingFile>;

/** Hash of a podcast script (as read from podcast.json or from the database). */
export function scriptHash(script: unknown): string {
  return createHash("sha256").update(canonicalJson(script)).digest("hex");
}

/**
 * Checks that a timing file belongs to `script` and is consistent: one timed line per script line,
 * in order, inside the episode; one chapter per chapter used, in script order. Returns the problems.
 */
export function checkTiming(timing: TimingFile, script: { lines: { chapter: string }[] }): string[] {
  const problems: string[] = [];
  if (timing.lines.length !== script.lines.length) problems.push(`${timing.lines.length} timed lines for ${script.lines.length} script lines`);
  timing.lines.forEach((line, i) => {
    if (line.end < line.start) problems.push(`line ${i + 1} ends before it starts`);
    if (i > 0 && line.start < timing.lines[i - 1]!.end) problems.push(`line ${i + 1} starts before line ${i} ends`);
    if (line.end > timing.duration + 0.001) problems.push(`line ${i + 1} ends after the episode`);
  });
  const order = script.lines.map((l) => l.chapter).filter((c, i, all) => i === 0 || all[i - 1] !== c);
  if (order.join("\n") !== timing.chapters.map((c) => c.key).join("\n")) problems.push("chapters do not match the script's order");
  return problems;
}
