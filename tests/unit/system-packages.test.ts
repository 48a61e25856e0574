import { describe, expect, it } from "vitest";
import { PODCAST_TOOLS } from "@/lib/podcast/tools";
import { aptInstallCommand, planSystemPackages } from "@/scripts/lib/system-packages";

const tool = (pkg: string) => PODCAST_TOOLS.find((t) => t.debianPackage === pkg)!;
const lame = tool("lame");
const espeak = tool("espeak-ng");
const festival = tool("festival");
const slt = tool("festvox-us-slt-hts");
const flite = tool("flite");
const PURPOSE = "the podcast episode the end-to-end tests play";

describe("missing Debian packages", () => {
  it("does nothing when nothing is missing", () => {
    expect(planSystemPackages([], { isRoot: true, hasAptGet: true }, PURPOSE)).toEqual({ action: "none" });
  });

  it("installs every missing package itself as root with apt-get, saying what and why in one line", () => {
    expect(planSystemPackages([espeak, lame, festival, slt, flite], { isRoot: true, hasAptGet: true }, PURPOSE)).toEqual({
      action: "install",
      packages: ["espeak-ng", "lame", "festival", "festvox-us-slt-hts", "flite"],
      message:
        "Installing espeak-ng lame festival festvox-us-slt-hts flite with apt-get (running as root) for the podcast episode the end-to-end tests play: " +
        "espeak-ng, lame, festival, Festival's voice cmu_us_slt_arctic_hts and flite are missing.",
    });
    expect(planSystemPackages([flite], { isRoot: true, hasAptGet: true }, PURPOSE)).toMatchObject({ action: "install", packages: ["flite"] });
  });

  it("stops with the exact command when a required tool is missing and it may not install", () => {
    expect(planSystemPackages([espeak, lame, festival, slt, flite], { isRoot: false, hasAptGet: true }, PURPOSE)).toEqual({
      action: "stop",
      message:
        "The podcast episode the end-to-end tests play needs espeak-ng and lame, which are missing. " +
        "Install them with: sudo apt-get install -y --no-install-recommends espeak-ng lame festival festvox-us-slt-hts flite",
    });
  });

  it("only warns when the preferred voices are missing and espeak-ng is there", () => {
    expect(planSystemPackages([festival, slt], { isRoot: false, hasAptGet: true }, PURPOSE)).toEqual({
      action: "warn",
      message:
        "Note: festival and Festival's voice cmu_us_slt_arctic_hts not installed, so the podcast episode the end-to-end tests play uses fallback voices. " +
        "Install them with: sudo apt-get install -y --no-install-recommends festival festvox-us-slt-hts",
    });
  });

  it("does not try apt-get twice, and names the packages where there is no apt-get", () => {
    expect(planSystemPackages([lame], { isRoot: true, hasAptGet: true, triedInstall: true }, PURPOSE)).toEqual({
      action: "stop",
      message:
        "The podcast episode the end-to-end tests play needs lame, which is missing. apt-get could not install it. " +
        "Install it with: apt-get install -y --no-install-recommends lame",
    });
    expect(planSystemPackages([lame], { isRoot: true, hasAptGet: false }, PURPOSE)).toMatchObject({
      action: "stop",
      message: expect.stringContaining("Install the Debian packages lame (or your system's equivalents)."),
    });
  });

  it("puts sudo in front only for a user who is not root", () => {
    expect(aptInstallCommand(["flite"], { isRoot: false })).toBe("sudo apt-get install -y --no-install-recommends flite");
    expect(aptInstallCommand(["flite"], { isRoot: true })).toBe("apt-get install -y --no-install-recommends flite");
  });
});
