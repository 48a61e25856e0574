// The embedded default (PGlite behind its socket server) must behave like a real server for what the
// app does: many concurrent interactive transactions, and data that survives a stop and a start.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, poolOf, poolQuery } from "@/lib/db-client";
import pg from "pg";
import { findFreePort, startEmbeddedDatabase, EMBEDDED_APP_ENV, EMBEDDED_MAX_CONNECTIONS } from "../../scripts/lib/embedded-db";
import { pendingMigrations } from "../../scripts/lib/database";
import { startMigratedEmbeddedDatabase } from "./database";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("embedded PostgreSQL (PGlite)", () => {
  it("runs 200 concurrent interactive transactions through the socket server and keeps every row", async () => {
    const embedded = await startMigratedEmbeddedDatabase(inject("testDatabase").embeddedImagePath);
    cleanups.push(() => embedded.stop());
    // 200 transactions queue for one PGlite session (several seconds on two shared cores): this test
    // is about interleaving, so let every one wait its turn instead of answering BUSY.
    const db = createPrismaClient({ connectionString: embedded.url, poolSize: EMBEDDED_MAX_CONNECTIONS - 2, timeouts: { poolAcquireTimeoutMs: 60_000 } });
    cleanups.push(() => db.$disconnect());

    const counter = await db.cohort.create({ data: { name: "counter" } });
    const total = 200;
    const results = await Promise.allSettled(
      Array.from({ length: total }, (_, i) =>
        db.$transaction(async (tx) => {
          const cohort = await tx.cohort.create({ data: { name: `cohort-${i}` } });
          await tx.user.create({ data: { email: `user-${i}@example.com`, name: `User ${i}`, passwordHash: "x", cohortId: cohort.id } });
          // A read-modify-write that only stays right if transactions do not interleave.
          const row = await tx.loginThrottle.upsert({ where: { key: counter.id }, create: { key: counter.id, failures: 0 }, update: {} });
          await tx.loginThrottle.update({ where: { key: counter.id }, data: { failures: row.failures + 1 } });
          return cohort.id;
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db.user.count()).toBe(total);
    expect(await db.cohort.count()).toBe(total + 1);
    const users = await db.user.findMany({ select: { email: true, cohort: { select: { name: true } } }, orderBy: { email: "asc" } });
    for (const user of users) {
      const n = /^user-(\d+)@/.exec(user.email)![1];
      expect(user.cohort?.name).toBe(`cohort-${n}`);
    }
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: counter.id } })).failures).toBe(total);
  });

  it("rolls back a failed transaction completely while others commit", async () => {
    const embedded = await startMigratedEmbeddedDatabase(inject("testDatabase").embeddedImagePath);
    cleanups.push(() => embedded.stop());
    const db = createPrismaClient({ connectionString: embedded.url, poolSize: 4 });
    cleanups.push(() => db.$disconnect());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          await tx.cohort.create({ data: { name: `c-${i}` } });
          if (i % 2 === 1) throw new Error(`abort ${i}`);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(10);
    expect((await db.cohort.findMany({ orderBy: { name: "asc" } })).map((c) => c.name)).toEqual([
      "c-0",
      "c-10",
      "c-12",
      "c-14",
      "c-16",
      "c-18",
      "c-2",
      "c-4",
      "c-6",
      "c-8",
    ]);
  });

  it("keeps every row across a stop and a start from its data directory", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "pglite-restart-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const image = new Blob([await readFile(inject("testDatabase").embeddedImagePath)]);
    const first = await startEmbeddedDatabase({ dataDir, port: await findFreePort(), loadDataDir: image });
    const db1 = createPrismaClient({ connectionString: first.url, poolSize: 2 });
    await db1.cohort.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ name: `kept-${i}` })) });
    await db1.$disconnect();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir, port: await findFreePort() });
    cleanups.push(() => second.stop());
    expect(await pendingMigrations(second.url)).toEqual([]);
    const db2 = createPrismaClient({ connectionString: second.url, poolSize: 2 });
    cleanups.push(() => db2.$disconnect());
    expect(await db2.cohort.count({ where: { name: { startsWith: "kept-" } } })).toBe(50);
  });

  it("serves npm start's database on a Unix socket only its owner can open (directory 0700, socket 0600)", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "pglite-socket-"));
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const socketDir = path.join(parent, "run");
    const image = new Blob([await readFile(inject("testDatabase").embeddedImagePath)]);
    const embedded = await startEmbeddedDatabase({ socketDir, loadDataDir: image });
    cleanups.push(() => embedded.stop());

    expect(embedded.url).toBe(`postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}`);
    expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
    expect((await stat(embedded.address)).mode & 0o777).toBe(0o600);
    // No TCP port: nothing listens for the network at all.
    expect(embedded.address).toBe(path.join(socketDir, ".s.PGSQL.5432"));

    // The owner reaches it through the same code path as the app (pg via Prisma's adapter).
    const db = createPrismaClient({ connectionString: embedded.url, poolSize: 1 });
    cleanups.push(() => db.$disconnect());
    expect(await db.cohort.count()).toBe(0);

    // Another OS user cannot even open the socket. Needs root to act as "nobody" (CI runs as root).
    if (process.getuid?.() === 0) {
      const probe =
        `require("net").connect(${JSON.stringify(embedded.address)})` +
        '.on("connect",()=>{console.log("CONNECTED");process.exit(0)}).on("error",(e)=>{console.log(e.code);process.exit(0)})';
      const result = spawnSync("runuser", ["-u", "nobody", "--", process.execPath, "-e", probe], { encoding: "utf8", timeout: 10_000 });
      expect(result.stdout.trim()).toBe("EACCES");
    }
    // A stray connection that gets through a wrong path gets nothing either.
    await expect(new pg.Client({ connectionString: `postgresql://postgres@/postgres?host=${encodeURIComponent(parent)}` }).connect()).rejects.toThrow(/ENOENT/);
  });

  it("prepares no statements on the embedded database, where a new connection would find an old one's names taken in PGlite's one session", async () => {
    const embedded = await startMigratedEmbeddedDatabase(inject("testDatabase").embeddedImagePath);
    cleanups.push(() => embedded.stop());
    const queryOnFreshConnection = async (preparedStatements: boolean) => {
      const db = createPrismaClient({ connectionString: embedded.url, poolSize: 1, preparedStatements });
      try {
        const results: unknown[] = [];
        for (const value of [1, 2]) {
          results.push(await poolQuery<{ next: number }>(db, "SELECT $1::int + 1 AS next", [value]).catch((error: { code?: string }) => error.code));
          const connection = await poolOf(db).connect();
          connection.release(true); // closed: the next query opens another connection
        }
        return results;
      } finally {
        await db.$disconnect();
      }
    };
    // What the app runs with on the embedded database (npm start, quiz:sweep): no prepared statements.
    expect(EMBEDDED_APP_ENV.DATABASE_PREPARED_STATEMENTS).toBe("false");
    expect(await queryOnFreshConnection(false)).toEqual([[{ next: 2 }], [{ next: 3 }]]);
    // Why: with prepared statements, the second connection finds the first one's name taken.
    expect(await queryOnFreshConnection(true)).toEqual([[{ next: 2 }], "42P05"]);
  });
});
