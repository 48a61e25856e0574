import "server-only";
import pg from "pg";
import { sessionSettingsSql } from "../db-client";
import { getPoolStats } from "../db";
import { getDatabaseTimeouts, getServerEnv } from "../env";
import { BUSY_RETRY_AFTER_SECONDS } from "../errors";

export type DatabaseHealth = "ok" | "busy" | "unreachable";
export interface Health {
  status: "ok" | "degraded";
  database: DatabaseHealth;
}

/**
 * Asks the database for `SELECT 1` on a connection of its own, within `timeoutMs` in all: the app's
 * pool may be saturated (every connection waiting on a lock), and a health check queued behind it
 * would not answer at all. A fresh connection also proves that new connections can be made.
 */
export async function checkDatabase(connectionString: string, timeoutMs: number): Promise<{ status: DatabaseHealth; error?: unknown }> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => undefined); // a socket error after the answer must not crash the process
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health check timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.query(`${sessionSettingsSql({ ...getDatabaseTimeouts(), statementTimeoutMs: timeoutMs, lockTimeoutMs: timeoutMs })}; SELECT 1`);
      })(),
      bound,
    ]);
    return { status: "ok" };
  } catch (error) {
    const timedOut = error instanceof Error && /timed? ?out|timeout/i.test(error.message);
    return { status: timedOut ? "busy" : "unreachable", error };
  } finally {
    clearTimeout(timer);
    // Not awaited: ending a connection that never opened (or hangs) must not delay the answer.
    void client.end().catch(() => undefined);
  }
}

/** A verdict is reused this long: long enough that callers cannot open connections in a loop. */
const CHECK_REUSE_MS = 1000;
const recentChecks = new Map<string, { at: number; check: Promise<{ status: DatabaseHealth }> }>();

/**
 * One connection check at a time per database, shared by every caller that arrives while it runs or
 * within a second after: the endpoint is public, and a fresh connection per request would let anyone
 * fill the server's connection slots (the embedded database has ten).
 */
function sharedCheck(connectionString: string, timeoutMs: number): Promise<{ status: DatabaseHealth }> {
  const now = Date.now();
  const recent = recentChecks.get(connectionString);
  if (recent && now - recent.at < CHECK_REUSE_MS) return recent.check;
  const check = checkDatabase(connectionString, timeoutMs).then(({ status }) => {
    // Measured from the answer, not the question, so a slow check is not repeated at once.
    recentChecks.set(connectionString, { at: Date.now(), check: Promise.resolve({ status }) });
    return { status };
  });
  recentChecks.set(connectionString, { at: now + timeoutMs, check });
  return check;
}

/**
 * The app's view: whether the database answers a fresh connection quickly, and whether this replica's
 * pool is saturated. Only the verdict is returned: the endpoint is public, and error messages name
 * internal hosts.
 */
export async function getHealth(options: { connectionString?: string } = {}): Promise<Health> {
  const env = getServerEnv();
  const pool = getPoolStats();
  const check = await sharedCheck(options.connectionString ?? env.DATABASE_URL, env.HEALTH_CHECK_TIMEOUT_MS);
  // Requests queued for a connection while every connection is in use: this replica is saturated.
  const saturated = pool.waiting > 0 && pool.size >= pool.max;
  const database: DatabaseHealth = check.status === "ok" && saturated ? "busy" : check.status;
  return { status: database === "ok" ? "ok" : "degraded", database };
}

/** The HTTP answer: 200, or 503 with Retry-After so a load balancer and a client back off. */
export function healthResponse(health: Health): Response {
  const headers = health.status === "ok" ? undefined : { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) };
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers });
}
