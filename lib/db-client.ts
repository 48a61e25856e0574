// Creates a Prisma client over the pg driver adapter. The same code path serves a real PostgreSQL
// server and the embedded PGlite server: only the connection string differs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isConnectionError } from "./db-errors";
import { statementConfig } from "./db-statements";
import { guardAdapterFactory, type QueryObserver } from "./db-transaction-guard";
import { DATABASE_TIMEOUT_DEFAULTS, type DatabaseTimeouts } from "./env";
import { PrismaClient } from "./generated/prisma/client";
import { createOutageTracker, type OutageTracker } from "./log";

export interface PrismaClientOptions {
  connectionString: string;
  poolSize?: number;
  timeouts?: Partial<DatabaseTimeouts>;
  /** Reports "database unreachable" / "reachable again" once per outage; one per client by default. */
  outage?: OutageTracker;
  /**
   * Prepare raw statements with parameters once per connection (lib/db-statements.ts); true by
   * default. Off for a server whose connections share one session (PGlite behind its socket server):
   * there one connection's prepared name already exists for the next.
   */
  preparedStatements?: boolean;
}

// Kept on the client under a registered symbol, not in a module-level map: the bundler may load this
// module more than once per process, and the client (a process-wide singleton) must find its pool
// from any of them.
const POOL = Symbol.for("course-module.pg-pool");
const OUTAGE = Symbol.for("course-module.outage-tracker");
const PREPARED = Symbol.for("course-module.prepared-statements");

/**
 * The session settings every new connection gets, as one simple-protocol statement. Sent with SET
 * rather than the `options` startup parameter: the embedded PGlite server ignores startup options,
 * and PgBouncer-style poolers refuse them. The values are integers validated by lib/env.ts.
 */
export function sessionSettingsSql(timeouts: DatabaseTimeouts): string {
  return [
    `SET statement_timeout = ${Math.trunc(timeouts.statementTimeoutMs)}`,
    `SET lock_timeout = ${Math.trunc(timeouts.lockTimeoutMs)}`,
    `SET idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionTimeoutMs)}`,
  ].join("; ");
}

function createPool(connectionString: string, poolSize: number, timeouts: DatabaseTimeouts, outage: OutageTracker): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    allowExitOnIdle: true,
    // Waiting for a free connection (or for a new one to open) fails after this instead of forever:
    // blocked requests no longer hold every other request behind them.
    connectionTimeoutMillis: timeouts.poolAcquireTimeoutMs,
    // TCP keepalive notices a connection whose peer vanished (failover, a dropped NAT entry).
    keepAlive: true,
    // pg-pool awaits this before handing the new client out, so the settings precede its first query
    // (a query sent from a 'connect' listener would race it).
    onConnect: async (client) => {
      await client.query(sessionSettingsSql(timeouts));
    },
  });
  // An idle connection that dies (server restart, proxy timeout) is removed by pg-pool; without a
  // listener its 'error' would crash the process. Record it: once per outage, not once per socket.
  pool.on("error", (error) => outage.recordFailure(error));
  pool.on("connect", () => outage.recordSuccess());
  return pool;
}

export function createPrismaClient({
  connectionString,
  poolSize = 10,
  timeouts: overrides = {},
  outage = createOutageTracker(),
  preparedStatements = true,
}: PrismaClientOptions) {
  const timeouts: DatabaseTimeouts = { ...DATABASE_TIMEOUT_DEFAULTS, ...overrides };
  const pool = createPool(connectionString, poolSize, timeouts, outage);
  const observer: QueryObserver = {
    succeeded: () => outage.recordSuccess(),
    failed: (error) => {
      if (isConnectionError(error)) outage.recordFailure(error, { refusedRequest: true });
    },
  };
  const adapter = guardAdapterFactory(new PrismaPg(pool, { disposeExternalPool: true }), observer);
  // The password hash never leaves lib/auth: it has to be asked for by name (omit: false).
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    // The pool's acquire timeout is what bounds the wait for a connection; maxWait leaves a second
    // more for BEGIN, so a transaction that got its connection in time is not then failed for it. The
    // transaction timeout exceeds the statement timeout, so a statement blocked on a lock fails and
    // the callback rolls back before Prisma's timer would close the transaction under it.
    transactionOptions: { maxWait: timeouts.poolAcquireTimeoutMs + 1_000, timeout: timeouts.transactionTimeoutMs },
  });
  Object.defineProperty(client, POOL, { value: pool });
  Object.defineProperty(client, OUTAGE, { value: outage });
  Object.defineProperty(client, PREPARED, { value: preparedStatements });
  return client;
}

/**
 * The connection pool behind a client, for the request hot path's raw SQL (the session lookup, the
 * answer save, starting an attempt, the submission's transaction): through `pg` directly, prepared
 * once per connection, they skip Prisma's per-query planning, about a fifth of the app's CPU under
 * load. They share the pool, so the embedded database's single connection is still never used twice
 * at once. Everything else goes through Prisma.
 */
export function poolOf(client: object): pg.Pool {
  const pool = (client as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("not a client made by createPrismaClient");
  return pool;
}

/** The outage tracker behind a client (for hotQuery and the health check). */
export function outageOf(client: object): OutageTracker {
  const outage = (client as { [OUTAGE]?: OutageTracker })[OUTAGE];
  if (!outage) throw new Error("not a client made by createPrismaClient");
  return outage;
}

/** The query config for a raw statement through a client's pool: prepared when the client prepares them. */
export function statementFor<V>(client: object, text: string, values: V[]): { text: string; values: V[]; name?: string } {
  return (client as { [PREPARED]?: boolean })[PREPARED] ? statementConfig(text, values) : { text, values };
}

/**
 * Lifts the statement and idle timeouts for the rest of one transaction (SET LOCAL ends with it), for
 * the few long jobs that know they are long (a content load, an analytics rebuild, a bank import).
 * Call it first inside the callback, and give the transaction a `timeout` longer than `statementTimeoutMs`.
 */
export async function allowLongStatements(tx: { $executeRawUnsafe(sql: string): Promise<number> }, statementTimeoutMs: number): Promise<void> {
  const ms = Math.trunc(statementTimeoutMs);
  if (!Number.isInteger(ms) || ms < 1) throw new Error("statementTimeoutMs must be a positive integer");
  await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms}`);
}

/** Runs `work` once more, on a fresh connection, when it failed because its connection was dead. */
export async function withConnectionRetry<T>(work: () => Promise<T>, options: { delayMs?: number } = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    // A short pause lets pg-pool see the other dead sockets' close events and discard them too.
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 50));
    return work();
  }
}

/** One parameterised statement straight through a client's pool, retried once on a dead connection. */
export async function poolQuery<T extends Record<string, unknown>>(
  client: object,
  text: string,
  values: unknown[],
  options: { retryOnConnectionError?: boolean } = {},
): Promise<T[]> {
  const pool = poolOf(client);
  const outage = outageOf(client);
  const run = async () => (await pool.query<T>(statementFor(client, text, values))).rows;
  try {
    const rows = await (options.retryOnConnectionError === false ? run() : withConnectionRetry(run));
    outage.recordSuccess();
    return rows;
  } catch (error) {
    if (isConnectionError(error)) outage.recordFailure(error, { refusedRequest: true });
    throw error;
  }
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside an interactive transaction. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];
