// The podcast's speech tools for a command that needs them (npm test): installed with apt-get when
// the process may (root), else the command stops with how to install them, or warns and falls back
// when only the preferred voices are missing. The decision is scripts/lib/system-packages.ts.
import { podcastTools } from "../../lib/podcast/tools";
import { findExecutable } from "./executables";
import { installDebianPackages, planSystemPackages } from "./system-packages";

/** What is missing of the podcast's tools: required ones first, then the preferred voices. */
async function missingSpeechTools() {
  const status = await podcastTools();
  return [...(status.ok ? [] : status.missing), ...status.missingPreferred];
}

/** Makes sure the podcast can be built: installs what is missing when it may, else says how. False: stop. */
export async function provideSpeechTools(purpose: string): Promise<boolean> {
  const context = { isRoot: process.getuid?.() === 0, hasAptGet: findExecutable("apt-get") !== null };
  let plan = planSystemPackages(await missingSpeechTools(), context, purpose);
  if (plan.action === "install") {
    console.log(plan.message);
    const code = await installDebianPackages(plan.packages);
    if (code !== 0) console.error(`apt-get exited with code ${code}.`);
    // Stop only if a required tool is still missing; warn if a preferred one is.
    plan = planSystemPackages(await missingSpeechTools(), { ...context, triedInstall: true }, purpose);
  }
  if (plan.action === "stop") console.error(`\n${plan.message}\n`);
  if (plan.action === "warn") console.log(plan.message);
  return plan.action !== "stop";
}
