// A transaction straight on a pooled pg connection, for the request hot path's one multi-statement
// write (a quiz submission): its statements are raw SQL already, and through Prisma's interactive
// transaction each one cost about a millisecond of the app's CPU, most of a submission's. It offers
// the raw-statement methods of a Prisma transaction client (RawTransaction), with Prisma's value
// conventions, so the same data-layer code runs in either.
import pg from "pg";
import { isConnectionError } from "./db-errors";
import { outageOf, poolOf, statementFor } from "./db-client";
import { Prisma } from "./generated/prisma/client";

/** The raw-statement methods that a Prisma transaction client and a pool transaction both have. */
export interface RawTransaction {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * Rows read as Prisma reads them: `timestamp without time zone` columns hold UTC (as Prisma writes
 * them), and bigints are BigInt. pg would read the first in the process's time zone.
 */
const PRISMA_LIKE_TYPES = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Values sent as Prisma sends them: instants as UTC ISO strings (pg would send local time), bigints as text. */
function toParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

function rawTransactionOn(client: object, connection: pg.PoolClient): RawTransaction {
  const run = (text: string, values: unknown[]) => connection.query({ ...statementFor(client, text, values.map(toParameter)), types: PRISMA_LIKE_TYPES });
  const template = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => (query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values));
  return {
    $queryRawUnsafe: async <T>(text: string, ...values: unknown[]) => (await run(text, values)).rows as T,
    $executeRawUnsafe: async (text: string, ...values: unknown[]) => (await run(text, values)).rowCount ?? 0,
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      const sql = template(query, values);
      return (await run(sql.text, sql.values)).rows as T;
    },
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      const sql = template(query, values);
      return (await run(sql.text, sql.values)).rowCount ?? 0;
    },
  };
}

/**
 * Runs `work` in a transaction on one connection of the client's pool: BEGIN, then COMMIT, or
 * ROLLBACK when it throws. A connection that broke is discarded, not returned to the pool. The
 * pool's acquire timeout bounds the wait for a connection, and the session's statement, lock and
 * idle-in-transaction timeouts bound the rest, as for Prisma's transactions.
 */
export async function poolTransaction<T>(client: object, work: (tx: RawTransaction) => Promise<T>): Promise<T> {
  const pool = poolOf(client);
  const outage = outageOf(client);
  let connection: pg.PoolClient;
  try {
    connection = await pool.connect();
  } catch (error) {
    if (isConnectionError(error)) outage.recordFailure(error, { refusedRequest: true });
    throw error;
  }
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await work(rawTransactionOn(client, connection));
    await connection.query("COMMIT");
    outage.recordSuccess();
    return result;
  } catch (error) {
    if (isConnectionError(error)) {
      broken = error instanceof Error ? error : new Error(String(error));
      outage.recordFailure(error, { refusedRequest: true });
    } else {
      await connection.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw error;
  } finally {
    connection.release(broken);
  }
}
