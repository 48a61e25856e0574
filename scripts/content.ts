// npm run content:check — validate the content files (no database).
// npm run content:load [-- --force] — validate, then write them into the database (idempotent).
import path from "node:path";
import { ContentValidationError } from "../lib/content/errors";
import { describeLoad, loadContentTree } from "../lib/content/load";
import { readContentTree } from "../lib/content/read";
import { createPrismaClient } from "../lib/db-client";
import { migrateDatabase, resolveDatabase } from "./lib/database";
import { projectRoot } from "./lib/run";

async function main(): Promise<void> {
  const [command, ...flags] = process.argv.slice(2);
  const root = path.resolve(projectRoot, process.env.CONTENT_DIR || "content");
  const tree = readContentTree(root);
  const questions = tree.lectures.reduce((n, l) => n + l.bank.questions.length, 0);
  console.log(`Content is valid: ${tree.lectures.length} lecture(s), ${questions} questions, in ${path.relative(projectRoot, root) || root}.`);
  if (command === "check") return;
  if (command !== "load") throw new Error(`Unknown command "${command ?? ""}". Use check or load.`);

  const database = await resolveDatabase();
  const db = createPrismaClient({ connectionString: database.url, poolSize: 2 });
  try {
    await migrateDatabase(database.url, { skipWhenCurrent: true });
    console.log(describeLoad(await loadContentTree(db, tree, { force: flags.includes("--force") })));
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentValidationError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.message);
  process.exit(1);
});
