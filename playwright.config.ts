// End-to-end tests in real Chromium against a production build started the way users start it
// (scripts/start.ts). Run through `npm test` or `npm run test:e2e`, which prepare a fresh database,
// the build and the browser (a system Chromium, else @sparticuz/chromium's, passed in CHROMIUM_PATH:
// unpacking it is asynchronous, which a config file cannot wait for), then call Playwright.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findSystemChromium, SYSTEM_CHROMIUM } from "./scripts/lib/browser";

const port = Number(process.env.E2E_PORT || 3100);
/** Where the browser tests' own OpenAI-compatible server listens (tests/e2e/zz-generated-study.spec.ts starts it). */
export const modelPort = Number(process.env.E2E_MODEL_PORT || 3199);
export const chromiumPath = process.env.CHROMIUM_PATH || findSystemChromium()?.executablePath || SYSTEM_CHROMIUM;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    // Specs route and fail requests themselves, which a service worker would answer instead: it is on
    // only where a spec asks for it (offline-study.spec.ts).
    serviceWorkers: "block",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium", viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: "npx tsx scripts/start.ts start",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    // Warnings and errors only: the fuzz spec alone makes thousands of requests.
    // The language model is the tests' own server: nothing listens there unless a spec starts it.
    env: {
      PORT: String(port),
      SEED_DEMO_ACCOUNTS: "true",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      AI_BASE_URL: `http://127.0.0.1:${modelPort}/v1`,
      AI_MODEL: "e2e-model",
      AI_TIMEOUT_MS: "5000",
    },
  },
});
