// Creates a Prisma client over the pg driver adapter. The same code path serves a real PostgreSQL
// server and the embedded PGlite server: only the connection string differs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export interface PrismaClientOptions {
  connectionString: string;
  poolSize?: number;
}

// Kept on the client under a registered symbol, not in a module-level map: the bundler may load this
// module more than once per process, and the client (a process-wide singleton) must find its pool
// from any of them.
const POOL = Symbol.for("course-module.pg-pool");

export function createPrismaClient({ connectionString, poolSize = 10 }: PrismaClientOptions) {
  const pool = new pg.Pool({ connectionString, max: poolSize, allowExitOnIdle: true });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // The password hash never leaves lib/auth: it has to be asked for by name (omit: false).
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    // Under a burst, a transaction may wait for a pooled connection (on the embedded server, for the
    // one session behind it) longer than Prisma's 2 s default: wait, rather than fail the request.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/**
 * The connection pool behind a client, for the two statements on every request's hot path (the
 * session lookup and the answer save): through `pg` directly they skip Prisma's per-query planning,
 * about a fifth of the app's CPU under load. They share the pool, so the embedded database's single
 * connection is still never used twice at once. Everything else goes through Prisma.
 */
export function poolOf(client: object): pg.Pool {
  const pool = (client as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("not a client made by createPrismaClient");
  return pool;
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside an interactive transaction. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];
