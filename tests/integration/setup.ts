// Runs before each integration test file: gives the file its own migrated database and points
// DATABASE_URL at it, so lib/db.ts (created on first use) talks to that database only.
import { afterAll, inject } from "vitest";
import { createIsolatedDatabase } from "./database";

const info = inject("testDatabase");
const database = await createIsolatedDatabase(info);
process.env.DATABASE_URL = database.url;
// As in the app: one connection to the embedded server, whose socket server can interleave the
// messages of concurrent connections outside transactions ("unnamed prepared statement does not exist").
process.env.DATABASE_POOL_SIZE = info.serverUrl ? "5" : "1";
process.env.AUTH_SECRET ??= "integration-tests-secret-at-least-32-characters";

afterAll(async () => {
  const holder = globalThis as unknown as { __courseDb?: { $disconnect(): Promise<void> } };
  await holder.__courseDb?.$disconnect();
  holder.__courseDb = undefined;
  await database.drop();
});
