import "server-only";
import { createPrismaClient, poolOf, type Db } from "./db-client";
import { getServerEnv } from "./env";

// One client per process (the globalThis guard survives hot reloads in development).
const globalForDb = globalThis as unknown as { __courseDb?: Db };

function getDb(): Db {
  if (!globalForDb.__courseDb) {
    const env = getServerEnv();
    globalForDb.__courseDb = createPrismaClient({ connectionString: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE });
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

/** One parameterised statement straight through the pool (see poolOf): for the request hot path only. */
export async function hotQuery<T extends Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]> {
  const result = await poolOf(getDb()).query<T>(text, values);
  return result.rows;
}
