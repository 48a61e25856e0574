import "server-only";
import { createPrismaClient, poolOf, poolQuery, type Db } from "./db-client";
import { getDatabaseTimeouts, getServerEnv } from "./env";

export { allowLongStatements, withConnectionRetry } from "./db-client";

// One client per process (the globalThis guard survives hot reloads in development).
const globalForDb = globalThis as unknown as { __courseDb?: Db };

function getDb(): Db {
  if (!globalForDb.__courseDb) {
    const env = getServerEnv();
    globalForDb.__courseDb = createPrismaClient({
      connectionString: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      timeouts: getDatabaseTimeouts(env),
    });
  }
  return globalForDb.__courseDb;
}

/** The database client. Created on first use, so importing this module never connects. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * One parameterised statement straight through the pool (see poolOf): for the request hot path only.
 * Retried once on a dead connection (retryOnConnectionError, default true): pass false for a
 * statement that must not run twice. Those that use it are safe to run twice: reads, the save (keyed by
 * attempt, question and revision) and the start's insert (a second one breaks the unique index on
 * the attempt in progress, and the start resumes the first).
 */
export async function hotQuery<T extends Record<string, unknown>>(
  text: string,
  values: unknown[],
  options: { retryOnConnectionError?: boolean } = {},
): Promise<T[]> {
  return poolQuery<T>(getDb(), text, values, options);
}

/** The process's connection pool, for a library that runs its own SQL on it (the job queue). */
export function getPool(): ReturnType<typeof poolOf> {
  return poolOf(getDb());
}

/** How full the pool is, for the health check: `waiting` requests queue for a connection. */
export function getPoolStats(): { size: number; idle: number; waiting: number; max: number } {
  const pool = poolOf(getDb());
  return { size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}
