// The programs the podcast build runs, which of them it cannot do without, and the Debian packages
// that provide them. lame and espeak-ng are required (espeak-ng is the voice that is always there);
// Festival with its HTS voice and Flite are preferred: they sound far more natural, and without them
// the hosts fall back to espeak-ng (see lib/podcast/voices.ts).
import { detectSpeechSystem, systemProbe, type SystemProbe } from "./speech-system";
import type { SpeechSystem } from "./voices";

export interface PodcastTool {
  name: string;
  debianPackage: string;
  required: boolean;
}

export const PODCAST_TOOLS: readonly PodcastTool[] = [
  { name: "lame", debianPackage: "lame", required: true },
  { name: "espeak-ng", debianPackage: "espeak-ng", required: true },
  { name: "festival", debianPackage: "festival", required: false },
  { name: "Festival's voice cmu_us_slt_arctic_hts", debianPackage: "festvox-us-slt-hts", required: false },
  { name: "flite", debianPackage: "flite", required: false },
];

const packages = (required: boolean) =>
  PODCAST_TOOLS.filter((t) => t.required === required)
    .map((t) => t.debianPackage)
    .join(" ");

export const PODCAST_TOOLS_HINT =
  `The podcast audio needs lame and espeak-ng, and sounds far more natural with Festival's HTS voice and Flite ` +
  `(Debian: \`apt-get install -y ${packages(true)} ${packages(false)}\`), then \`npm run podcast:build\`.`;

/** The tools missing from what was found: `lame` is lame's version line, or null. Pure, for tests. */
export function missingPodcastTools(lame: string | null, speech: SpeechSystem): { required: PodcastTool[]; preferred: PodcastTool[] } {
  const present: Record<string, boolean> = {
    lame: lame !== null,
    "espeak-ng": speech.espeak !== null,
    festival: speech.festival !== null,
    "festvox-us-slt-hts": speech.festival?.voices["cmu_us_slt_arctic_hts"] !== undefined,
    flite: speech.flite !== null,
  };
  const missing = PODCAST_TOOLS.filter((t) => !present[t.debianPackage]);
  return { required: missing.filter((t) => t.required), preferred: missing.filter((t) => !t.required) };
}

export type PodcastToolsStatus =
  { ok: true; lame: string; speech: SpeechSystem; missingPreferred: PodcastTool[] } | { ok: false; missing: PodcastTool[]; missingPreferred: PodcastTool[] };

/** What is installed: lame's version and the synthesisers, or what is missing. */
export async function podcastTools(probe: SystemProbe = systemProbe): Promise<PodcastToolsStatus> {
  const [lameOutput, speech] = await Promise.all([probe.run("lame", ["--version"]), detectSpeechSystem(probe)]);
  const lame = lameOutput === null ? null : lameOutput.trim().split("\n")[0]!;
  const missing = missingPodcastTools(lame, speech);
  if (missing.required.length > 0 || lame === null) return { ok: false, missing: missing.required, missingPreferred: missing.preferred };
  return { ok: true, lame, speech, missingPreferred: missing.preferred };
}

/** "festival and flite", for messages. */
export function toolNames(tools: readonly (string | PodcastTool)[]): string {
  const names = tools.map((t) => (typeof t === "string" ? t : t.name));
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}
