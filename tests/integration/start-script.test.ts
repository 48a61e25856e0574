// `npm start`: against a real server it refuses to run without a session secret, and says why; on the
// embedded database it serves the app on 127.0.0.1 only; it names the signal Next.js died of.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort } from "../../scripts/lib/embedded-db";
import { describeExit, exitCodeOf, healthUrl, nextLaunch } from "../../scripts/lib/next-process";

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

describe("how npm start runs Next.js", () => {
  it("binds to 127.0.0.1 on the embedded database unless HOST says otherwise", () => {
    expect(nextLaunch("start", 3000, { embedded: true, env: {} })).toEqual({
      args: ["start", "--port", "3000", "--hostname", "127.0.0.1"],
      hostname: "127.0.0.1",
      url: "http://localhost:3000",
    });
    expect(nextLaunch("dev", 3001, { embedded: true, env: { HOST: "0.0.0.0" } }).args).toEqual(["dev", "--port", "3001", "--hostname", "0.0.0.0"]);
    expect(nextLaunch("start", 3000, { embedded: true, env: { HOST: "192.168.1.20" } }).url).toBe("http://192.168.1.20:3000");
  });

  it("keeps listening on every interface for a deployment (DATABASE_URL set)", () => {
    const launch = nextLaunch("start", 8080, { embedded: false, env: {} });
    expect(launch.args).toEqual(["start", "--port", "8080", "--hostname", "0.0.0.0"]);
    expect(healthUrl(launch, 8080)).toBe("http://127.0.0.1:8080/api/health");
  });

  it.each([
    [null, "SIGKILL", "Next.js was killed by SIGKILL (signal 9): out of memory, or stopped by another process.", 137],
    [null, "SIGTERM", "Next.js was killed by SIGTERM (signal 15).", 143],
    [1, null, "Next.js exited with code 1.", 1],
    [0, null, "Next.js exited with code 0.", 0],
  ] as const)("reports an exit with code %j and signal %j", (code, signal, message, exitCode) => {
    expect(describeExit(code, signal)).toBe(message);
    expect(exitCodeOf(code, signal)).toBe(exitCode);
  });
});
