import { describe, expect, it } from "vitest";
import { podcastFile } from "@/lib/content/schemas";
import { episodeBuildHash } from "@/lib/podcast/build";
import { LOUDNESS, applyGain, frameEnergies, normalizeLoudness, peakAmplitude, planLoudness, speechLevel } from "@/lib/podcast/loudness";
import { readPcm16, writePcm16 } from "@/lib/podcast/timing";
import { planVoices } from "@/lib/podcast/voices";

const RATE = 16000;

/** A 400 Hz sine of peak `amplitude`: 40 samples a period, so a second (and every 20 ms frame) holds whole periods. */
function sine(amplitude: number, samples = RATE): Int16Array {
  return Int16Array.from({ length: samples }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 400 * i) / RATE)));
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Plain RMS over every sample, in dBFS: the figure a listener's meter would show for a steady tone. */
function rmsDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += (s / 32768) ** 2;
  return 10 * Math.log10(sum / samples.length);
}

const level = (samples: Int16Array) => speechLevel(frameEnergies(samples, RATE, LOUDNESS.frameSeconds));

// The sine's RMS is its peak over √2: 20·log10(1000 / √2 / 32768) = -33.32 dBFS, 16000 → -9.24 dBFS.
describe("measuring a line's speech level", () => {
  it("gives a sine's RMS", () => {
    expect(level(sine(1000))).toBeCloseTo(-33.32, 2);
    expect(level(sine(16000))).toBeCloseTo(-9.24, 2);
  });

  it("ignores pauses, silent or with a faint floor, so a line with pauses measures like one without", () => {
    const faintFloor = Int16Array.from({ length: RATE / 2 }, (_, i) => (i % 2 ? 3 : -3)); // -80.8 dBFS
    expect(level(concat(sine(1000, RATE / 2), new Int16Array(RATE / 2)))).toBe(level(sine(1000, RATE / 2)));
    expect(level(concat(sine(1000, RATE / 2), faintFloor, sine(1000, RATE / 2)))).toBe(level(sine(1000)));
  });

  it("ignores sound far below the speech (the relative gate), which a fixed gate at -60 dBFS would keep", () => {
    const tail = Int16Array.from({ length: RATE / 2 }, (_, i) => (i % 2 ? 100 : -100)); // -50.3 dBFS
    expect(level(concat(sine(10000, RATE / 2), tail))).toBe(level(sine(10000, RATE / 2)));
    expect(level(sine(10000, RATE / 2))).toBeCloseTo(-13.32, 2);
  });

  it("calls all silence -Infinity, a faint floor too (else a silent host's hiss would be turned up 60 dB)", () => {
    expect(level(new Int16Array(RATE))).toBe(-Infinity);
    expect(level(Int16Array.from({ length: RATE }, (_, i) => (i % 2 ? 3 : -3)))).toBe(-Infinity);
    expect(speechLevel([])).toBe(-Infinity);
  });
});

describe("evening out the hosts", () => {
  it("brings a quiet and a loud host to the same RMS, the target", () => {
    const result = normalizeLoudness(
      [
        { host: "maya", samples: sine(1000) },
        { host: "theo", samples: sine(16000) },
      ],
      RATE,
    );
    expect(result.hosts.maya!.levelDbfs).toBeCloseTo(-33.32, 2);
    expect(result.hosts.maya!.gainDb).toBeCloseTo(13.32, 2);
    expect(result.hosts.theo!.gainDb).toBeCloseTo(-10.76, 2);
    const [maya, theo] = result.samples.map(rmsDbfs);
    expect(Math.abs(maya! - theo!)).toBeLessThan(0.1);
    expect(Math.abs(maya! - LOUDNESS.targetDbfs)).toBeLessThan(0.1);
    expect(Math.abs(theo! - LOUDNESS.targetDbfs)).toBeLessThan(0.1);
  });

  it("gives all of a host's lines one gain, so a louder line stays louder by as much", () => {
    const result = normalizeLoudness(
      [
        { host: "maya", samples: sine(1000) },
        { host: "maya", samples: sine(2000) },
      ],
      RATE,
    );
    expect(result.lineGains[0]).toBe(result.lineGains[1]);
    expect(rmsDbfs(result.samples[1]!) - rmsDbfs(result.samples[0]!)).toBeCloseTo(6.02, 1);
  });

  it("turns a line up no further than puts its peak at -1 dBFS (29204), and only that line", () => {
    const spiky = sine(1000);
    spiky[1234] = 20000;
    const plan = planLoudness(
      [
        { host: "maya", samples: spiky },
        { host: "maya", samples: sine(1000) },
      ],
      RATE,
    );
    // floor(10^(-1/20) · 32768) = 29204; the spike allows 29204 / 20000.
    expect(plan.lineGains[0]).toBe(29204 / 20000);
    expect(plan.lineGains[1]).toBeCloseTo(10 ** (plan.hosts.maya!.gainDb / 20), 12);
    expect(plan.lineGains[1]).toBeGreaterThan(4);
    const out = applyGain(spiky, plan.lineGains[0]!);
    expect(peakAmplitude(out)).toBe(29204);
    expect(out[1234]).toBe(29204);
  });

  it("keeps a full-scale negative sample under the limit too", () => {
    const line = sine(1000);
    line[10] = -32768;
    const { samples } = normalizeLoudness([{ host: "theo", samples: line }], RATE);
    expect(samples[0]![10]).toBe(-29204);
    expect(peakAmplitude(samples[0]!)).toBe(29204);
  });

  it("keeps every line's sample count, odd ones too", () => {
    const lines = [
      { host: "maya", samples: sine(1000, 1001) },
      { host: "theo", samples: sine(16000, 7) },
      { host: "theo", samples: new Int16Array(0) },
    ];
    expect(normalizeLoudness(lines, RATE).samples.map((s) => s.length)).toEqual([1001, 7, 0]);
  });

  it("leaves silence silent: a silent line of a speaking host, and a host with nothing but silence", () => {
    const result = normalizeLoudness(
      [
        { host: "maya", samples: sine(1000) },
        { host: "maya", samples: new Int16Array(800) },
        { host: "theo", samples: new Int16Array(800) },
      ],
      RATE,
    );
    expect(result.hosts.theo).toEqual({ levelDbfs: -Infinity, gainDb: 0 });
    expect(result.samples[1]!.every((s) => s === 0)).toBe(true);
    expect(result.samples[2]!.every((s) => s === 0)).toBe(true);
  });
});

describe("applying a gain", () => {
  it("rounds and clamps to the 16-bit range", () => {
    expect([...applyGain(Int16Array.from([30000, -30000, 0, 1, -3, 5]), 2)]).toEqual([32767, -32768, 0, 2, -6, 10]);
    expect([...applyGain(Int16Array.from([3, -3, 1]), 0.5)]).toEqual([2, -1, 1]); // Math.round: halves go up
  });
});

describe("16-bit PCM bytes", () => {
  it("reads and writes little-endian samples at any byte offset", () => {
    const bytes = new Uint8Array([0xff, 0x34, 0x12, 0x00, 0x80, 0xff, 0x7f, 0x01]);
    expect([...readPcm16(bytes.subarray(1))]).toEqual([0x1234, -32768, 32767]); // the odd last byte is dropped
    const out = new Uint8Array(7);
    writePcm16(Int16Array.from([0x1234, -2]), out, 1);
    expect([...out]).toEqual([0, 0x34, 0x12, 0xfe, 0xff, 0, 0]);
  });
});

describe("the build hash", () => {
  const script = podcastFile.parse({
    title: "T",
    hosts: [{ id: "maya", name: "Maya", voice: ["flite:slt"] }],
    chapters: [{ key: "intro", title: "Intro" }],
    lines: [{ host: "maya", chapter: "intro", text: "Hello." }],
  });
  const plan = planVoices(script.hosts, { festival: null, flite: { version: "flite-2.2", voices: ["slt"] }, espeak: { version: "eSpeak NG 1.51" } });

  it("changes with the loudness target or its method's version, so the audio is rebuilt", () => {
    const base = episodeBuildHash(script, "LAME 3.100", plan);
    expect(episodeBuildHash(script, "LAME 3.100", plan, LOUDNESS)).toBe(base);
    expect(episodeBuildHash(script, "LAME 3.100", plan, { ...LOUDNESS, targetDbfs: -18 })).not.toBe(base);
    expect(episodeBuildHash(script, "LAME 3.100", plan, { ...LOUDNESS, version: LOUDNESS.version + 1 })).not.toBe(base);
  });
});
