// A driver adapter wrapper that keeps Prisma's interactive transactions from outliving themselves.
//
// Prisma 6.19's transaction timer (client-engine-runtime TransactionManager) sends ROLLBACK on the
// transaction's connection while a statement may still be running there, then releases the
// connection to the pool as soon as ROLLBACK answers. But one Prisma operation is several statements
// (a nested create, an upsert), and the interpreter keeps issuing the rest of them on the connection
// it already holds: they ran after the ROLLBACK, outside any transaction (autocommitted!), on a
// connection the pool had already handed to the next request ("client.query() when the client is
// already executing a query", then "Cannot read properties of null").
//
// The guard gives each transaction its own queue: statements run one after another (pg never sees two
// at once), nothing is accepted after COMMIT or ROLLBACK was issued, and the connection goes back to
// the pool only once every statement it was given has settled.
import type { PrismaPg } from "@prisma/adapter-pg";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;
type SqlQuery = Parameters<PgTransaction["queryRaw"]>[0];

/** What the guard reports, so the pool's health can be tracked from every Prisma query. */
export interface QueryObserver {
  succeeded(): void;
  failed(error: unknown): void;
}

/** Shaped like @prisma/driver-adapter-utils' DriverAdapterError, which Prisma maps to P1018. */
function transactionClosedError(): Error {
  const error = new Error("Transaction already closed: a statement was issued after its COMMIT or ROLLBACK.");
  error.name = "DriverAdapterError";
  (error as { cause?: unknown }).cause = { kind: "TransactionAlreadyClosed", cause: error.message };
  return error;
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

async function observed<T>(observer: QueryObserver | undefined, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    observer?.succeeded();
    return result;
  } catch (error) {
    observer?.failed(error);
    throw error;
  }
}

class GuardedTransaction implements PgTransaction {
  readonly provider: PgTransaction["provider"];
  readonly adapterName: PgTransaction["adapterName"];
  readonly options: PgTransaction["options"];
  #queue: Promise<unknown> = Promise.resolve();
  #ended = false;
  #released = false;

  constructor(
    private readonly inner: PgTransaction,
    private readonly observer?: QueryObserver,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  #enqueue<T>(query: SqlQuery, run: () => Promise<T>): Promise<T> {
    if (this.#ended) return Promise.reject(transactionClosedError());
    const ends = ENDS_TRANSACTION.test(query.sql);
    if (ends) this.#ended = true;
    const result = this.#queue.then(() => observed(this.observer, run));
    this.#queue = result.catch(() => undefined);
    // When COMMIT or ROLLBACK itself fails (the connection broke), Prisma never calls commit() or
    // rollback(), and the connection would stay checked out forever: one pool slot lost per outage.
    if (ends) result.catch((error: unknown) => this.#release(error));
    return result;
  }

  /** Back to the pool, once; with an error the pool discards the connection instead of reusing it. */
  async #release(error?: unknown): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#queue;
    if (error === undefined) return this.inner.rollback();
    (this.inner as unknown as { client: { release(error: Error): void } }).client.release(error instanceof Error ? error : new Error(String(error)));
  }

  queryRaw(query: SqlQuery) {
    return this.#enqueue(query, () => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.#enqueue(query, () => this.inner.executeRaw(query));
  }

  // Savepoints are statements too: they go through executeRaw, hence through the queue.
  createSavepoint(name: string) {
    return this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] }).then(() => undefined);
  }

  rollbackToSavepoint(name: string) {
    return this.executeRaw({ sql: `ROLLBACK TO SAVEPOINT ${name}`, args: [], argTypes: [] }).then(() => undefined);
  }

  releaseSavepoint(name: string) {
    return this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] }).then(() => undefined);
  }

  // Prisma calls these after its COMMIT or ROLLBACK statement: release the connection once idle, after
  // every statement queued before it has settled. (The adapter's commit() and rollback() do the same:
  // release; neither sends a statement.)
  commit() {
    this.#ended = true;
    return this.#release();
  }

  rollback() {
    this.#ended = true;
    return this.#release();
  }
}

/** The pg adapter, with every transaction guarded and every query reported to `observer`. */
export function guardAdapter(inner: PgAdapter, observer?: QueryObserver): PgAdapter {
  return Object.assign(Object.create(inner) as PgAdapter, {
    queryRaw: (query: SqlQuery) => observed(observer, () => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => observed(observer, () => inner.executeRaw(query)),
    startTransaction: async (isolationLevel?: Parameters<PgAdapter["startTransaction"]>[0]) =>
      new GuardedTransaction(await observed(observer, () => inner.startTransaction(isolationLevel)), observer),
  });
}

/** The adapter factory Prisma takes, producing guarded adapters. */
export function guardAdapterFactory(factory: PrismaPg, observer?: QueryObserver): PrismaPg {
  return Object.assign(Object.create(factory) as PrismaPg, {
    connect: async () => guardAdapter(await factory.connect(), observer),
  });
}
