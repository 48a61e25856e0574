// Reads the timing file a build wrote beside an episode's audio. Apart from the build (lib/podcast/build.ts)
// so the app, which only reads episodes, does not import the synthesisers' code.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { TIMING_FILE } from "./paths";
import { timingFile, type TimingFile } from "./timing-file";

/** Reads a valid timing file, or null when there is none or it is unreadable. */
export function readTimingFile(dir: string): TimingFile | null {
  const file = path.join(dir, TIMING_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = timingFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
