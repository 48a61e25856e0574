// Builds each lecture's podcast audio offline: every script line is spoken in its host's voice (the
// best installed synthesiser, see lib/podcast/voices.ts), the lines are joined with pauses into one WAV,
// and lame encodes it as MP3. The timing of every line and chapter is written beside the audio. A build
// whose script, voices and settings are unchanged is skipped. Files are written under a temporary name
// and renamed, so a half-built episode never shows.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PodcastFile } from "../content/schemas";
import { runSpeech } from "./speech-system";
import { LOUDNESS, normalizeLoudness, type LoudnessSettings } from "./loudness";
import { DEFAULT_PAUSES, encodeWav, layoutEpisode, readPcm16, readWavInfo, writePcm16 } from "./timing";
import { TIMING_VERSION, scriptHash, type TimingFile } from "./timing-file";
import { readTimingFile } from "./timing-store";
import { TIMING_FILE } from "./paths";
import { describeVoices, planVoices, speechCommand, type SpeechSystem, type VoicePlan } from "./voices";

const exec = promisify(execFile);

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
  /** Who spoke: "Festival (cmu_us_slt_arctic_hts) and Flite (rms)". */
  voices: string;
}

const BITRATE = ["--cbr", "-b", "48"];

/**
 * Hash of the script and every build setting: lame's version, the chosen voices with theirs, the
 * command line each host is spoken with (so a new speed calibration rebuilds too) and the loudness
 * settings (a new target level or measure rebuilds the audio).
 */
export function episodeBuildHash(script: PodcastFile, lame: string, plan: VoicePlan, loudness: LoudnessSettings = LOUDNESS): string {
  const commands = Object.entries(plan.voices).map(([host, voice]) => {
    const { command, args } = speechCommand(voice, script.wordsPerMinute, plan.sampleRate, { out: "OUT", textFile: "TEXT" });
    return [host, command, ...args];
  });
  const settings = { pauses: DEFAULT_PAUSES, bitrate: BITRATE.join(" "), timingVersion: TIMING_VERSION, lame, voices: plan, commands, loudness };
  return createHash("sha256").update(scriptHash(script)).update(JSON.stringify(settings)).digest("hex");
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/**
 * Builds one episode into `outDir` (the lecture's folder under the podcast directory) with the voices
 * `speech` has. lame's version and every chosen voice's version enter the build hash, so new tools or
 * voices rebuild the audio.
 */
export async function buildEpisode(
  slug: string,
  script: PodcastFile,
  outDir: string,
  options: { lame: string; speech: SpeechSystem; force?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<BuildResult> {
  const plan = planVoices(script.hosts, options.speech);
  const buildHash = episodeBuildHash(script, options.lame, plan);
  const existing = readTimingFile(outDir);
  if (!options.force && existing?.buildHash === buildHash && existsSync(path.join(outDir, existing.audioFile))) {
    return { slug, status: "unchanged", duration: existing.duration, audioBytes: existing.audioBytes, voices: describeVoices(plan) };
  }

  const work = mkdtempSync(path.join(os.tmpdir(), `podcast-${slug}-`));
  try {
    let done = 0;
    const wavs = await mapLimit(script.lines, Math.max(1, Math.min(4, os.availableParallelism())), async (line, i) => {
      const name = path.join(work, `line-${String(i).padStart(4, "0")}`);
      const speech = speechCommand(plan.voices[line.host]!, script.wordsPerMinute, plan.sampleRate, { out: `${name}.wav`, textFile: `${name}.txt` });
      await runSpeech(speech, line.text);
      options.onProgress?.(++done, script.lines.length);
      const buffer = readFileSync(speech.out);
      const info = readWavInfo(buffer, `line ${i + 1}`);
      return { info, samples: readPcm16(buffer.subarray(info.dataOffset, info.dataOffset + info.dataLength)) };
    });
    // The timeline counts samples: every line must be mono at the plan's one rate.
    const { sampleRate } = plan;
    wavs.forEach(({ info }, i) => {
      if (info.sampleRate !== sampleRate || info.channels !== 1)
        throw new Error(`line ${i + 1}: ${info.sampleRate} Hz with ${info.channels} channel(s); every line must be mono at ${sampleRate} Hz`);
    });
    // Each engine speaks at its own level: one gain per host brings them all to the same loudness
    // (lib/podcast/loudness.ts). It scales samples and never adds or drops one, so the timing holds.
    const { samples } = normalizeLoudness(
      script.lines.map((line, i) => ({ host: line.host, samples: wavs[i]!.samples })),
      sampleRate,
    );
    const layout = layoutEpisode(
      script.lines.map((line, i) => ({ chapter: line.chapter, samples: samples[i]!.length })),
      sampleRate,
      DEFAULT_PAUSES,
    );
    const totalBytes = samples.reduce((sum, line, i) => sum + (line.length + layout.gapsBefore[i]!) * 2, 0);
    const pcm = new Uint8Array(totalBytes); // zero-filled: the gaps are silence
    let offset = 0;
    samples.forEach((line, i) => {
      offset += layout.gapsBefore[i]! * 2;
      writePcm16(line, pcm, offset);
      offset += line.length * 2;
    });
    const episodeWav = path.join(work, "episode.wav");
    writeFileSync(episodeWav, encodeWav(pcm, sampleRate));
    // The audio's name carries the build hash: the new file is in place before the timing file that
    // names it, so a reader always sees a matching pair, and browsers never cache a stale episode.
    const audioFile = `episode-${buildHash.slice(0, 12)}.mp3`;
    const mp3 = path.join(work, audioFile);
    await exec(
      "lame",
      ["--quiet", "-m", "m", ...BITRATE, "--tt", script.title, "--tc", `Spoken by ${describeVoices(plan)} from the episode script`, episodeWav, mp3],
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
    return { slug, status: "built", duration: layout.duration, audioBytes, voices: describeVoices(plan) };
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
