// npm run db:* — database commands that work offline and on the embedded default alike.
//   db:generate            generate the Prisma client
//   db:migrate             apply pending migrations (prisma migrate deploy)
//   db:migration:new NAME  write a migration for the schema's changes since the last one
//   db:seed                seed (idempotent)
//   db:status              prisma migrate status
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { generateClient, migrateDatabase, resolveDatabase, seedDatabase, wantsDemoAccounts } from "./lib/database";
import { findFreePort, startEmbeddedDatabase } from "./lib/embedded-db";
import { binPath, prisma, prismaEnv, projectRoot } from "./lib/run";

const migrationsDir = path.join(projectRoot, "prisma", "migrations");
const schemaFile = path.join(projectRoot, "prisma", "schema.prisma");
/** The schema as of the latest migration: the next migration is the difference from it. */
const snapshotFile = path.join(migrationsDir, "schema.snapshot.prisma");

function timestamp(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  return `${date}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

async function newMigration(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("Give the migration a name in snake_case: npm run db:migration:new -- add_something");
  }
  // migrate diff compares two schema files, but the schema engine still wants a connection:
  // give it a throwaway in-memory database so that no real one is touched.
  const scratch = await startEmbeddedDatabase({ port: await findFreePort() });
  let sql: string;
  try {
    sql = await diffSql(scratch.url);
  } finally {
    await scratch.stop();
  }
  if (!sql.trim() || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
    console.log("The schema has not changed since the last migration: nothing to write.");
    return;
  }
  const folder = path.join(migrationsDir, `${timestamp()}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  copyFileSync(schemaFile, snapshotFile);
  console.log(`Wrote ${path.relative(projectRoot, folder)}/migration.sql. Review it, then run npm run db:migrate.`);
}

/** The SQL that takes the last migration's schema (or an empty database) to the current schema. */
function diffSql(databaseUrl: string): Promise<string> {
  const from = existsSync(snapshotFile) ? ["--from-schema-datamodel", snapshotFile] : ["--from-empty"];
  // Asynchronous on purpose: the scratch database is served by this same process.
  return new Promise((resolve, reject) => {
    execFile(
      binPath("prisma"),
      ["migrate", "diff", ...from, "--to-schema-datamodel", schemaFile, "--script"],
      { cwd: projectRoot, env: prismaEnv({ ...process.env, DATABASE_URL: databaseUrl }), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`prisma migrate diff failed:\n${stderr}`)) : resolve(stdout)),
    );
  });
}

async function withDatabase(task: (url: string, demoAccounts: boolean) => Promise<void>): Promise<void> {
  const database = await resolveDatabase();
  try {
    await task(database.url, wantsDemoAccounts(database));
  } finally {
    await database.embedded?.stop();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case "generate":
      return generateClient();
    case "new":
      return newMigration(rest[0]);
    case "migrate":
      return withDatabase((url) => migrateDatabase(url));
    case "seed":
      return withDatabase((url, demoAccounts) => seedDatabase(url, { demoAccounts }));
    case "status":
      return withDatabase((url) => prisma(["migrate", "status"], { ...process.env, DATABASE_URL: url }));
    default:
      throw new Error(`Unknown command "${command ?? ""}". Use generate, new <name>, migrate, seed or status.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
