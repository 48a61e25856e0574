// Which database errors mean "busy or unreachable, retry shortly" — the one place that knows how
// PostgreSQL, node-postgres, @prisma/adapter-pg and the Prisma client spell them. No imports: the
// action wrapper, the routes, the pool and the scripts all use it.

/** SQLSTATE codes: timeouts, lock waits, too many connections, shutdowns. Class 08 is matched by prefix. */
const BUSY_SQLSTATES = new Set(["57014", "55P03", "53300", "53400", "57P01", "57P02", "57P03", "40P01"]);
/** Of those, the ones that mean the connection itself is gone (a retry on a fresh one may succeed). */
const CONNECTION_SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"]);
/**
 * Prisma: P1001 unreachable, P1002/P1008 timed out, P1017 server closed, P1018 transaction closed, P2024 pool timeout,
 * P2028 transaction API error, P2037 too many connections.
 */
const BUSY_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P1018", "P2024", "P2028", "P2037"]);
const CONNECTION_PRISMA_CODES = new Set(["P1001", "P1017"]);
/** @prisma/adapter-pg's mapped error kinds (meta.driverAdapterError.cause.kind). */
const BUSY_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
const CONNECTION_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed"]);
/** node-postgres raises these as plain Errors, without a code. */
const CONNECTION_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "connect ECONNREFUSED",
  // A Unix socket whose server is not running (not ENOENT in general: a missing file is no outage).
  "connect ENOENT",
];
const BUSY_MESSAGES = ["timeout exceeded when trying to connect", "Query read timeout", "Transaction already closed", ...CONNECTION_MESSAGES];

interface Facts {
  codes: string[];
  kinds: string[];
  messages: string[];
}

/** Every code, adapter kind and message along the error's chain (cause, Prisma's driverAdapterError). */
function collectFacts(error: unknown): Facts {
  const facts: Facts = { codes: [], kinds: [], messages: [] };
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 10) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ["code", "originalCode"] as const) if (typeof record[key] === "string") facts.codes.push(record[key]);
    if (typeof record.kind === "string") facts.kinds.push(record.kind);
    if (typeof record.message === "string") facts.messages.push(record.message);
    queue.push(record.cause, (record.meta as Record<string, unknown> | undefined)?.driverAdapterError);
    if (Array.isArray(record.errors)) queue.push(...record.errors); // AggregateError from net.connect
  }
  return facts;
}

const hasMessage = (facts: Facts, needles: string[]) => facts.messages.some((message) => needles.some((needle) => message.includes(needle)));

/**
 * The connection to the database is gone or could not be made: a retry on a fresh connection may
 * succeed. A subset of isBusyError (timeouts are not included: retrying them only doubles the wait).
 */
export function isConnectionError(error: unknown): boolean {
  const facts = collectFacts(error);
  return (
    facts.codes.some((code) => code.startsWith("08") || CONNECTION_SQLSTATES.has(code) || SOCKET_CODES.has(code) || CONNECTION_PRISMA_CODES.has(code)) ||
    facts.kinds.some((kind) => CONNECTION_ADAPTER_KINDS.has(kind)) ||
    hasMessage(facts, CONNECTION_MESSAGES)
  );
}

/** The database timed out, is saturated or unreachable: answer BUSY (HTTP 503), not an error page. */
export function isBusyError(error: unknown): boolean {
  const facts = collectFacts(error);
  return (
    facts.codes.some((code) => code.startsWith("08") || BUSY_SQLSTATES.has(code) || SOCKET_CODES.has(code) || BUSY_PRISMA_CODES.has(code)) ||
    facts.kinds.some((kind) => BUSY_ADAPTER_KINDS.has(kind)) ||
    hasMessage(facts, BUSY_MESSAGES)
  );
}

/** A unique constraint refused the write (Prisma's P2002, or SQLSTATE 23505 from a raw statement). */
export function isUniqueViolation(error: unknown): boolean {
  const facts = collectFacts(error);
  return facts.codes.some((code) => code === "23505" || code === "P2002") || facts.kinds.includes("UniqueConstraintViolation");
}
