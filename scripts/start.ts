// npm start / npm run dev: one command from a fresh clone to a running app.
// Without DATABASE_URL it serves the embedded PostgreSQL (PGlite, data in .data/pglite) on a local
// port; with DATABASE_URL it uses that server. Then it applies migrations, seeds (idempotently),
// builds when the sources changed (start only), and runs Next.js until Ctrl-C stops both.
import { spawn, type ChildProcess } from "node:child_process";
import { DEMO_ACCOUNTS } from "../lib/auth/demo-accounts";
import { buildIfNeeded } from "./lib/build";
import {
  generateClientIfMissing,
  loadOrCreateLocalAuthSecret,
  migrateDatabase,
  resolveDatabase,
  seedDatabase,
  wantsDemoAccounts,
  type ResolvedDatabase,
} from "./lib/database";
import { EMBEDDED_APP_ENV, isPortFree } from "./lib/embedded-db";
import { describeExit, exitCodeOf, healthUrl, nextLaunch, waitUntilHealthy } from "./lib/next-process";
import { buildPodcasts } from "./podcast";
import { PODCAST_TOOLS_HINT, toolNames } from "../lib/podcast/tools";
import { binPath, projectRoot, stopChild } from "./lib/run";

const mode = process.argv[2] === "dev" ? "dev" : "start";

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function banner(appUrl: string, demoAccounts: boolean): string {
  const lines = [``, `  Course module is ready: ${appUrl}`, ``];
  if (demoAccounts) {
    lines.push(`  Demo logins:`);
    for (const account of DEMO_ACCOUNTS) lines.push(`    ${account.role.padEnd(10)} ${account.email.padEnd(24)} ${account.password}`);
    lines.push(``);
  }
  lines.push(`  Press Ctrl-C to stop.`, ``);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a port number, got "${process.env.PORT}".`);
  // Without DATABASE_URL the embedded database is used (resolveDatabase): a local setup.
  const launch = nextLaunch(mode, port, { embedded: !process.env.DATABASE_URL, env: process.env });
  if (!(await isPortFree(port, launch.hostname)))
    fail(`Port ${port} is already in use. Stop whatever is using it, or choose another port: PORT=3001 npm ${mode === "dev" ? "run dev" : "start"}`);

  let database: ResolvedDatabase | null = null;
  let next: ChildProcess | null = null;
  let shuttingDown = false;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await database?.embedded?.stop();
    process.exit(code);
  };
  // Installed before anything slow starts, so a Ctrl-C during migrations, seeding or the build still
  // closes the embedded database cleanly (its files are checkpointed on close).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`\nStopping…`);
      void (next ? stopChild(next) : Promise.resolve()).then(() => shutdown(0));
    });
  }

  try {
    await generateClientIfMissing();
    database = await resolveDatabase();

    let authSecret = process.env.AUTH_SECRET;
    if (!authSecret) {
      if (database.embedded || mode === "dev") authSecret = loadOrCreateLocalAuthSecret();
      else
        fail(
          "AUTH_SECRET is not set. With DATABASE_URL the app runs as a real deployment: " +
            "set AUTH_SECRET to at least 32 random characters (for example `openssl rand -base64 32`), the same on every replica.",
        );
    }

    await migrateDatabase(database.url, { skipWhenCurrent: true });
    const demoAccounts = wantsDemoAccounts(database);
    await seedDatabase(database.url, { demoAccounts });
    const podcasts = await buildPodcasts({ quiet: true });
    if ("missing" in podcasts)
      console.log(`Podcast audio not built (${toolNames(podcasts.missing)} not found): the podcast tab shows the transcript. ${PODCAST_TOOLS_HINT}`);
    else if (podcasts.missingPreferred.length > 0)
      console.log(`Podcast spoken with fallback voices: ${toolNames(podcasts.missingPreferred)} not installed. ${PODCAST_TOOLS_HINT}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || launch.url,
      NEXT_TELEMETRY_DISABLED: "1",
      // PGlite is one session; its socket server keeps a connection's messages together only inside a
      // transaction, so concurrent queries on several connections could interleave: use one.
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || (database.embedded ? "1" : "10"),
      // That one connection serves every request in turn, so under a burst waiting for it is normal:
      // allow the wait the app had before timeouts existed, rather than answering "busy" after 4 s.
      ...(database.embedded && !process.env.DATABASE_POOL_ACQUIRE_TIMEOUT_MS ? { DATABASE_POOL_ACQUIRE_TIMEOUT_MS: "10000" } : {}),
      ...(database.embedded ? EMBEDDED_APP_ENV : {}),
    };
    if (mode === "start") await buildIfNeeded(env);

    if (stopping) return;
    next = spawn(binPath("next"), launch.args, { cwd: projectRoot, env, stdio: "inherit" });
    next.once("exit", (code, signal) => {
      if (!stopping) {
        console.error(describeExit(code, signal));
        void shutdown(exitCodeOf(code, signal));
      }
    });

    const appUrl = launch.url;
    if (await waitUntilHealthy(healthUrl(launch, port))) console.log(banner(appUrl, demoAccounts));
    else console.error(`The app did not answer on ${appUrl}/api/health within two minutes; see the messages above.`);
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}

void main();
