// npm run content:check — validate the content files, and with DATABASE_URL report conflicts with the app's edits.
// npm run content:load [-- --force] [-- --prefer files|app] — validate, then write them into the database (idempotent).
// npm run content:export [-- --lecture <slug>] — write the app's questions and quizzes back to the files.
// The rule for files and app edits that disagree: lib/content/conflicts.ts.
import path from "node:path";
import { describeConflicts, type ContentConflict, type Preference } from "../lib/content/conflicts";
import { ContentValidationError } from "../lib/content/errors";
import { describeExport, exportContent } from "../lib/content/export";
import { conflictsOf, describeLoad, loadContentTree } from "../lib/content/load";
import { findContentConflicts } from "../lib/content/plan";
import { readContentTree, type ContentTree } from "../lib/content/read";
import { createPrismaClient } from "../lib/db-client";
import { migrateDatabase, resolveDatabase } from "./lib/database";
import { projectRoot } from "./lib/run";

const USAGE = "Use check, load [--force] [--prefer files|app] or export [--lecture <slug>].";

interface Options {
  force: boolean;
  prefer: Preference | null;
  lecture: string | null;
}

function parseOptions(command: string | undefined, args: string[]): Options {
  const options: Options = { force: false, prefer: null, lecture: null };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--force" && command === "load") options.force = true;
    else if (arg === "--prefer" && command === "load") {
      const value = args[++i];
      if (value !== "files" && value !== "app") throw new Error(`--prefer takes "files" or "app", got "${value ?? ""}".`);
      options.prefer = value;
    } else if (arg === "--lecture" && command === "export") {
      const value = args[++i];
      if (!value) throw new Error("--lecture takes a lecture's slug.");
      options.lecture = value;
    } else throw new Error(`Unknown option "${arg}" for ${command ?? "no command"}. ${USAGE}`);
  }
  return options;
}

/** With DATABASE_URL: the conflicts a load would meet; null (and why) when they could not be checked. */
async function checkConflicts(tree: ContentTree): Promise<{ conflicts: ContentConflict[] } | { unchecked: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { unchecked: "DATABASE_URL is not set" };
  const db = createPrismaClient({ connectionString: url, poolSize: 1, timeouts: { poolAcquireTimeoutMs: 5000 } });
  try {
    return { conflicts: await findContentConflicts(db, tree.lectures) };
  } catch (error) {
    return { unchecked: `the database at DATABASE_URL could not be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})` };
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== "check" && command !== "load" && command !== "export") throw new Error(`Unknown command "${command ?? ""}". ${USAGE}`);
  const options = parseOptions(command, args);
  const root = path.resolve(projectRoot, process.env.CONTENT_DIR || "content");
  const tree = readContentTree(root);
  const questions = tree.lectures.reduce((n, l) => n + l.bank.questions.length, 0);
  console.log(`Content is valid: ${tree.lectures.length} lecture(s), ${questions} questions, in ${path.relative(projectRoot, root) || root}.`);

  if (command === "check") {
    const result = await checkConflicts(tree);
    if ("unchecked" in result) console.log(`Conflicts with the app's edits were not checked: ${result.unchecked}.`);
    else if (result.conflicts.length === 0) console.log("No conflicts with the app's edits.");
    else {
      console.error(describeConflicts(result.conflicts));
      process.exitCode = 1;
    }
    return;
  }

  const database = await resolveDatabase();
  const db = createPrismaClient({ connectionString: database.url, poolSize: 2 });
  try {
    await migrateDatabase(database.url, { skipWhenCurrent: true });
    if (command === "export") {
      console.log(describeExport(await exportContent(db, root, { lecture: options.lecture ?? undefined })));
      return;
    }
    const summaries = await loadContentTree(db, tree, { force: options.force, prefer: options.prefer });
    console.log(describeLoad(summaries));
    const conflicts = conflictsOf(summaries);
    if (conflicts.length > 0) {
      console.error(describeConflicts(conflicts));
      process.exitCode = 1;
    }
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentValidationError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.message);
  process.exit(1);
});
