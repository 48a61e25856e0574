// Seeds what a fresh database needs, idempotently: running it twice changes nothing.
// Course content comes from content/ (or CONTENT_DIR), through the same loader as `npm run content:load`.
// Demo accounts are created when SEED_DEMO_ACCOUNTS is true (the default on the embedded database).
import { seedDemoAccounts } from "../lib/auth/demo-accounts";
import path from "node:path";
import { describeConflicts } from "../lib/content/conflicts";
import { conflictsOf, describeLoad, loadContentTree } from "../lib/content/load";
import { readContentTree } from "../lib/content/read";
import { createPrismaClient } from "../lib/db-client";

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: run `npm run db:seed`, which provides it.");
  const db = createPrismaClient({ connectionString, poolSize: 2 });
  try {
    const contentRoot = path.resolve(process.env.CONTENT_DIR || "content");
    const tree = readContentTree(contentRoot);
    const summaries = await loadContentTree(db, tree);
    console.log(`Seed: course content from ${path.relative(process.cwd(), contentRoot) || "."}:\n${describeLoad(summaries)}`);
    // A conflict between the files and the app's edits never blocks a start: the app's side is kept.
    const conflicts = conflictsOf(summaries);
    if (conflicts.length > 0) console.warn(`Seed: warning: ${describeConflicts(conflicts)}`);
    if (process.env.SEED_DEMO_ACCOUNTS === "true") {
      const { created } = await seedDemoAccounts(db);
      console.log(created.length ? `Seed: created demo accounts ${created.join(", ")}.` : "Seed: demo accounts already present.");
    } else {
      console.log("Seed: demo accounts skipped (SEED_DEMO_ACCOUNTS is not true).");
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
