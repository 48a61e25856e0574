// `npm start` against a real server refuses to run without a session secret, and says why.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../../scripts/lib/embedded-db";

const root = path.resolve(import.meta.dirname, "../..");

describe("npm start", () => {
  it("stops with a clear message when DATABASE_URL is set and AUTH_SECRET is not", async () => {
    const env = { ...process.env, PORT: String(await findFreePort()) };
    delete env.AUTH_SECRET;
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts", "start"], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET is not set. With DATABASE_URL the app runs as a real deployment");
    expect(result.stdout).not.toContain("Course module is ready");
  });
});
