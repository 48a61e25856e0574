// The Chromium the end-to-end tests and the screenshots drive. A system Chromium when there is one
// (CHROMIUM_PATH, else /usr/bin/chromium, else chromium, chromium-browser or google-chrome on PATH);
// else the headless Chromium the npm package @sparticuz/chromium unpacks into the temp folder (about
// 2 s the first time), so a fresh machine needs no Debian package and no download.
import { existsSync } from "node:fs";
import path from "node:path";
import { findExecutable } from "./executables";

/**
 * Our launch flags, for either browser. The network flags keep Chromium from flooding the closed network
 * with refused connections. @sparticuz/chromium's own `chromium.args` are for AWS Lambda and are not used:
 * besides --no-sandbox (here already) they switch off web security and site isolation
 * (--disable-web-security, --disable-features=IsolateOrigins,site-per-process), which would hide the
 * very behaviour the tests check, and force --single-process/--no-zygote, which this build does not
 * need outside Lambda (it launched and ran JavaScript under Playwright with only these flags).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_COMMANDS = ["chromium", "chromium-browser", "google-chrome"];

export interface ResolvedBrowser {
  executablePath: string;
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
  /** Environment the browser needs beyond ours (the npm build's fonts on a machine without fontconfig). */
  env: Record<string, string>;
}

export interface BrowserLookup {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  findOnPath: (command: string) => string | null;
  /** Unpacks @sparticuz/chromium's browser and returns its path. */
  unpackNpmChromium: () => Promise<string>;
}

/** A system Chromium, or null: what can be found without unpacking anything. Throws when CHROMIUM_PATH names nothing. */
export function findSystemChromium(lookup: Omit<BrowserLookup, "unpackNpmChromium"> = systemBrowserLookup): Omit<ResolvedBrowser, "env"> | null {
  const configured = lookup.env.CHROMIUM_PATH;
  if (configured) {
    if (!lookup.exists(configured))
      throw new Error(`CHROMIUM_PATH is ${configured}, and there is no browser there. Unset it to use the system's or the npm one.`);
    return { executablePath: configured, source: "CHROMIUM_PATH" };
  }
  if (lookup.exists(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  for (const command of CHROMIUM_COMMANDS) {
    const found = lookup.findOnPath(command);
    if (found) return { executablePath: found, source: "system" };
  }
  return null;
}

export async function resolveChromium(lookup: BrowserLookup = systemBrowserLookup): Promise<ResolvedBrowser> {
  const system = findSystemChromium(lookup);
  if (system) return { ...system, env: {} };
  const executablePath = await lookup.unpackNpmChromium();
  // The npm build brings its own fonts (unpacked beside it, with a fonts.conf). Use them only where the
  // system has no fontconfig setup: a machine with fonts keeps rendering with its own.
  const fontsDir = path.join(path.dirname(executablePath), "fonts");
  const useOwnFonts = !lookup.env.FONTCONFIG_PATH && !lookup.exists("/etc/fonts/fonts.conf") && lookup.exists(path.join(fontsDir, "fonts.conf"));
  return { executablePath, source: "@sparticuz/chromium", env: useOwnFonts ? { FONTCONFIG_PATH: fontsDir } : {} };
}

/** One line for the test output: which browser, from where. */
export function describeBrowser(browser: ResolvedBrowser): string {
  const from = { CHROMIUM_PATH: "CHROMIUM_PATH", system: "the system's", "@sparticuz/chromium": "unpacked from the npm package @sparticuz/chromium" }[
    browser.source
  ];
  return `Chromium: ${browser.executablePath} (${from})`;
}

export const systemBrowserLookup: BrowserLookup = {
  env: process.env,
  exists: existsSync,
  findOnPath: (command) => findExecutable(command),
  unpackNpmChromium: async () => {
    const { default: chromium } = await import("@sparticuz/chromium");
    return chromium.executablePath(); // unpacks into os.tmpdir() once; later calls find it there
  },
};
