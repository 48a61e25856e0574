// The submission's transaction runs straight on a pooled connection (lib/db-pool-transaction.ts):
// it must read and write values exactly as Prisma's transactions do, in any time zone, and leave
// nothing behind when it fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { poolTransaction } from "@/lib/db-pool-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { createUser } from "./helpers";

const zone = process.env.TZ;
beforeAll(() => {
  // A zone far from UTC: pg's own conversions would shift instants by hours here.
  process.env.TZ = "America/Los_Angeles";
});
afterAll(() => {
  process.env.TZ = zone;
});

describe("poolTransaction", () => {
  it("reads and writes instants and bigints as Prisma does, whatever the process's time zone", async () => {
    const instant = new Date("2026-03-08T09:30:15.250Z");
    const [row] = await poolTransaction(
      db,
      (tx) =>
        tx.$queryRaw<{ t: Date; back: Date; big: bigint; tz: Date }[]>`
        SELECT '2026-01-02 03:04:05.678'::timestamp AS t, ${instant}::timestamp AS back, 9007199254740993::int8 AS big,
          ${instant}::timestamp AT TIME ZONE 'UTC' AS tz`,
    );
    expect(row!.t.toISOString()).toBe("2026-01-02T03:04:05.678Z");
    expect(row!.back.toISOString()).toBe(instant.toISOString());
    expect(row!.tz.toISOString()).toBe(instant.toISOString());
    expect(row!.big).toBe(9007199254740993n);
    // The same statement through Prisma reads the same values.
    const [viaPrisma] = await db.$transaction((tx) =>
      tx.$queryRaw<{ t: Date; back: Date }[]>(Prisma.sql`SELECT '2026-01-02 03:04:05.678'::timestamp AS t, ${instant}::timestamp AS back`),
    );
    expect([viaPrisma!.t.toISOString(), viaPrisma!.back.toISOString()]).toEqual([row!.t.toISOString(), row!.back.toISOString()]);
  });

  it("commits what the work wrote, and rolls all of it back when the work throws", async () => {
    const user = await createUser();
    await poolTransaction(db, (tx) => tx.$executeRawUnsafe("UPDATE users SET name = $1 WHERE id = $2", "Committed", user.id));
    const failure = new Error("stop");
    await expect(
      poolTransaction(db, async (tx) => {
        expect(await tx.$executeRaw`UPDATE users SET name = ${"Rolled back"} WHERE id = ${user.id}`).toBe(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe("Committed");
    // A statement error rolls back too, and the connection is usable afterwards.
    await expect(
      poolTransaction(db, async (tx) => {
        await tx.$executeRawUnsafe("UPDATE users SET name = $1 WHERE id = $2", "Half", user.id);
        await tx.$queryRawUnsafe("SELECT 1 / 0");
      }),
    ).rejects.toMatchObject({ code: "22012" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe("Committed");
    expect(await poolTransaction(db, (tx) => tx.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
  });

  it("prepares a parameterised statement once per connection and reuses it; a text without parameters stays unprepared", async () => {
    const text = "SELECT $1::int + 1 AS next";
    const prepared = await poolTransaction(db, async (tx) => {
      expect(await tx.$queryRawUnsafe<{ next: number }[]>(text, 1)).toEqual([{ next: 2 }]);
      expect(await tx.$queryRawUnsafe<{ next: number }[]>(text, 41)).toEqual([{ next: 42 }]);
      await tx.$executeRawUnsafe("SET LOCAL lock_timeout = 1000; SET LOCAL statement_timeout = 2000");
      return tx.$queryRawUnsafe<{ statement: string }[]>("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql");
    });
    expect(prepared.map((row) => row.statement)).toContain(text);
    expect(prepared.map((row) => row.statement)).not.toContain("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql");
  });
});
