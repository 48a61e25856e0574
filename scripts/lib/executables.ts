// Finding programs on PATH, like the shell's `command -v`. No import.meta here: playwright.config.ts
// loads this (through scripts/lib/browser.ts) as CommonJS.
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** The full path of `command` on PATH (an executable file), or null: what `command -v` finds. */
export function findExecutable(command: string, searchPath = process.env.PATH ?? ""): string | null {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      if (statSync(candidate).isFile()) {
        accessSync(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return null;
}
