// npm test: unit and integration tests (vitest), then end-to-end tests (Playwright in Chromium)
// against a production build on a fresh database. `npm run test:e2e` runs only the latter.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./lib/build";
import { generateClientIfMissing } from "./lib/database";
import { findFreePort } from "./lib/embedded-db";
import { binPath, run } from "./lib/run";
import { buildPodcasts } from "./podcast";
import { PODCAST_TOOLS_HINT } from "../lib/podcast/build";
import { adminQuery, uniqueName, withDatabaseName } from "../tests/integration/database";

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

async function unitAndIntegration(): Promise<number> {
  return run(binPath("vitest"), ["run"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

async function endToEnd(): Promise<number> {
  if (!existsSync(chromiumPath)) {
    console.error(
      `\nEnd-to-end tests need Chromium, and there is none at ${chromiumPath}.\n` +
        `Install Debian's: apt-get update && apt-get install -y chromium\n` +
        `or point CHROMIUM_PATH at a Chromium or Chrome binary. (Playwright's own browser download does not work offline.)\n`,
    );
    return 1;
  }
  // The podcast tests play the real episode: build it (skipped when unchanged).
  const podcasts = await buildPodcasts({ quiet: true });
  if ("missing" in podcasts) {
    console.error(
      `\nEnd-to-end tests play the lecture's podcast, and ${podcasts.missing.join(" and ")} ` +
        `${podcasts.missing.length > 1 ? "are" : "is"} missing. ${PODCAST_TOOLS_HINT}\n`,
    );
    return 1;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
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
  if (mode === "e2e") return endToEnd();
  const unit = await unitAndIntegration();
  if (unit !== 0) return unit;
  return endToEnd();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
