// npm run podcast:build [-- --force] — synthesise every lecture's podcast episode (Festival, Flite or
// espeak-ng, then lame) into PODCAST_DIR (default .data/podcast), with the timing of each line and
// chapter. Unchanged episodes are skipped. Without the required tools it says what to install and exits
// with an error; without the preferred voices it says so, and the hosts take the next voices on their lists.
import path from "node:path";
import { readContentTree } from "../lib/content/read";
import { buildEpisode } from "../lib/podcast/build";
import { episodeDir, podcastRoot } from "../lib/podcast/paths";
import { podcastTools, PODCAST_TOOLS_HINT, toolNames } from "../lib/podcast/tools";
import { projectRoot } from "./lib/run";

export type PodcastBuildSummary = { built: number; unchanged: number; missingPreferred: string[] } | { missing: string[] };

export async function buildPodcasts(options: { force?: boolean; quiet?: boolean } = {}): Promise<PodcastBuildSummary> {
  const tools = await podcastTools();
  if (!tools.ok) return { missing: tools.missing.map((t) => t.name) };
  const tree = readContentTree(path.resolve(projectRoot, process.env.CONTENT_DIR || "content"));
  const counts = { built: 0, unchanged: 0 };
  for (const lecture of tree.lectures) {
    if (!lecture.podcast) continue;
    const slug = lecture.lecture.slug;
    const started = Date.now();
    let last = 0;
    const result = await buildEpisode(slug, lecture.podcast, episodeDir(slug, podcastRoot()), {
      lame: tools.lame,
      speech: tools.speech,
      force: options.force,
      onProgress: (done, total) => {
        if (options.quiet || !process.stdout.isTTY || Date.now() - last < 200) return;
        last = Date.now();
        process.stdout.write(`\r  ${slug}: speaking line ${done} of ${total}…`);
      },
    });
    if (!options.quiet && process.stdout.isTTY) process.stdout.write("\r\x1b[K");
    counts[result.status]++;
    const minutes = `${Math.floor(result.duration / 60)} min ${Math.round(result.duration % 60)} s`;
    console.log(
      `  ${slug}: ${result.status === "built" ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s` : "unchanged"}, ` +
        `${minutes}, ${(result.audioBytes / 1e6).toFixed(1)} MB, spoken by ${result.voices}`,
    );
  }
  return { ...counts, missingPreferred: tools.missingPreferred.map((t) => t.name) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(`Building podcast episodes into ${path.relative(projectRoot, podcastRoot()) || podcastRoot()}`);
  buildPodcasts({ force: process.argv.includes("--force") })
    .then((result) => {
      if ("missing" in result) {
        console.error(`Cannot build the podcast audio: ${result.missing.join(" and ")} not found. ${PODCAST_TOOLS_HINT}`);
        process.exit(1);
      }
      console.log(`Podcast episodes: ${result.built} built, ${result.unchanged} unchanged.`);
      if (result.missingPreferred.length > 0)
        console.log(`Note: ${toolNames(result.missingPreferred)} not installed: the hosts spoke with the next voices on their lists. ${PODCAST_TOOLS_HINT}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
