// Seeds what a fresh database needs, idempotently: running it twice changes nothing.
// Demo accounts are created when SEED_DEMO_ACCOUNTS is true (the default on the embedded database).
import { seedDemoAccounts } from "../lib/auth/demo-accounts";
import { createPrismaClient } from "../lib/db-client";

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: run `npm run db:seed`, which provides it.");
  const db = createPrismaClient({ connectionString, poolSize: 2 });
  try {
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
