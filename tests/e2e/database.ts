// The database the app under test uses, for the few end-to-end checks that read or arrange rows.
// `npm test` gives the app a fresh database on the PostgreSQL server (DATABASE_URL) or, without one,
// an embedded database that scripts/test.ts serves on 127.0.0.1:PGLITE_PORT: both speak the protocol.
import pg from "pg";

export function appDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (process.env.PGLITE_PORT) return `postgresql://postgres@127.0.0.1:${process.env.PGLITE_PORT}/postgres`;
  throw new Error("Run the end-to-end tests through `npm test` or `npm run test:e2e`, which give the app its database.");
}

/** One statement on the app's database, on a connection of its own. */
export async function queryAppDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: appDatabaseUrl(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
