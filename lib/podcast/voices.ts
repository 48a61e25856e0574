// Which synthesiser speaks each podcast host, and the command line that makes it speak one line.
// Pure: what is installed comes in as a SpeechSystem (lib/podcast/speech-system.ts detects it), so
// the choice can be tested for every combination of missing tools.
//
// Each host lists its voices best first (content/lectures/*/podcast.json). The order this project uses,
// from what listeners generally rate as most natural:
//   1. Festival with an HTS voice (festvox-us-slt-hts: statistical parametric, 32 kHz),
//   2. Flite's clustergen voices (slt, rms, awb: 16 kHz, built into the flite binary),
//   3. espeak-ng's formant voices (22050 Hz): always the last resort.
import type { PodcastFile } from "../content/schemas";

export type VoiceEngine = "festival" | "flite" | "espeak-ng";

export interface Voice {
  engine: VoiceEngine;
  name: string;
}

/** What is installed: each engine with its version, or null when it is missing. */
export interface SpeechSystem {
  /** Festival (text2wave) and its voices, each with a fingerprint of its files (their version). */
  festival: { version: string; voices: Record<string, string> } | null;
  flite: { version: string; voices: string[] } | null;
  espeak: { version: string } | null;
}

export interface ChosenVoice extends Voice {
  /** Engine and voice version: enters the build hash, so new voices rebuild the audio. */
  version: string;
}

export interface VoicePlan {
  /** The one sample rate of every line's WAV (the timeline counts samples). */
  sampleRate: number;
  voices: Record<string, ChosenVoice>;
}

export const FALLBACK_VOICE: Voice = { engine: "espeak-ng", name: "en-us" };

/** Flite and espeak-ng write at their voice's own rate; Festival resamples to any rate (text2wave -F). */
const ESPEAK_RATE = 22050;
const FLITE_RATES: Record<string, number> = { kal: 8000 }; // every other built-in Flite voice: 16 kHz
const FLITE_DEFAULT_RATE = 16000;
/** With only Festival voices: the HTS voices' own rate, so nothing is thrown away. */
const FESTIVAL_ONLY_RATE = 32000;

/**
 * Words per minute each voice speaks at its normal speed, measured here on lecture 1's whole script
 * (1,299 words, line by line, with the silence each WAV starts and ends with). Speed settings are scaled
 * from these so every engine speaks at the script's wordsPerMinute; espeak-ng speaks about 86% of its -s.
 */
const NORMAL_WPM: Record<string, number> = { "festival:cmu_us_slt_arctic_hts": 136, "flite:slt": 140, "flite:rms": 127, "flite:awb": 141 };
const DEFAULT_NORMAL_WPM = 135;
const ESPEAK_PACE = 0.86;

export function parseVoiceRef(ref: string): Voice {
  const colon = ref.indexOf(":");
  if (colon < 0) return { engine: "espeak-ng", name: ref };
  return { engine: ref.slice(0, colon) as VoiceEngine, name: ref.slice(colon + 1) };
}

/** A host's voices, best first, always ending with an espeak-ng voice (espeak-ng's "en-us" when it names none). */
export function hostVoices(host: PodcastFile["hosts"][number]): Voice[] {
  const refs = Array.isArray(host.voice) ? host.voice : host.voice ? [host.voice] : [];
  const voices = refs.map(parseVoiceRef);
  return voices.some((v) => v.engine === "espeak-ng") ? voices : [...voices, FALLBACK_VOICE];
}

/** The version of `voice` when it is installed, else null. */
export function installedVersion(voice: Voice, system: SpeechSystem): string | null {
  if (voice.engine === "festival") {
    const fingerprint = system.festival?.voices[voice.name];
    return fingerprint === undefined ? null : `${system.festival!.version}; ${voice.name} ${fingerprint}`;
  }
  if (voice.engine === "flite") return system.flite?.voices.includes(voice.name) ? system.flite.version : null;
  return system.espeak ? system.espeak.version : null;
}

/** The rate an engine writes this voice at, or null when it resamples to whatever the episode needs. */
export function fixedRate(voice: Voice): number | null {
  if (voice.engine === "festival") return null;
  if (voice.engine === "flite") return FLITE_RATES[voice.name] ?? FLITE_DEFAULT_RATE;
  return ESPEAK_RATE;
}

/**
 * Picks every host's voice: the first of its voices that is installed and can write the episode's one
 * sample rate. That rate is set by the first host (in script order) whose best installed voice has a
 * fixed rate; Festival voices follow it. Throws, naming the host, when a host has no usable voice.
 */
export function planVoices(hosts: PodcastFile["hosts"], system: SpeechSystem): VoicePlan {
  const installed = hosts.map((host) => ({
    host,
    candidates: hostVoices(host).flatMap((voice) => {
      const version = installedVersion(voice, system);
      return version === null ? [] : [{ ...voice, version }];
    }),
  }));
  const fixed = installed.map(({ candidates }) => (candidates[0] ? fixedRate(candidates[0]) : null)).find((rate) => rate !== null);
  const sampleRate = fixed ?? FESTIVAL_ONLY_RATE;
  const voices: Record<string, ChosenVoice> = {};
  for (const { host, candidates } of installed) {
    const chosen = candidates.find((voice) => fixedRate(voice) === null || fixedRate(voice) === sampleRate);
    if (!chosen) {
      const wanted = hostVoices(host).map((v) => `${v.engine}:${v.name}`);
      throw new Error(`podcast host "${host.id}": none of its voices (${wanted.join(", ")}) is installed and can speak at ${sampleRate} Hz`);
    }
    voices[host.id] = chosen;
  }
  return { sampleRate, voices };
}

export interface SpeechCommand {
  command: string;
  args: string[];
  /** How the text goes in: on stdin, or in the file `textFile` (Flite reads no stdin). Never as an argument. */
  input: "stdin" | "file";
  textFile: string;
  /** The WAV it writes. */
  out: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The command that speaks one line with `voice` at `wordsPerMinute` into the WAV `out`, at `sampleRate`
 * (a Festival voice is resampled to it; the others already write it, see planVoices).
 */
export function speechCommand(voice: Voice, wordsPerMinute: number, sampleRate: number, paths: { out: string; textFile: string }): SpeechCommand {
  const normal = NORMAL_WPM[`${voice.engine}:${voice.name}`] ?? DEFAULT_NORMAL_WPM;
  if (voice.engine === "festival") {
    // HTS voices take hts_engine's speed factor (-r, >1 is faster) and ignore Duration_Stretch, which
    // is how every other Festival voice is slowed or sped up (>1 is slower).
    const speed = voice.name.endsWith("_hts")
      ? `(set! hts_engine_params (append hts_engine_params (list (list "-r" ${round2(wordsPerMinute / normal)}))))`
      : `(Parameter.set 'Duration_Stretch ${round2(normal / wordsPerMinute)})`;
    const args = ["-eval", `(begin (voice_${voice.name}) ${speed})`, "-F", String(sampleRate), "-o", paths.out];
    return { command: "text2wave", args, input: "stdin", ...paths };
  }
  if (voice.engine === "flite") {
    const stretch = round2(normal / wordsPerMinute);
    return {
      command: "flite",
      args: ["-voice", voice.name, "--setf", `duration_stretch=${stretch}`, "-f", paths.textFile, "-o", paths.out],
      input: "file",
      ...paths,
    };
  }
  const speed = Math.round(wordsPerMinute / ESPEAK_PACE);
  return { command: "espeak-ng", args: ["-v", voice.name, "-s", String(speed), "-w", paths.out, "--stdin"], input: "stdin", ...paths };
}

const ENGINE_NAMES: Record<VoiceEngine, string> = { festival: "Festival", flite: "Flite", "espeak-ng": "espeak-ng" };

/** "Festival (cmu_us_slt_arctic_hts) and Flite (rms)": the engines that really spoke, for the MP3's comment. */
export function describeVoices(plan: VoicePlan): string {
  const names = [...new Set(Object.values(plan.voices).map((v) => `${ENGINE_NAMES[v.engine]} (${v.name})`))];
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}
