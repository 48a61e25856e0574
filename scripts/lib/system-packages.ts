// Debian packages a command needs (the podcast's speech tools for the end-to-end tests): what to do when
// some are missing, and installing them. As root with apt-get the command installs them itself, saying
// so first; otherwise it stops with the exact command when a required one is missing, and only warns
// when a preferred one is (the caller falls back). The decision and its messages are pure, for tests.
import { spawn } from "node:child_process";

export interface SystemTool {
  name: string;
  debianPackage: string;
  /** Without it the command cannot run; without a preferred one it runs worse (and says so). */
  required: boolean;
}

export interface InstallContext {
  isRoot: boolean;
  hasAptGet: boolean;
  /** apt-get ran already and these are still missing: do not try again, say how. */
  triedInstall?: boolean;
}

export type PackagePlan =
  { action: "none" } | { action: "install"; packages: string[]; message: string } | { action: "stop"; message: string } | { action: "warn"; message: string };

const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? ""));
const unique = (values: string[]) => [...new Set(values)];

/** The command a person runs: `sudo apt-get install -y --no-install-recommends …` (no sudo for root). */
export function aptInstallCommand(packages: string[], context: Pick<InstallContext, "isRoot">): string {
  return `${context.isRoot ? "" : "sudo "}apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}

/**
 * What to do about `missing` tools, needed for `purpose` ("the podcast episode the end-to-end tests play").
 * Every missing package is installed together (preferred ones too: one apt-get run, natural voices).
 */
export function planSystemPackages(missing: readonly SystemTool[], context: InstallContext, purpose: string): PackagePlan {
  if (missing.length === 0) return { action: "none" };
  const packages = unique(missing.map((t) => t.debianPackage));
  const required = missing.filter((t) => t.required);
  if (context.isRoot && context.hasAptGet && !context.triedInstall) {
    return {
      action: "install",
      packages,
      message: `Installing ${packages.join(" ")} with apt-get (running as root) for ${purpose}: ${list(missing.map((t) => t.name))} ${missing.length > 1 ? "are" : "is"} missing.`,
    };
  }
  const them = packages.length > 1 ? "them" : "it";
  const how = context.hasAptGet
    ? `${context.triedInstall ? `apt-get could not install ${them}. ` : ""}Install ${them} with: ${aptInstallCommand(packages, context)}`
    : `Install the Debian packages ${packages.join(" ")} (or your system's equivalents).`;
  if (required.length > 0) {
    return {
      action: "stop",
      message: `${purpose[0]!.toUpperCase()}${purpose.slice(1)} needs ${list(required.map((t) => t.name))}, which ${required.length > 1 ? "are" : "is"} missing. ${how}`,
    };
  }
  return { action: "warn", message: `Note: ${list(missing.map((t) => t.name))} not installed, so ${purpose} uses fallback voices. ${how}` };
}

function aptGet(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    child.once("error", () => resolve(1));
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * `apt-get update` then `apt-get install -y --no-install-recommends …`, non-interactive; the exit code.
 * Its progress is left out (the caller said what it installs); its errors show.
 */
export async function installDebianPackages(packages: string[]): Promise<number> {
  const updated = await aptGet(["update", "-qq"]);
  if (updated !== 0) return updated;
  return aptGet(["install", "-y", "-qq", "--no-install-recommends", ...packages]);
}
