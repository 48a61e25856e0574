// Which database a script talks to: DATABASE_URL when it is set, otherwise the embedded PGlite server.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { chooseSocketDir, startEmbeddedDatabase, type EmbeddedDatabase, type EmbeddedListen } from "./embedded-db";
import { binPath, PLACEHOLDER_DATABASE_URL, prisma, projectRoot, runOrThrow } from "./run";

export const localDataDir = path.join(projectRoot, ".data");

export interface ResolvedDatabase {
  url: string;
  /** Set when the embedded server was started by this process (stop it before exiting). */
  embedded: EmbeddedDatabase | null;
}

/**
 * DATABASE_URL when it is set; otherwise the embedded server, on a Unix socket in .data/run (owner-only:
 * the socket server accepts any password, so no other local user may reach it), or on
 * 127.0.0.1:PGLITE_PORT when PGLITE_PORT is set (for a GUI client; any local user can connect then).
 */
export async function resolveDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const dataDir = env.PGLITE_DATA_DIR ? path.resolve(env.PGLITE_DATA_DIR) : path.join(localDataDir, "pglite");
  let listen: EmbeddedListen;
  if (env.PGLITE_PORT) {
    const port = Number(env.PGLITE_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PGLITE_PORT must be a port number, got "${env.PGLITE_PORT}".`);
    listen = { port };
  } else {
    mkdirSync(localDataDir, { recursive: true, mode: 0o700 });
    listen = { socketDir: chooseSocketDir(path.join(localDataDir, "run")) };
  }
  const embedded = await startEmbeddedDatabase({ dataDir, ...listen });
  console.log(`Embedded PostgreSQL (PGlite) serving ${path.relative(projectRoot, dataDir) || dataDir} on ${embedded.address}.`);
  return { url: embedded.url, embedded };
}

export async function generateClientIfMissing(): Promise<void> {
  if (existsSync(path.join(projectRoot, "lib", "generated", "prisma", "client.ts"))) return;
  await generateClient();
}

export async function generateClient(): Promise<void> {
  await prisma(["generate"], { ...process.env, DATABASE_URL: process.env.DATABASE_URL || PLACEHOLDER_DATABASE_URL });
}

/** Applies pending migrations with `prisma migrate deploy`. */
export async function migrateDatabase(url: string, options: { skipWhenCurrent?: boolean } = {}): Promise<void> {
  // The CLI's WebAssembly engine idles ten seconds before it exits; when every migration folder is
  // already recorded as applied there is nothing for it to do, so a start need not wait for it.
  if (options.skipWhenCurrent && (await pendingMigrations(url)).length === 0) {
    console.log("Database schema is up to date.");
    return;
  }
  await prisma(["migrate", "deploy"], { ...process.env, DATABASE_URL: url });
}

/** Migration folders not yet recorded as applied in _prisma_migrations. */
export async function pendingMigrations(url: string): Promise<string[]> {
  const folders = readdirSync(path.join(projectRoot, "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    if (!table.rows[0]?.exists) return folders;
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return folders.filter((folder) => !done.has(folder));
  } finally {
    await client.end();
  }
}

export async function seedDatabase(url: string, options: { demoAccounts: boolean }): Promise<void> {
  await runOrThrow(binPath("tsx"), ["prisma/seed.ts"], {
    ...process.env,
    DATABASE_URL: url,
    SEED_DEMO_ACCOUNTS: options.demoAccounts ? "true" : "false",
  });
}

/** Whether to seed the demo accounts: SEED_DEMO_ACCOUNTS when set, otherwise only on the embedded database. */
export function wantsDemoAccounts(database: ResolvedDatabase, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SEED_DEMO_ACCOUNTS) return env.SEED_DEMO_ACCOUNTS === "true" || env.SEED_DEMO_ACCOUNTS === "1";
  return database.embedded !== null;
}

/** A session-signing secret kept in .data/auth-secret for local use, created on first start. */
export function loadOrCreateLocalAuthSecret(): string {
  const file = path.join(localDataDir, "auth-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(localDataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
