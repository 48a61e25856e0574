import { describe, expect, it } from "vitest";
import { detectSpeechSystem, parseSchemeList, type SystemProbe } from "@/lib/podcast/speech-system";
import { PODCAST_TOOLS_HINT, podcastTools } from "@/lib/podcast/tools";

// What the programs print on a Debian bookworm machine with every package installed.
const OUTPUTS: Record<string, string> = {
  "lame --version": "LAME 64bits version 3.100 (http://lame.sf.net)\n\nCan I use LAME...\n",
  "espeak-ng --version": "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data\n",
  "festival --version": "festival: Festival Speech Synthesis System: 2.5.0:release December 2017\n",
  "text2wave -h": "text2wave [options] textfile\n  Convert a textfile to a waveform\n",
  "festival --batch (print voice-path) (print (voice.list))": '("/usr/share/festival/voices/")\n(cmu_us_slt_arctic_hts)\n',
  "flite -lv": "Voices available: kal awb_time kal16 awb rms slt \n",
  "flite --version":
    "  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved\n  version: flite-2.2-current Sep 2018 (http://cmuflite.org)\n",
};

const VOICE_FILES = [
  { path: "us/cmu_us_slt_arctic_hts/hts/cmu_us_slt_arctic_hts.htsvoice", size: 1503208 },
  { path: "us/cmu_us_slt_arctic_hts/festvox/cmu_us_slt_arctic_hts.scm", size: 5210 },
];

/** A machine without the named programs (and with `voiceFiles` under Festival's voice folder). */
function machine(missing: string[] = [], voiceFiles = VOICE_FILES): SystemProbe {
  return {
    run: async (command, args) => (missing.includes(command) ? null : (OUTPUTS[[command, ...args].join(" ")] ?? "")),
    files: (dir) => (dir === "/usr/share/festival/voices/" ? voiceFiles : []),
  };
}

describe("finding the speech tools", () => {
  it("finds Festival with its voice, Flite with its built-in voices, and espeak-ng", async () => {
    const system = await detectSpeechSystem(machine());
    expect(system.festival?.version).toBe("festival: Festival Speech Synthesis System: 2.5.0:release December 2017");
    expect(Object.keys(system.festival!.voices)).toEqual(["cmu_us_slt_arctic_hts"]);
    expect(system.festival!.voices.cmu_us_slt_arctic_hts).toMatch(/^[0-9a-f]{12}$/);
    expect(system.flite).toEqual({
      version: "version: flite-2.2-current Sep 2018 (http://cmuflite.org)",
      voices: ["kal", "awb_time", "kal16", "awb", "rms", "slt"],
    });
    expect(system.espeak).toEqual({ version: "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data" });
  });

  it("gives a voice a new fingerprint when its files change", async () => {
    const before = (await detectSpeechSystem(machine())).festival!.voices.cmu_us_slt_arctic_hts;
    const changed = [{ ...VOICE_FILES[0]!, size: 1503209 }, VOICE_FILES[1]!];
    expect((await detectSpeechSystem(machine([], changed))).festival!.voices.cmu_us_slt_arctic_hts).not.toBe(before);
  });

  it("counts Festival as missing without text2wave, and each engine as missing without its program", async () => {
    expect((await detectSpeechSystem(machine(["text2wave"]))).festival).toBeNull();
    expect(await detectSpeechSystem(machine(["festival", "flite", "espeak-ng"]))).toEqual({ festival: null, flite: null, espeak: null });
  });

  it("reads Festival's printed lists", () => {
    expect(parseSchemeList('("/usr/share/festival/voices/" "/opt/voices/")')).toEqual(["/usr/share/festival/voices/", "/opt/voices/"]);
    expect(parseSchemeList("(kal_diphone cmu_us_slt_arctic_hts)")).toEqual(["kal_diphone", "cmu_us_slt_arctic_hts"]);
    expect(parseSchemeList("nil")).toEqual([]);
  });
});

describe("which podcast tools are missing", () => {
  const names = (tools: { name: string }[]) => tools.map((t) => t.name);

  it("needs nothing more on a machine with everything", async () => {
    const status = await podcastTools(machine());
    expect(status.ok && status.lame).toBe("LAME 64bits version 3.100 (http://lame.sf.net)");
    expect(status.missingPreferred).toEqual([]);
  });

  it("builds without Festival and Flite, naming them as preferred", async () => {
    const status = await podcastTools(machine(["festival", "flite"]));
    expect(status.ok).toBe(true);
    expect(names(status.missingPreferred)).toEqual(["festival", "Festival's voice cmu_us_slt_arctic_hts", "flite"]);
  });

  it("names only the voice package when Festival has no HTS voice", async () => {
    const noVoice = machine();
    const run = noVoice.run;
    noVoice.run = async (command, args) => (args[0] === "--batch" ? '("/usr/share/festival/voices/")\nnil\n' : run(command, args));
    expect((await podcastTools(noVoice)).missingPreferred.map((t) => t.debianPackage)).toEqual(["festvox-us-slt-hts"]);
  });

  it("cannot build without lame or espeak-ng", async () => {
    const status = await podcastTools(machine(["lame", "espeak-ng", "flite"]));
    expect(status.ok).toBe(false);
    expect(!status.ok && names(status.missing)).toEqual(["lame", "espeak-ng"]);
    expect(names(status.missingPreferred)).toEqual(["flite"]);
  });

  it("says what to install in one command", () => {
    expect(PODCAST_TOOLS_HINT).toContain("`apt-get install -y lame espeak-ng festival festvox-us-slt-hts flite`");
  });
});
