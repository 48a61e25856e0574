// End-to-end tests in real Chromium (Debian's, see README) against a production build started the
// way users start it (scripts/start.ts). Run through `npm test` or `npm run test:e2e`, which prepare
// a fresh database and the build, then call Playwright.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
/** Where the browser tests' own OpenAI-compatible server listens (tests/e2e/zz-generated-study.spec.ts starts it). */
export const modelPort = Number(process.env.E2E_MODEL_PORT || 3199);
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

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
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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
