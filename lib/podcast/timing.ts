// Pure logic of the podcast episode: reading the synthesiser's WAV files, laying the lines out on one
// timeline with pauses, finding the line and chapter under the play head, and merging the ranges a
// student has heard. No I/O and no Node modules: the build script, the server and the player share them.

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Byte offset of the PCM data in the file. */
  dataOffset: number;
  /** Bytes of PCM data (clamped to what the buffer holds). */
  dataLength: number;
}

/** Reads a RIFF/WAVE header (16-bit PCM, as the synthesisers write). Throws a clear error on anything else. */
export function readWavInfo(buffer: Uint8Array, name = "audio"): WavInfo {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const tag = (offset: number) => String.fromCharCode(...buffer.subarray(offset, offset + 4));
  if (buffer.byteLength < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error(`${name}: not a WAV file`);
  let offset = 12;
  let format: Omit<WavInfo, "dataOffset" | "dataLength"> | null = null;
  while (offset + 8 <= buffer.byteLength) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      const audioFormat = view.getUint16(body, true);
      if (audioFormat !== 1) throw new Error(`${name}: WAV encoding ${audioFormat} is not PCM`);
      format = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bitsPerSample: view.getUint16(body + 14, true) };
      if (format.bitsPerSample !== 16) throw new Error(`${name}: ${format.bitsPerSample}-bit samples; 16-bit expected`);
    } else if (id === "data") {
      if (!format) throw new Error(`${name}: data chunk before the format chunk`);
      // A streaming writer may leave the size at its maximum: take what the file holds.
      return { ...format, dataOffset: body, dataLength: Math.min(size, buffer.byteLength - body) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${name}: no data chunk`);
}

/** A mono 16-bit PCM WAV file around `pcm`. */
export function encodeWav(pcm: Uint8Array, sampleRate: number, channels = 1): Uint8Array {
  const header = new ArrayBuffer(44);
  const view = new DataView(header);
  const write = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  write(0, "RIFF");
  view.setUint32(4, 36 + pcm.byteLength, true);
  write(8, "WAVE");
  write(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  write(36, "data");
  view.setUint32(40, pcm.byteLength, true);
  const out = new Uint8Array(44 + pcm.byteLength);
  out.set(new Uint8Array(header), 0);
  out.set(pcm, 44);
  return out;
}

/**
 * The 16-bit little-endian samples in `bytes` (a WAV's data chunk; a trailing odd byte is dropped). Read
 * through a DataView: the bytes may sit at an odd offset of their buffer, where an Int16Array cannot.
 */
export function readPcm16(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  return samples;
}

/** Writes `samples` as 16-bit little-endian PCM into `out` at byte `offset`. */
export function writePcm16(samples: Int16Array, out: Uint8Array, offset: number): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < samples.length; i++) view.setInt16(offset + i * 2, samples[i]!, true);
}

export interface Pauses {
  /** Seconds of silence between two lines of one chapter. */
  betweenLines: number;
  /** Seconds of silence before a line that opens a new chapter. */
  betweenChapters: number;
}

export const DEFAULT_PAUSES: Pauses = { betweenLines: 0.35, betweenChapters: 1.0 };

export interface TimedLine {
  start: number;
  end: number;
}

export interface TimedChapter {
  key: string;
  start: number;
  end: number;
}

export interface EpisodeLayout {
  /** Silence (in samples) to put before each line. */
  gapsBefore: number[];
  lines: TimedLine[];
  chapters: TimedChapter[];
  duration: number;
}

const round3 = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Lays the spoken lines out on one timeline: each line's samples, preceded by a pause (longer when a
 * chapter starts). Times are in seconds, rounded to the millisecond; a chapter runs from its first line
 * to the start of the next chapter (the last one to the end).
 */
export function layoutEpisode(lines: { chapter: string; samples: number }[], sampleRate: number, pauses: Pauses = DEFAULT_PAUSES): EpisodeLayout {
  if (!(sampleRate > 0)) throw new Error("sample rate must be positive");
  const gapsBefore: number[] = [];
  const timed: TimedLine[] = [];
  const chapters: TimedChapter[] = [];
  let cursor = 0; // samples
  lines.forEach((line, i) => {
    const newChapter = i === 0 || lines[i - 1]!.chapter !== line.chapter;
    const gap = i === 0 ? 0 : Math.round((newChapter ? pauses.betweenChapters : pauses.betweenLines) * sampleRate);
    gapsBefore.push(gap);
    cursor += gap;
    if (newChapter) {
      if (chapters.length > 0) chapters[chapters.length - 1]!.end = round3(cursor / sampleRate);
      if (chapters.some((c) => c.key === line.chapter))
        throw new Error(`line ${i + 1}: chapter "${line.chapter}" resumes after another chapter; keep a chapter's lines together`);
      chapters.push({ key: line.chapter, start: round3(cursor / sampleRate), end: 0 });
    }
    const start = cursor;
    cursor += line.samples;
    timed.push({ start: round3(start / sampleRate), end: round3(cursor / sampleRate) });
  });
  const duration = round3(cursor / sampleRate);
  if (chapters.length > 0) chapters[chapters.length - 1]!.end = duration;
  return { gapsBefore, lines: timed, chapters, duration };
}

/**
 * The index of the line under the play head: the last line that has started by `time` (a pause
 * belongs to the line before it). -1 before the first line starts.
 */
export function lineIndexAt(lines: readonly TimedLine[], time: number): number {
  let low = 0;
  let high = lines.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (lines[mid]!.start <= time) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The index of the chapter under the play head, or -1 before the first. */
export function chapterIndexAt(chapters: readonly TimedChapter[], time: number): number {
  return lineIndexAt(chapters, time);
}

export type Range = readonly [number, number];

/** Union of ranges, sorted, with overlapping or touching ones joined; empty and reversed ranges dropped. */
export function mergeRanges(ranges: readonly Range[]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Ranges cut to [0, duration]. */
export function clampRanges(ranges: readonly Range[], duration: number): [number, number][] {
  return ranges.map(([a, b]): [number, number] => [Math.max(0, a), Math.min(duration, b)]).filter(([a, b]) => b > a);
}

export function totalLength(ranges: readonly Range[]): number {
  return mergeRanges(ranges).reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Whole percent heard, 0-100; a few seconds short of the end still counts as the whole episode. */
export function percentHeard(heardSeconds: number, duration: number | null): number | null {
  if (!duration || duration <= 0) return null;
  if (heardSeconds >= duration - 2) return 100;
  return Math.min(100, Math.floor((heardSeconds / duration) * 100));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

/** 75 → "1 minute 15 seconds", for screen readers. */
export function spokenDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  parts.push(`${s % 60} second${s % 60 === 1 ? "" : "s"}`);
  return parts.join(" ");
}
