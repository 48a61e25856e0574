// Bundles the service worker (lib/offline/sw/service-worker.ts) with Serwist after `next build`: esbuild
// compiles it, and the precache manifest lists the build's scripts and styles (not the pages, which
// are dynamic and kept as the student opens them). The result goes into the build folder, which
// app/sw.js/route.ts serves at /sw.js, so a new build always ships its own worker.
import path from "node:path";
import { runBuildCommand } from "@serwist/cli";
import { serwist } from "@serwist/next/config";
import type { NextConfigComplete } from "next/dist/server/config-shared";
import { projectRoot } from "./run";

export const SERVICE_WORKER_FILE = path.join(".next", "sw", "sw.js");

export async function buildServiceWorker(): Promise<void> {
  const config = await serwist(
    {
      swSrc: "lib/offline/sw/service-worker.ts",
      swDest: SERVICE_WORKER_FILE,
      globDirectory: projectRoot,
      globPatterns: [".next/static/**/*.{js,css}"],
      precachePrerendered: false,
      // Large chunks are precached too: an offline page must be able to run its scripts.
      maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
    },
    { distDir: ".next", basePath: "", assetPrefix: "" } as NextConfigComplete,
    { cwd: projectRoot, isDev: false },
  );
  await runBuildCommand({ config, watch: false });
}
