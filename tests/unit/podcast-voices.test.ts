import { describe, expect, it } from "vitest";
import { podcastFile, type PodcastFile } from "@/lib/content/schemas";
import { episodeBuildHash } from "@/lib/podcast/build";
import { describeVoices, hostVoices, planVoices, speechCommand, type SpeechSystem } from "@/lib/podcast/voices";

// The two hosts of lecture 1, as its podcast.json lists them.
const hosts: PodcastFile["hosts"] = [
  { id: "maya", name: "Maya", voice: ["festival:cmu_us_slt_arctic_hts", "flite:slt", "espeak-ng:en-us+f3"] },
  { id: "theo", name: "Theo", voice: ["flite:rms", "flite:awb", "espeak-ng:en-gb+m3"] },
];

const festival = { version: "festival 2.5.0", voices: { cmu_us_slt_arctic_hts: "469331592d86" } };
const flite = { version: "flite-2.2", voices: ["kal", "awb_time", "kal16", "awb", "rms", "slt"] };
const espeak = { version: "eSpeak NG 1.51" };
const everything: SpeechSystem = { festival, flite, espeak };

/** engine:name per host, and the rate. */
function picked(system: SpeechSystem, forHosts = hosts) {
  const plan = planVoices(forHosts, system);
  return { rate: plan.sampleRate, ...Object.fromEntries(Object.entries(plan.voices).map(([id, v]) => [id, `${v.engine}:${v.name}`])) };
}

describe("choosing each host's voice", () => {
  it("takes Festival's HTS voice and Flite's rms when both are installed, at Flite's 16 kHz", () => {
    expect(picked(everything)).toEqual({ rate: 16000, maya: "festival:cmu_us_slt_arctic_hts", theo: "flite:rms" });
  });

  it("falls back to Flite's slt without Festival, or without its HTS voice", () => {
    expect(picked({ ...everything, festival: null })).toEqual({ rate: 16000, maya: "flite:slt", theo: "flite:rms" });
    expect(picked({ ...everything, festival: { version: "festival 2.5.0", voices: { kal_diphone: "x" } } })).toEqual({
      rate: 16000,
      maya: "flite:slt",
      theo: "flite:rms",
    });
  });

  it("falls back to espeak-ng without Flite, and Festival then writes espeak-ng's 22050 Hz", () => {
    expect(picked({ ...everything, flite: null })).toEqual({ rate: 22050, maya: "festival:cmu_us_slt_arctic_hts", theo: "espeak-ng:en-gb+m3" });
  });

  it("speaks with espeak-ng alone when that is all there is", () => {
    expect(picked({ festival: null, flite: null, espeak })).toEqual({ rate: 22050, maya: "espeak-ng:en-us+f3", theo: "espeak-ng:en-gb+m3" });
  });

  it("keeps Festival's own 32 kHz when every host speaks with Festival", () => {
    const festivalHosts = hosts.map((h) => ({ ...h, voice: ["festival:cmu_us_slt_arctic_hts"] }));
    expect(picked(everything, festivalHosts)).toEqual({ rate: 32000, maya: "festival:cmu_us_slt_arctic_hts", theo: "festival:cmu_us_slt_arctic_hts" });
  });

  it("lets the first host with a fixed rate set it, and moves a later host to a voice that can follow", () => {
    const mixed: PodcastFile["hosts"] = [
      { id: "a", name: "A", voice: "en-us" },
      { id: "b", name: "B", voice: ["flite:rms", "festival:cmu_us_slt_arctic_hts", "espeak-ng:en-gb"] },
    ];
    // Flite writes 16 kHz and cannot follow espeak-ng's 22050 Hz: Festival can.
    expect(picked(everything, mixed)).toEqual({ rate: 22050, a: "espeak-ng:en-us", b: "festival:cmu_us_slt_arctic_hts" });
  });

  it("names the host and its voices when none can speak", () => {
    expect(() => planVoices([{ id: "ana", name: "Ana", voice: ["flite:slt"] }], { festival: null, flite: null, espeak: null })).toThrow(
      'podcast host "ana": none of its voices (flite:slt, espeak-ng:en-us) is installed and can speak at 32000 Hz',
    );
  });

  it("reads a bare name as an espeak-ng voice and always ends a host's list with espeak-ng", () => {
    expect(hostVoices({ id: "a", name: "A", voice: "en-gb+m3" })).toEqual([{ engine: "espeak-ng", name: "en-gb+m3" }]);
    expect(hostVoices({ id: "a", name: "A", voice: "" })).toEqual([{ engine: "espeak-ng", name: "en-us" }]);
    expect(hostVoices({ id: "a", name: "A", voice: ["flite:awb"] })).toEqual([
      { engine: "flite", name: "awb" },
      { engine: "espeak-ng", name: "en-us" },
    ]);
  });

  it("names the engines that really spoke", () => {
    expect(describeVoices(planVoices(hosts, everything))).toBe("Festival (cmu_us_slt_arctic_hts) and Flite (rms)");
    expect(describeVoices(planVoices(hosts, { festival: null, flite: null, espeak }))).toBe("espeak-ng (en-us+f3) and espeak-ng (en-gb+m3)");
  });
});

describe("the command that speaks a line", () => {
  const paths = { out: "/tmp/w/line-0001.wav", textFile: "/tmp/w/line-0001.txt" };

  it("gives Festival's HTS voice hts_engine's speed factor and the episode's rate, text on stdin", () => {
    // 150 words a minute from the voice's normal 136: 1.10 times faster.
    expect(speechCommand({ engine: "festival", name: "cmu_us_slt_arctic_hts" }, 150, 16000, paths)).toEqual({
      command: "text2wave",
      args: [
        "-eval",
        '(begin (voice_cmu_us_slt_arctic_hts) (set! hts_engine_params (append hts_engine_params (list (list "-r" 1.1)))))',
        "-F",
        "16000",
        "-o",
        paths.out,
      ],
      input: "stdin",
      ...paths,
    });
  });

  it("stretches other Festival voices' durations instead", () => {
    expect(speechCommand({ engine: "festival", name: "kal_diphone" }, 150, 22050, paths).args.slice(0, 2)).toEqual([
      "-eval",
      "(begin (voice_kal_diphone) (Parameter.set 'Duration_Stretch 0.9))",
    ]);
  });

  it("gives Flite its duration stretch and the text in a file", () => {
    // rms speaks 127 words a minute: 127 / 150 = 0.85 of its durations.
    expect(speechCommand({ engine: "flite", name: "rms" }, 150, 16000, paths)).toEqual({
      command: "flite",
      args: ["-voice", "rms", "--setf", "duration_stretch=0.85", "-f", paths.textFile, "-o", paths.out],
      input: "file",
      ...paths,
    });
  });

  it("gives espeak-ng the nominal rate that sounds like the script's (it speaks about 86% of it)", () => {
    expect(speechCommand({ engine: "espeak-ng", name: "en-gb+m3" }, 150, 22050, paths)).toEqual({
      command: "espeak-ng",
      args: ["-v", "en-gb+m3", "-s", "174", "-w", paths.out, "--stdin"],
      input: "stdin",
      ...paths,
    });
  });
});

describe("the voices in the content and the build", () => {
  const script = podcastFile.parse({
    title: "T",
    hosts,
    chapters: [{ key: "intro", title: "Intro" }],
    lines: [{ host: "maya", chapter: "intro", text: "Hello." }],
  });

  it("accepts engine:voice lists and refuses names that could be read as options or Scheme", () => {
    const withVoice = (voice: unknown) => podcastFile.safeParse({ ...script, hosts: [{ id: "a", name: "A", voice }] }).success;
    expect([withVoice("en-us+f3"), withVoice(["festival:cmu_us_slt_arctic_hts", "flite:rms", "espeak-ng:en-gb+m3"]), withVoice("")]).toEqual([
      true,
      true,
      true,
    ]);
    expect([
      withVoice("-v"),
      withVoice(['festival:slt) (system "x"']),
      withVoice(["flite:/tmp/voice.flitevox"]),
      withVoice(["mbrola:us1"]),
      withVoice([]),
    ]).toEqual([false, false, false, false, false]);
  });

  it("rebuilds the audio when a chosen voice's version changes, not when an unused one does", () => {
    const base = episodeBuildHash(script, "LAME 3.100", planVoices(script.hosts, everything));
    const newVoice = { ...everything, festival: { ...festival, voices: { cmu_us_slt_arctic_hts: "0123456789ab" } } };
    const newUnused = { ...everything, flite: { ...flite, voices: [...flite.voices, "kal"] } };
    expect(episodeBuildHash(script, "LAME 3.100", planVoices(script.hosts, newVoice))).not.toBe(base);
    expect(episodeBuildHash(script, "LAME 3.100", planVoices(script.hosts, newUnused))).toBe(base);
    expect(episodeBuildHash(script, "LAME 3.101", planVoices(script.hosts, everything))).not.toBe(base);
  });
});
