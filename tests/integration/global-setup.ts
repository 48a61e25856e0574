// Runs once before the integration tests: migrates a template database on the real server (when
// DATABASE_URL is set) and builds a migrated PGlite image (always: some tests exercise the embedded
// server on purpose). Both use `prisma migrate deploy`, the same command the app uses.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedDatabase } from "../../scripts/lib/embedded-db";
import { migrateDatabase } from "../../scripts/lib/database";
import { adminQuery, uniqueName, withDatabaseName, type TestDatabaseInfo } from "./database";

async function buildEmbeddedImage(directory: string): Promise<string> {
  const embedded = await startEmbeddedDatabase({ port: await findFreePort() });
  try {
    await migrateDatabase(embedded.url);
    const image = await embedded.pglite.dumpDataDir("gzip");
    const file = path.join(directory, "migrated.tar.gz");
    await writeFile(file, Buffer.from(await image.arrayBuffer()));
    return file;
  } finally {
    await embedded.stop();
  }
}

async function buildServerTemplate(serverUrl: string): Promise<string> {
  const name = uniqueName("template");
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  await migrateDatabase(withDatabaseName(serverUrl, name));
  return name;
}

export default async function setup(project: TestProject) {
  const directory = await mkdtemp(path.join(os.tmpdir(), "course-tests-"));
  const serverUrl = process.env.DATABASE_URL || null;
  const [embeddedImagePath, templateName] = await Promise.all([
    buildEmbeddedImage(directory),
    serverUrl ? buildServerTemplate(serverUrl) : Promise.resolve(null),
  ]);
  const info: TestDatabaseInfo = { serverUrl, templateName, embeddedImagePath };
  project.provide("testDatabase", info);

  return async () => {
    if (serverUrl && templateName) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`);
    await rm(directory, { recursive: true, force: true });
  };
}
