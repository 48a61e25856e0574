import { describe, expect, it } from "vitest";
import { describeBrowser, resolveChromium, type BrowserLookup } from "@/scripts/lib/browser";

/** A machine with these files and these commands on PATH; unpacking the npm browser is recorded. */
function machine(files: string[], onPath: Record<string, string> = {}, env: Record<string, string> = {}) {
  const unpacked: string[] = [];
  const lookup: BrowserLookup = {
    env,
    exists: (file) => files.includes(file),
    findOnPath: (command) => onPath[command] ?? null,
    unpackNpmChromium: async () => {
      unpacked.push("@sparticuz/chromium");
      return "/tmp/chromium";
    },
  };
  return { lookup, unpacked };
}

describe("which Chromium the tests drive", () => {
  it("takes CHROMIUM_PATH first, even over /usr/bin/chromium", async () => {
    const { lookup, unpacked } = machine(["/opt/chrome/chrome", "/usr/bin/chromium"], {}, { CHROMIUM_PATH: "/opt/chrome/chrome" });
    expect(await resolveChromium(lookup)).toEqual({ executablePath: "/opt/chrome/chrome", source: "CHROMIUM_PATH", env: {} });
    expect(unpacked).toEqual([]);
  });

  it("refuses a CHROMIUM_PATH with nothing there instead of quietly taking another browser", async () => {
    const { lookup } = machine(["/usr/bin/chromium"], {}, { CHROMIUM_PATH: "/nowhere/chrome" });
    await expect(resolveChromium(lookup)).rejects.toThrow("CHROMIUM_PATH is /nowhere/chrome, and there is no browser there.");
  });

  it("takes Debian's /usr/bin/chromium, else the first of chromium, chromium-browser, google-chrome on PATH", async () => {
    expect((await resolveChromium(machine(["/usr/bin/chromium"], { chromium: "/snap/bin/chromium" }).lookup)).executablePath).toBe("/usr/bin/chromium");
    const onPath = { "chromium-browser": "/usr/local/bin/chromium-browser", "google-chrome": "/usr/bin/google-chrome" };
    expect(await resolveChromium(machine([], onPath).lookup)).toEqual({ executablePath: "/usr/local/bin/chromium-browser", source: "system", env: {} });
  });

  it("unpacks @sparticuz/chromium when there is no system browser, with its own fonts only where fontconfig has none", async () => {
    const bare = machine(["/tmp/fonts/fonts.conf"]);
    expect(await resolveChromium(bare.lookup)).toEqual({
      executablePath: "/tmp/chromium",
      source: "@sparticuz/chromium",
      env: { FONTCONFIG_PATH: "/tmp/fonts" },
    });
    expect(bare.unpacked).toEqual(["@sparticuz/chromium"]);
    expect((await resolveChromium(machine(["/tmp/fonts/fonts.conf", "/etc/fonts/fonts.conf"]).lookup)).env).toEqual({});
  });

  it("says which browser it took", () => {
    expect(describeBrowser({ executablePath: "/tmp/chromium", source: "@sparticuz/chromium", env: {} })).toBe(
      "Chromium: /tmp/chromium (unpacked from the npm package @sparticuz/chromium)",
    );
  });
});
