// Test databases. Each integration test file gets a database of its own, already migrated:
// - with DATABASE_URL (a real PostgreSQL server): a new database created from a migrated template;
// - without it: an embedded PGlite server started from a migrated image.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { findFreePort, startEmbeddedDatabase, type EmbeddedDatabase } from "../../scripts/lib/embedded-db";

export interface TestDatabaseInfo {
  /** The server's URL when tests run against a real PostgreSQL server. */
  serverUrl: string | null;
  /** Migrated template database on that server. */
  templateName: string | null;
  /** A gzipped PGlite data directory with every migration applied. */
  embeddedImagePath: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** A fresh, migrated embedded database on a free port. */
export async function startMigratedEmbeddedDatabase(imagePath: string): Promise<EmbeddedDatabase> {
  const image = new Blob([await readFile(imagePath)]);
  return startEmbeddedDatabase({ port: await findFreePort(), loadDataDir: image });
}

export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createIsolatedDatabase(info: TestDatabaseInfo): Promise<IsolatedDatabase> {
  if (info.serverUrl && info.templateName) {
    const name = uniqueName("test");
    const serverUrl = info.serverUrl;
    await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${info.templateName}"`);
    return {
      url: withDatabaseName(serverUrl, name),
      drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const embedded = await startMigratedEmbeddedDatabase(info.embeddedImagePath);
  return { url: embedded.url, drop: () => embedded.stop() };
}
