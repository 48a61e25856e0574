// Evens out the hosts' loudness in a podcast episode. Each synthesiser speaks at its own level (Festival's
// HTS voice about 5 dB below Flite's rms), so without this the volume jumps at every change of speaker.
// Pure: 16-bit samples in, 16-bit samples out, no I/O. lib/podcast/build.ts applies it before encoding.
//
// One gain per host, not per line: a host's lines keep their loudness relative to each other (a line
// spoken with more stress stays louder), and only the difference between the voices is taken away.

export interface LoudnessSettings {
  /** Bump when the measure or the way gains are applied changes: it enters the build hash. */
  version: number;
  /** The level every host is brought to, in dBFS RMS of its speech (see speechLevel). */
  targetDbfs: number;
  /** No sample may come out louder than this, in dBFS; lines that would are turned up less. */
  peakLimitDbfs: number;
  /** Length of the frames the gates judge, in seconds: short enough to tell the gaps between words from the words. */
  frameSeconds: number;
  /** Frames quieter than this (dBFS RMS) are silence, whatever else is in the line. */
  silenceGateDbfs: number;
  /** Frames this many dB below the mean of the frames that passed the silence gate are pauses, not speech. */
  relativeGateDb: number;
}

export const LOUDNESS: LoudnessSettings = {
  version: 1,
  targetDbfs: -20,
  peakLimitDbfs: -1,
  frameSeconds: 0.02,
  silenceGateDbfs: -60,
  relativeGateDb: -20,
};

/** The magnitude of a full-scale 16-bit sample: -32768 is exactly -1.0 and 0 dBFS. */
const FULL_SCALE = 32768;

const energyOf = (db: number) => 10 ** (db / 10);

/** The mean square of each frame of `samples`, full scale being 1; the last, shorter frame counts as one frame. */
export function frameEnergies(samples: Int16Array, sampleRate: number, frameSeconds: number): number[] {
  const size = Math.max(1, Math.round(frameSeconds * sampleRate));
  const energies: number[] = [];
  for (let start = 0; start < samples.length; start += size) {
    const end = Math.min(samples.length, start + size);
    let sum = 0;
    for (let i = start; i < end; i++) sum += (samples[i]! / FULL_SCALE) ** 2;
    energies.push(sum / (end - start));
  }
  return energies;
}

/**
 * The level of the speech in `energies` (frames from frameEnergies), in dBFS RMS; -Infinity when all is
 * silence. A plain RMS over the whole line would count its pauses, and a host who pauses more would be
 * measured quieter and turned up too far. So frames are gated in two steps, as EBU R128 does: first the
 * near-silent ones (an absolute gate: both engines leave a faint floor, around -80 dBFS, in their pauses),
 * then those far below the rest (a relative gate: the fading ends of words, breaths). The relative gate is
 * what makes the voices comparable: it cuts each voice at the same distance below its own level, where a
 * fixed threshold would keep more of a loud voice's soft sounds than of a quiet one's. A percentile of the
 * samples would be simpler, but it moves with how much of a line is pause, which is what we must ignore.
 * Unweighted (R128 first applies a K-filter): kept simple; weighting is the next step if voices still differ.
 */
export function speechLevel(energies: readonly number[], settings: LoudnessSettings = LOUDNESS): number {
  const audible = energies.filter((e) => e > energyOf(settings.silenceGateDbfs));
  if (audible.length === 0) return -Infinity;
  const relativeGate = mean(audible) * energyOf(settings.relativeGateDb);
  // Never empty: the loudest frame is at least the mean, which is above the gate.
  const speech = audible.filter((e) => e > relativeGate);
  return 10 * Math.log10(mean(speech));
}

/** The largest magnitude in `samples`, in sample units (0 to 32768). */
export function peakAmplitude(samples: Int16Array): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

export interface HostLoudness {
  /** The host's speech level over all its lines, before the gain, in dBFS RMS. */
  levelDbfs: number;
  /** The gain the host's lines get (less on a line whose peak would pass the limit), in dB. */
  gainDb: number;
}

export interface LoudnessPlan {
  hosts: Record<string, HostLoudness>;
  /** The linear gain of each line, in the lines' order. */
  lineGains: number[];
}

/**
 * One gain per host that brings its speech (measured over all its lines together) to the target, lowered
 * on any line whose peak would pass the limit. The cap is per line, so one line with a sharp peak
 * (a plosive, a synthesis glitch) is turned up less instead of holding the host's every line back. A
 * silent host keeps its level (there is nothing to measure).
 */
export function planLoudness(lines: readonly { host: string; samples: Int16Array }[], sampleRate: number, settings: LoudnessSettings = LOUDNESS): LoudnessPlan {
  const framesByHost = new Map<string, number[]>();
  for (const { host, samples } of lines) {
    const frames = framesByHost.get(host) ?? [];
    for (const e of frameEnergies(samples, sampleRate, settings.frameSeconds)) frames.push(e);
    framesByHost.set(host, frames);
  }
  const hosts: Record<string, HostLoudness> = {};
  for (const [host, frames] of framesByHost) {
    const levelDbfs = speechLevel(frames, settings);
    hosts[host] = { levelDbfs, gainDb: Number.isFinite(levelDbfs) ? settings.targetDbfs - levelDbfs : 0 };
  }
  // The limit in whole sample units, rounded down: a sample scaled to at most this rounds to at most this.
  const limit = Math.floor(10 ** (settings.peakLimitDbfs / 20) * FULL_SCALE);
  const lineGains = lines.map(({ host, samples }) => {
    const wanted = 10 ** (hosts[host]!.gainDb / 20);
    const peak = peakAmplitude(samples);
    return peak === 0 ? wanted : Math.min(wanted, limit / peak);
  });
  return { hosts, lineGains };
}

/** `samples` times `gain`, rounded, clamped to the 16-bit range. The same number of samples; silence stays silence. */
export function applyGain(samples: Int16Array, gain: number): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * gain)));
  return out;
}

/** Every line brought to the common level (see planLoudness), with the plan that did it. */
export function normalizeLoudness(
  lines: readonly { host: string; samples: Int16Array }[],
  sampleRate: number,
  settings: LoudnessSettings = LOUDNESS,
): LoudnessPlan & { samples: Int16Array[] } {
  const plan = planLoudness(lines, sampleRate, settings);
  return { ...plan, samples: lines.map(({ samples }, i) => applyGain(samples, plan.lineGains[i]!)) };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
