// Creates a Prisma client over the pg driver adapter. The same code path serves a real PostgreSQL
// server and the embedded PGlite server: only the connection string differs.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export interface PrismaClientOptions {
  connectionString: string;
  poolSize?: number;
}

export function createPrismaClient({ connectionString, poolSize = 10 }: PrismaClientOptions) {
  const adapter = new PrismaPg({ connectionString, max: poolSize, allowExitOnIdle: true });
  // The password hash never leaves lib/auth: it has to be asked for by name (omit: false).
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    // Under a burst, a transaction may wait for a pooled connection (on the embedded server, for the
    // one session behind it) longer than Prisma's 2 s default: wait, rather than fail the request.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client inside an interactive transaction. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];
