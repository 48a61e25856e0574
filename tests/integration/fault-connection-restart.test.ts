// After the database restarts, the first query on each pooled connection used to fail even though
// the server was back (item 17). The pool reaches the database through a proxy this test owns; the
// proxy cuts every socket at once, as a restart does, and accepts new ones.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, outageOf, poolOf, poolQuery, withConnectionRetry } from "@/lib/db-client";
import { isBusyError, isConnectionError } from "@/lib/errors";
import { createOutageTracker, type LogFields } from "@/lib/log";
import { startFaultProxy } from "./fault-proxy";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function setup(poolSize = 3) {
  const proxy = await startFaultProxy(process.env.DATABASE_URL!);
  cleanups.push(() => proxy.close());
  const events: { event: string; fields: LogFields }[] = [];
  const outage = createOutageTracker({
    events: { unreachable: (fields) => events.push({ event: "unreachable", fields }), reachable: (fields) => events.push({ event: "reachable", fields }) },
  });
  const db = createPrismaClient({ connectionString: proxy.url, poolSize, outage });
  cleanups.push(() => db.$disconnect());
  // Fill the pool with open connections, as a running app has.
  await Promise.all(Array.from({ length: poolSize }, () => db.$queryRaw`SELECT pg_sleep(0.05)::text`));
  expect(poolOf(db).totalCount).toBe(poolSize);
  return { proxy, db, events };
}

describe("a database restart", () => {
  it("does not fail the next read (hotQuery path) on a connection the restart killed", async () => {
    const { proxy, db } = await setup();
    proxy.dropAll();
    // Sent at once, before the pool has seen the sockets close: the first try meets a dead connection.
    const rows = await poolQuery<{ one: number }>(db, "SELECT 1 AS one", []);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("really leaves dead connections in the pool: without the retry, that first query fails", async () => {
    // The condition the other tests recover from (and today's code, which had no retry, failed on).
    const { proxy, db } = await setup();
    proxy.dropAll();
    const [first] = await Promise.allSettled([poolQuery(db, "SELECT 1", [], { retryOnConnectionError: false })]);
    expect(first.status).toBe("rejected");
    expect(isConnectionError((first as PromiseRejectedResult).reason)).toBe(true);
  });

  it("does not fail the next Prisma query wrapped in withConnectionRetry", async () => {
    const { proxy, db } = await setup();
    proxy.dropAll();
    expect(await withConnectionRetry(() => db.user.count())).toBe(0);
    // Every dead connection was discarded: a burst afterwards succeeds on fresh ones.
    const burst = await Promise.allSettled(Array.from({ length: 6 }, () => db.cohort.count()));
    expect(burst.filter((result) => result.status === "rejected")).toEqual([]);
  });

  it("answers BUSY while the server is down, logs one outage and one recovery with the counts", async () => {
    const { proxy, db, events } = await setup(2);
    proxy.setRefusing(true);
    proxy.dropAll();
    const failures = await Promise.allSettled(Array.from({ length: 20 }, () => poolQuery(db, "SELECT 1", [])));
    expect(failures.every((result) => result.status === "rejected" && isBusyError(result.reason) && isConnectionError(result.reason))).toBe(true);
    expect(outageOf(db).isDown).toBe(true);
    proxy.setRefusing(false);
    expect(await poolQuery<{ one: number }>(db, "SELECT 1 AS one", [])).toEqual([{ one: 1 }]);
    expect(events.map((entry) => entry.event)).toEqual(["unreachable", "reachable"]);
    expect(events[1]!.fields.requestsRefused).toBe(20);
  });
});
