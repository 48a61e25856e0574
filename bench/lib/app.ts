// The app under load: production replicas started with `next start` on free ports, students signed in
// over HTTP, and server actions called the way React's client calls them.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "../../scripts/lib/embedded-db";
import { waitUntilHealthy } from "../../scripts/lib/next-process";
import { projectRoot, stopChild } from "../../scripts/lib/run";

export interface Replicas {
  bases: string[];
  stop(): Promise<void>;
}

/** Starts `count` app processes (stateless replicas, as behind a load balancer) and waits until each is healthy. */
export async function startReplicas(count: number, env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): Promise<Replicas> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await findFreePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers: ChildProcess[] = ports.map((port) =>
    spawn(process.execPath, [...nodeArgs, path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
      cwd: projectRoot,
      env: { ...env, NEXTAUTH_URL: `http://localhost:${port}` },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  const replicas = { bases: ports.map((port) => `http://127.0.0.1:${port}`), stop: () => Promise.all(servers.map((s) => stopChild(s))).then(() => undefined) };
  try {
    for (const base of replicas.bases) {
      if (!(await waitUntilHealthy(`${base}/api/health`))) throw new Error(`The app at ${base} did not become healthy within 120 s.`);
    }
  } catch (error) {
    await replicas.stop();
    throw error;
  }
  return replicas;
}

/** The build's ids of the named server actions exported by `filename` (a path from the project root). */
export function actionIds<N extends string>(filename: string, names: readonly N[]): Record<N, string> {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const ids: Partial<Record<string, string>> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.filename === filename && entry.exportedName) ids[entry.exportedName] = id;
  for (const name of names) if (!ids[name]) throw new Error(`No server action ${name} from ${filename} in the build.`);
  return ids as Record<N, string>;
}

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(";")[0]).join("; ");
}

/** Signs in through next-auth's credentials flow and returns the session cookie ("name=value"). */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf.headers.getSetCookie()) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await response.arrayBuffer();
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in failed for ${email} (status ${response.status}).`);
  return session.split(";")[0]!;
}

/** Posts a server action call with one argument after the form state (as useActionState's actions take). */
export function callAction(base: string, pagePath: string, actionId: string, cookie: string | null, args: unknown[]): Promise<Response> {
  return fetch(`${base}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(args),
  });
}
