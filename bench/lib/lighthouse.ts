// One Lighthouse run (12.2, its default mobile preset: a phone-sized screen, 4x CPU slowdown and
// simulated slow 4G) of one page in a new headless Chromium, with the session cookie sent, and the
// figures bench:pages prints. Lighthouse runs as its own program: it sends functions' source to the
// page, which must not pass through this script's TypeScript loader.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { binPath } from "../../scripts/lib/run";

const exec = promisify(execFile);

export interface PageFigures {
  performance: number;
  lcp_ms: number;
  tbt_ms: number;
  /** JavaScript as it travelled (compressed), in KB. */
  js_kb: number;
}

const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync";

interface Report {
  finalDisplayedUrl: string;
  runtimeError?: { message: string };
  categories: { performance?: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART): such a run is made again, twice at most. */
export async function audit(url: string, chromePath: string, cookie: string, attempts = 3): Promise<PageFigures> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, chromePath, cookie);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.error(`Lighthouse run ${attempt} of ${url} failed (${error instanceof Error ? error.message.split("\n").at(-2) : error}); running it again.`);
    }
  }
}

async function auditOnce(url: string, chromePath: string, cookie: string): Promise<PageFigures> {
  const headers = path.join(os.tmpdir(), `bench-pages-headers-${process.pid}.json`);
  writeFileSync(headers, JSON.stringify({ Cookie: cookie }), { mode: 0o600 });
  const { stdout } = await exec(
    binPath("lighthouse"),
    [url, "--output=json", "--output-path=stdout", "--only-categories=performance", `--extra-headers=${headers}`, `--chrome-flags=${CHROME_FLAGS}`, "--quiet"],
    { env: { ...process.env, CHROME_PATH: chromePath }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
  );
  const lhr = JSON.parse(stdout) as Report;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname)
    throw new Error(`${url} redirected to ${lhr.finalDisplayedUrl} (is the cookie signed in?).`);
  const requests = lhr.audits["network-requests"]?.details?.items ?? [];
  const jsBytes = requests.filter((r) => r.resourceType === "Script").reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcp_ms: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0),
    tbt_ms: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? 0),
    js_kb: Math.round(jsBytes / 102.4) / 10,
  };
}

/** The run whose performance score is the median of the runs (Lighthouse's own advice for variance). */
export function medianRun(runs: readonly PageFigures[]): PageFigures {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcp_ms - b.lcp_ms);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
