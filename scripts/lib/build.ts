// Builds the Next.js app when its sources changed since the last build (or there is none), so that
// `npm start` is quick on the second run and never serves a stale build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { binPath, projectRoot, runOrThrow } from "./run";
import { buildServiceWorker } from "./service-worker";

const SOURCE_DIRS = ["app", "components", "lib", "public", "content"];
const SOURCE_FILES = ["next.config.ts", "proxy.ts", "instrumentation.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  const files = [...SOURCE_DIRS.flatMap((dir) => [...walk(path.join(projectRoot, dir))]), ...SOURCE_FILES.map((f) => path.join(projectRoot, f))];
  for (const file of files) {
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    hash.update(path.relative(projectRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const stampFile = path.join(projectRoot, ".next", "source-hash");

export function buildIsCurrent(): boolean {
  return existsSync(path.join(projectRoot, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === sourceHash();
}

export async function buildIfNeeded(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (buildIsCurrent()) {
    console.log("Production build is up to date.");
    return;
  }
  console.log("Building the app (next build, then its service worker)…");
  await buildApp(env);
}

/** `next build`, then the service worker; the stamp says which sources the build is of. */
export async function buildApp(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const hash = sourceHash();
  await runOrThrow(binPath("next"), ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  await buildServiceWorker();
  writeFileSync(stampFile, hash);
}
