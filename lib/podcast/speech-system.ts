// Finds the speech synthesisers installed here (Festival and its voices, Flite, espeak-ng), and runs
// one of them on one line of text. Detection goes through a probe, so tests can pretend a tool is missing.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SpeechCommand, SpeechSystem } from "./voices";

export interface SystemProbe {
  /** A command's stdout, or null when it cannot be run (not installed). A non-zero exit still answers: `flite --version` exits 1. */
  run(command: string, args: string[]): Promise<string | null>;
  /** Every file under `dir` (relative path and size), or [] when there is no such folder. */
  files(dir: string): { path: string; size: number }[];
}

/** Festival's voice folders and voices, printed as Scheme lists: `("/usr/share/festival/voices/")`, `(cmu_us_slt_arctic_hts)`. */
const FESTIVAL_QUERY = ["--batch", "(print voice-path)", "(print (voice.list))"];

/** The words of a printed Scheme list, unquoted: `("/a/" "/b/")` → ["/a/", "/b/"]. */
export function parseSchemeList(line: string | undefined): string[] {
  const inner = line?.trim().match(/^\((.*)\)$/)?.[1] ?? "";
  return inner
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/^"(.*)"$/, "$1"));
}

/** "Voices available: kal awb_time kal16 awb rms slt " → its voice names. */
export function parseFliteVoices(output: string): string[] | null {
  const line = output.split("\n").find((l) => l.startsWith("Voices available:"));
  return line ? line.slice("Voices available:".length).trim().split(/\s+/).filter(Boolean) : null;
}

/** A short hash of a voice's files (names and sizes): changes when its package does. */
export function voiceFingerprint(files: { path: string; size: number }[]): string {
  const listing = files.map((f) => `${f.path}\t${f.size}`).sort();
  return createHash("sha256").update(listing.join("\n")).digest("hex").slice(0, 12);
}

async function detectFestival(probe: SystemProbe): Promise<SpeechSystem["festival"]> {
  const [version, helper, query] = await Promise.all([
    probe.run("festival", ["--version"]),
    probe.run("text2wave", ["-h"]), // the front end the build runs; part of Debian's festival package
    probe.run("festival", FESTIVAL_QUERY),
  ]);
  if (version === null || helper === null || query === null) return null;
  const [voicePathLine, voiceListLine] = query.trim().split("\n");
  const roots = parseSchemeList(voicePathLine);
  const voices: Record<string, string> = {};
  for (const name of parseSchemeList(voiceListLine)) {
    // Voices live in <voice-path root>/<language>/<voice>/.
    const files = roots.flatMap((root) => probe.files(root).filter((f) => f.path.split("/")[1] === name));
    voices[name] = voiceFingerprint(files);
  }
  return { version: version.trim().split("\n")[0]!, voices };
}

async function detectFlite(probe: SystemProbe): Promise<SpeechSystem["flite"]> {
  const [list, version] = await Promise.all([probe.run("flite", ["-lv"]), probe.run("flite", ["--version"])]);
  const voices = list === null ? null : parseFliteVoices(list);
  if (!voices) return null;
  const versionLine = version?.split("\n").find((l) => l.includes("version:"));
  return { version: versionLine?.trim() ?? "flite", voices };
}

export async function detectSpeechSystem(probe: SystemProbe = systemProbe): Promise<SpeechSystem> {
  const [festival, flite, espeak] = await Promise.all([detectFestival(probe), detectFlite(probe), probe.run("espeak-ng", ["--version"])]);
  return { festival, flite, espeak: espeak === null ? null : { version: espeak.trim().split("\n")[0]! } };
}

/** Runs a command with nothing on stdin and resolves with its stdout (null when it cannot start). */
function commandOutput(command: string, args: string[], timeoutMs = 10_000): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "ignore"], timeout: timeoutMs });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.once("error", () => resolve(null));
    child.once("close", (code, signal) => resolve(signal ? null : stdout));
  });
}

function listFiles(dir: string, base = dir): { path: string; size: number }[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, base);
    return entry.isFile() ? [{ path: path.relative(base, full), size: statSync(full).size }] : [];
  });
}

export const systemProbe: SystemProbe = { run: (command, args) => commandOutput(command, args), files: (dir) => listFiles(dir) };

/**
 * Speaks `text` with a command from speechCommand(): on stdin, or through its text file. text2wave
 * exits 0 even when its Scheme fails, so a missing or empty WAV is an error too, with what it printed.
 */
export function runSpeech(speech: SpeechCommand, text: string): Promise<void> {
  if (speech.input === "file") writeFileSync(speech.textFile, text);
  return new Promise((resolve, reject) => {
    const child = spawn(speech.command, speech.args, { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("close", (code) => {
      const wrote = existsSync(speech.out) && statSync(speech.out).size > 44; // more than a WAV header
      if (code === 0 && wrote) resolve();
      else reject(new Error(`${speech.command} ${speech.args.join(" ")} failed: ${output.trim() || (code === 0 ? "no audio written" : `exit code ${code}`)}`));
    });
    child.stdin.on("error", () => {}); // a synthesiser that exits early closes its stdin; its exit code tells
    child.stdin.end(speech.input === "stdin" ? text : "");
  });
}
