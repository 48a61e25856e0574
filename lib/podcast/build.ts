// Builds each lecture's podcast audio offline: every script line is spoken by espeak-ng in its host's
// voice, the lines are joined with pauses into one WAV, and lame encodes it as MP3. The timing of every
// line and chapter is written beside the audio. A build whose script and settings are unchanged is
// skipped. Files are written under a temporary name and renamed, so a half-built episode never shows.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PodcastFile } from "../content/schemas";
import { DEFAULT_PAUSES, encodeWav, layoutEpisode, readWavInfo } from "./timing";
import { TIMING_VERSION, scriptHash, timingFile, type TimingFile } from "./timing-file";
import { TIMING_FILE } from "./paths";

const exec = promisify(execFile);

export const PODCAST_TOOLS = ["espeak-ng", "lame"] as const;
export const PODCAST_TOOLS_HINT = "The podcast audio needs espeak-ng and lame (Debian: `apt-get install espeak-ng lame`), then `npm run podcast:build`.";

/** Version strings of the tools, or the names of the missing ones. */
export async function podcastTools(): Promise<{ ok: true; versions: string[] } | { ok: false; missing: string[] }> {
  const versions: string[] = [];
  const missing: string[] = [];
  for (const tool of PODCAST_TOOLS) {
    try {
      const { stdout } = await exec(tool, ["--version"], { timeout: 10_000 });
      versions.push(stdout.split("\n")[0]!.trim());
    } catch {
      missing.push(tool);
    }
  }
  return missing.length ? { ok: false, missing } : { ok: true, versions };
}

function speak(text: string, voice: string, wordsPerMinute: number, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The text goes in on stdin, so nothing in it is read as an option.
    const child = spawn("espeak-ng", ["-v", voice, "-s", String(wordsPerMinute), "-w", out, "--stdin"], { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng failed (voice ${voice}): ${stderr.trim() || `exit code ${code}`}`))));
    child.stdin.end(text);
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}

export interface BuildResult {
  slug: string;
  status: "built" | "unchanged";
  duration: number;
  audioBytes: number;
}

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

function writeAtomically(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/**
 * Builds one episode into `outDir` (the lecture's folder under the podcast directory). `toolVersions`
 * enter the build hash, so new tools rebuild the audio.
 */
export async function buildEpisode(
  slug: string,
  script: PodcastFile,
  outDir: string,
  options: { toolVersions: string[]; force?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<BuildResult> {
  const settings = { pauses: DEFAULT_PAUSES, bitrate: "--cbr -b 48", timingVersion: TIMING_VERSION, tools: options.toolVersions };
  const buildHash = createHash("sha256").update(scriptHash(script)).update(JSON.stringify(settings)).digest("hex");
  const existing = readTimingFile(outDir);
  if (!options.force && existing?.buildHash === buildHash && existsSync(path.join(outDir, existing.audioFile))) {
    return { slug, status: "unchanged", duration: existing.duration, audioBytes: existing.audioBytes };
  }

  const voices = new Map(script.hosts.map((host) => [host.id, host.voice || "en-us"]));
  const work = mkdtempSync(path.join(os.tmpdir(), `podcast-${slug}-`));
  try {
    let done = 0;
    const wavs = await mapLimit(script.lines, Math.max(1, Math.min(4, os.availableParallelism())), async (line, i) => {
      const file = path.join(work, `line-${String(i).padStart(4, "0")}.wav`);
      await speak(line.text, voices.get(line.host)!, script.wordsPerMinute, file);
      options.onProgress?.(++done, script.lines.length);
      const buffer = readFileSync(file);
      return { buffer, info: readWavInfo(buffer, `line ${i + 1}`) };
    });
    const sampleRate = wavs[0]!.info.sampleRate;
    wavs.forEach(({ info }, i) => {
      if (info.sampleRate !== sampleRate || info.channels !== 1)
        throw new Error(`line ${i + 1}: ${info.sampleRate} Hz with ${info.channels} channel(s); every line must be mono at ${sampleRate} Hz`);
    });
    const layout = layoutEpisode(
      script.lines.map((line, i) => ({ chapter: line.chapter, samples: wavs[i]!.info.dataLength / 2 })),
      sampleRate,
      DEFAULT_PAUSES,
    );
    const totalBytes = wavs.reduce((sum, { info }, i) => sum + info.dataLength + layout.gapsBefore[i]! * 2, 0);
    const pcm = new Uint8Array(totalBytes); // zero-filled: the gaps are silence
    let offset = 0;
    wavs.forEach(({ buffer, info }, i) => {
      offset += layout.gapsBefore[i]! * 2;
      pcm.set(buffer.subarray(info.dataOffset, info.dataOffset + info.dataLength), offset);
      offset += info.dataLength;
    });
    const episodeWav = path.join(work, "episode.wav");
    writeFileSync(episodeWav, encodeWav(pcm, sampleRate));
    // The audio's name carries the build hash: the new file is in place before the timing file that
    // names it, so a reader always sees a matching pair, and browsers never cache a stale episode.
    const audioFile = `episode-${buildHash.slice(0, 12)}.mp3`;
    const mp3 = path.join(work, audioFile);
    await exec(
      "lame",
      ["--quiet", "-m", "m", ...settings.bitrate.split(" "), "--tt", script.title, "--tc", "Generated by espeak-ng from the episode script", episodeWav, mp3],
      { timeout: 300_000 },
    );

    mkdirSync(outDir, { recursive: true });
    const audioBytes = statSync(mp3).size;
    renameOrCopy(mp3, path.join(outDir, audioFile));
    const timing: TimingFile = {
      version: TIMING_VERSION,
      scriptHash: scriptHash(script),
      buildHash,
      audioFile,
      audioBytes,
      mimeType: "audio/mpeg",
      duration: layout.duration,
      lines: layout.lines,
      chapters: layout.chapters,
    };
    writeAtomically(path.join(outDir, TIMING_FILE), `${JSON.stringify(timing, null, 1)}\n`);
    for (const old of readdirSync(outDir)) if (/^episode-[0-9a-f]+\.mp3$/.test(old) && old !== audioFile) rmSync(path.join(outDir, old), { force: true });
    return { slug, status: "built", duration: layout.duration, audioBytes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** rename(2) fails across file systems (the temp dir may be elsewhere): copy, then rename in place. */
function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    writeAtomically(to, readFileSync(from));
  }
}
