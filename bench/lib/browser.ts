// The Chromium Lighthouse drives: CHROME_PATH, else a system Chromium, else the one @sparticuz/chromium unpacks.
import { existsSync } from "node:fs";

export async function resolveBenchBrowser(): Promise<string> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) if (existsSync(candidate)) return candidate;
  const { default: chromium } = await import("@sparticuz/chromium");
  return chromium.executablePath();
}
