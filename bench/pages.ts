// Benchmark: how fast the student's pages are on a phone. It builds when the sources changed, starts the
// app as a user does (`npm start`, on a fresh embedded database of its own), signs in as the demo
// student, starts a quiz attempt, and runs Lighthouse's mobile preset on each page, then prints one
// JSON line: {"pages":{"<path>":{"performance","lcp_ms","tbt_ms","js_kb"}},"min_performance":…}.
//
//   npm run bench:pages
//   options (environment): BENCH_PAGES_RUNS=3 (runs per page, the median is kept)
//                          CHROMIUM_PATH=/usr/bin/chromium (else the system's, else @sparticuz/chromium's)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS } from "../lib/auth/demo-accounts";
import { findFreePort } from "../scripts/lib/embedded-db";
import { binPath, projectRoot, stopChild } from "../scripts/lib/run";
import { actionIds, callAction, signIn } from "./lib/app";
import { audit, medianRun, type PageFigures } from "./lib/lighthouse";
import { resolveChromium } from "../scripts/lib/browser";

const RUNS = Number(process.env.BENCH_PAGES_RUNS || 3);
const LECTURE = "ml-systems-and-data-engineering";
const START_TIMEOUT_MS = 10 * 60_000;

/** Runs `npm start` (build included) on a new data directory and resolves once it says it is ready. */
async function startApp(port: number, dataDir: string) {
  const child = spawn(binPath("tsx"), ["scripts/start.ts", "start"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: "", PORT: String(port), PGLITE_DATA_DIR: dataDir, PGLITE_PORT: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready within ${START_TIMEOUT_MS / 60_000} minutes:\n${output}`)), START_TIMEOUT_MS);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Course module is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return child;
}

/** Starts an attempt at the lecture's quiz and returns the attempt page's path. */
async function startAttempt(base: string, cookie: string): Promise<string> {
  const quizPath = `/lectures/${LECTURE}/quiz`;
  const html = await (await fetch(`${base}${quizPath}`, { headers: { cookie } })).text();
  const quizId = /name=\\?"quizId\\?" value=\\?"([^"\\]+)/.exec(html)?.[1] ?? /\\"quizId\\":\\"([^"\\]+)\\"/.exec(html)?.[1];
  if (!quizId) throw new Error(`No quiz to start on ${quizPath}.`);
  const { startAttemptAction } = actionIds("lib/quiz/actions.ts", ["startAttemptAction"] as const);
  const response = await callAction(base, quizPath, startAttemptAction, cookie, [null, { quizId }]);
  const attempt = /\/attempts\/[^;/?]+/.exec(response.headers.get("x-action-redirect") ?? "")?.[0];
  if (!attempt) throw new Error(`Starting the quiz answered ${response.status} without an attempt.`);
  return `${quizPath}${attempt}`;
}

async function main(): Promise<void> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-pages-"));
  const app = await startApp(port, dataDir);
  try {
    const student = DEMO_ACCOUNTS.find((account) => account.role === "STUDENT")!;
    const cookie = await signIn(base, student.email, student.password);
    const pages = [
      "/",
      `/lectures/${LECTURE}`,
      `/lectures/${LECTURE}/quiz`,
      await startAttempt(base, cookie),
      `/lectures/${LECTURE}/flashcards`,
      "/review",
      "/progress",
      `/lectures/${LECTURE}/podcast`,
    ];
    const browser = await resolveChromium();
    Object.assign(process.env, browser.env);
    const chromePath = browser.executablePath;
    const results: Record<string, PageFigures> = {};
    for (const page of pages) {
      const runs: PageFigures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(`${base}${page}`, chromePath, cookie));
      results[page] = medianRun(runs);
      console.error(`${page}: ${runs.map((r) => r.performance).join(", ")}`);
    }
    const minPerformance = Math.min(...Object.values(results).map((r) => r.performance));
    console.log(JSON.stringify({ pages: results, min_performance: minPerformance }));
  } finally {
    await stopChild(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
