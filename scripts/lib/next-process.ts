// How `npm start` runs Next.js: on which interface it listens, when it is ready, and how its end is
// reported. Pure functions (but the readiness wait), so the choices are tested without starting anything.
import { constants } from "node:os";

export interface NextLaunch {
  args: string[];
  /** The interface Next.js binds to. */
  hostname: string;
  /** The address to print and to open in a browser. */
  url: string;
}

/**
 * Next.js listens on every interface unless told otherwise. On the embedded database the app is a
 * local, single-user setup with demo logins: bind it to 127.0.0.1. With DATABASE_URL it is a
 * deployment (in a container, behind a reverse proxy on another host): every interface, as before.
 * HOST overrides both (HOST=0.0.0.0 to show the embedded setup to a classroom's network).
 */
export function nextLaunch(mode: "dev" | "start", port: number, options: { embedded: boolean; env?: Record<string, string | undefined> }): NextLaunch {
  const hostname = options.env?.HOST?.trim() || (options.embedded ? "127.0.0.1" : "0.0.0.0");
  const everywhere = hostname === "0.0.0.0" || hostname === "::";
  const shown = everywhere || hostname === "127.0.0.1" || hostname === "::1" ? "localhost" : hostname;
  return { args: [mode, "--port", String(port), "--hostname", hostname], hostname, url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}` };
}

/** The address the start script polls for readiness: loopback works whenever Next.js listens on it or on every interface. */
export function healthUrl(launch: NextLaunch, port: number): string {
  const everywhere = launch.hostname === "0.0.0.0" || launch.hostname === "::";
  const host = everywhere || launch.hostname === "localhost" ? "127.0.0.1" : launch.hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}/api/health`;
}

/** "Next.js exited with code 1" or "Next.js was killed by SIGKILL (signal 9)": never "code ?". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) {
    const number = constants.signals[signal];
    const cause = signal === "SIGKILL" ? ": out of memory, or stopped by another process" : "";
    return `Next.js was killed by ${signal}${number ? ` (signal ${number})` : ""}${cause}.`;
  }
  return `Next.js exited with code ${code ?? "unknown"}.`;
}

/** The exit code the start script passes on: the child's, or 128 + signal number as shells do. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (signal) return 128 + (constants.signals[signal] ?? 0);
  return code ?? 1;
}

/** Polls `url` (a health check) until it answers 2xx, each try bounded: true once it does, false after `timeoutMs`. */
export async function waitUntilHealthy(url: string, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
