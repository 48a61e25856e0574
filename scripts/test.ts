// npm test: unit and integration tests (vitest), then end-to-end tests (Playwright in Chromium)
// against a production build on a fresh database. `npm run test:e2e` runs only the latter.
// First it provides what the end-to-end tests need from the machine: a Chromium (the system's, else
// the npm one, see scripts/lib/browser.ts) and the podcast's speech tools (installed with apt-get when
// running as root, see scripts/lib/system-packages.ts).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describeBrowser, resolveChromium } from "./lib/browser";
import { buildIfNeeded } from "./lib/build";
import { generateClientIfMissing } from "./lib/database";
import { findFreePort } from "./lib/embedded-db";
import { binPath, run } from "./lib/run";
import { provideSpeechTools } from "./lib/speech-tools";
import { buildPodcasts } from "./podcast";
import { adminQuery, uniqueName, withDatabaseName } from "../tests/integration/database";

async function unitAndIntegration(): Promise<number> {
  return run(binPath("vitest"), ["run"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

/** The end-to-end tests' machine prerequisites, as environment for Playwright; null when they cannot be met. */
async function provideEndToEndPrerequisites(): Promise<Record<string, string> | null> {
  let browser;
  try {
    browser = await resolveChromium();
  } catch (error) {
    console.error(`\nEnd-to-end tests need Chromium: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
  console.log(describeBrowser(browser));
  if (!(await provideSpeechTools("the podcast episode the end-to-end tests play"))) return null;
  return { CHROMIUM_PATH: browser.executablePath, ...browser.env };
}

async function endToEnd(prerequisites: Record<string, string>): Promise<number> {
  // The podcast tests play the real episode: build it (skipped when unchanged).
  const podcasts = await buildPodcasts({ quiet: true });
  if ("missing" in podcasts) {
    console.error(`\nThe podcast audio cannot be built: ${podcasts.missing.join(" and ")} missing.\n`);
    return 1;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...prerequisites,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: process.env.AUTH_SECRET || "end-to-end-tests-secret-of-32-characters-or-more",
    E2E_PORT: process.env.E2E_PORT || String(await findFreePort()),
  };
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    // A fresh database for the run: a new database on the server, or a new embedded data directory.
    if (process.env.DATABASE_URL) {
      const name = uniqueName("e2e");
      await adminQuery(process.env.DATABASE_URL, `CREATE DATABASE "${name}"`);
      cleanups.push(() => adminQuery(process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      env.DATABASE_URL = withDatabaseName(process.env.DATABASE_URL, name);
    } else {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "course-e2e-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      env.PGLITE_DATA_DIR = dataDir;
      env.PGLITE_PORT = String(await findFreePort());
    }
    await generateClientIfMissing();
    await buildIfNeeded(env);
    return await run(binPath("playwright"), ["test", ...process.argv.slice(3)], env);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(error));
  }
}

async function main(): Promise<number> {
  const mode = process.argv[2] ?? "all";
  // Before the unit tests, so a missing prerequisite stops the run at once, not minutes later.
  const prerequisites = await provideEndToEndPrerequisites();
  if (!prerequisites) return 1;
  if (mode !== "e2e") {
    const unit = await unitAndIntegration();
    if (unit !== 0) return unit;
  }
  return endToEnd(prerequisites);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
