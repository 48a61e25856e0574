// Nothing waits forever on the database (item 15), and a transaction that times out never runs a
// statement after its ROLLBACK nor hands back a busy connection (item 16). A second connection holds
// a table lock inside an open transaction, as a long migration or a stuck request would.
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { allowLongStatements, createPrismaClient, type Db } from "@/lib/db-client";
import { isBusyError } from "@/lib/errors";

const url = process.env.DATABASE_URL!;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Holds ACCESS EXCLUSIVE on `table` until release() (or the test's end). */
async function holdTableLock(table: string) {
  const locker = new pg.Client({ connectionString: url });
  await locker.connect();
  await locker.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await locker.query("COMMIT");
    await locker.end();
  };
  cleanups.push(release);
  return { release };
}

function client(options: Parameters<typeof createPrismaClient>[0]["timeouts"], poolSize = 3): Db {
  const db = createPrismaClient({ connectionString: url, poolSize, timeouts: options });
  cleanups.push(() => db.$disconnect());
  return db;
}

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const started = Date.now();
  const [result] = await Promise.allSettled([work()]);
  return { ms: Date.now() - started, result };
}

// Locks only block between sessions of a real server; the embedded PGlite is a single session.
describe.skipIf(!inject("testDatabase").serverUrl)("database timeouts (real PostgreSQL)", () => {
  let warnings: string[];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  beforeEach(() => {
    warnings = [];
    process.on("warning", onWarning);
  });
  afterEach(() => {
    process.off("warning", onWarning);
  });

  it("fails a save blocked on a lock after the lock timeout, as BUSY, while other tables still answer", async () => {
    const db = client({ lockTimeoutMs: 300, statementTimeoutMs: 1_000, transactionTimeoutMs: 2_000 });
    const lock = await holdTableLock("cohorts");
    const blocked = await elapsed(() => db.$transaction((tx) => tx.cohort.create({ data: { name: "blocked" } })));
    expect(blocked.result.status).toBe("rejected");
    expect(isBusyError((blocked.result as PromiseRejectedResult).reason)).toBe(true);
    expect(blocked.ms).toBeLessThan(1_500);
    expect(await db.user.count()).toBe(0);
    await lock.release();
    expect(await db.cohort.count({ where: { name: "blocked" } })).toBe(0);
  });

  it("refuses a request with BUSY after the pool-acquire timeout when every connection is blocked", async () => {
    const db = client({ lockTimeoutMs: 5_000, statementTimeoutMs: 5_000, transactionTimeoutMs: 6_000, poolAcquireTimeoutMs: 400 }, 2);
    const lock = await holdTableLock("cohorts");
    const stuck = [0, 1].map((i) => db.cohort.create({ data: { name: `stuck-${i}` } }).catch((error: unknown) => error));
    await new Promise((resolve) => setTimeout(resolve, 200)); // both connections now wait on the lock
    const unrelated = await elapsed(() => db.user.count());
    expect(unrelated.result.status).toBe("rejected");
    expect(isBusyError((unrelated.result as PromiseRejectedResult).reason)).toBe(true);
    expect(unrelated.ms).toBeLessThan(1_500);
    await lock.release();
    await Promise.all(stuck);
    expect(await db.user.count()).toBe(0);
  });

  it("never runs a timed-out transaction's statements after its ROLLBACK, and returns its connection idle", async () => {
    // The transaction's own timeout (300 ms) is shorter than the lock wait, as when a caller passes a
    // tight timeout: Prisma's timer fires while the INSERT still waits for the lock.
    const db = client({ lockTimeoutMs: 5_000, statementTimeoutMs: 5_000, transactionTimeoutMs: 6_000 }, 1);
    const lock = await holdTableLock("cohorts");
    setTimeout(() => void lock.release(), 1_200);
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ name: `bulk-${i}` }));
    const timedOut = await elapsed(() => db.$transaction((tx) => tx.cohort.createMany({ data: rows }), { timeout: 300 }));
    expect(timedOut.result.status).toBe("rejected");
    expect(isBusyError((timedOut.result as PromiseRejectedResult).reason)).toBe(true);

    // (b) The next unrelated query on the same one-connection pool succeeds.
    expect(await db.user.count()).toBe(0);
    // (a) Nothing of the transaction survived its ROLLBACK, and nothing of it is still running.
    expect(await db.cohort.count({ where: { name: { startsWith: "bulk-" } } })).toBe(0);
    const running = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND query ILIKE '%INSERT INTO%cohorts%'`;
    expect(Number(running[0]!.n)).toBe(0);
    // (c) node-postgres was never asked to run two statements at once on one connection.
    expect(warnings.filter((message) => message.includes("already executing a query"))).toEqual([]);
  });

  it("cancels a statement past the statement timeout, unless its transaction allowed long statements", async () => {
    const db = client({ lockTimeoutMs: 300, statementTimeoutMs: 500, transactionTimeoutMs: 5_000 });
    const slow = await elapsed(() => db.$queryRaw`SELECT pg_sleep(1.5)::text`);
    expect(slow.result.status).toBe("rejected");
    expect(isBusyError((slow.result as PromiseRejectedResult).reason)).toBe(true);
    expect(slow.ms).toBeLessThan(1_200);
    const allowed = await db.$transaction(async (tx) => {
      await allowLongStatements(tx, 3_000);
      return tx.$queryRaw<{ ok: string }[]>`SELECT pg_sleep(1)::text AS ok`;
    });
    expect(allowed).toEqual([{ ok: "" }]);
  });
});
