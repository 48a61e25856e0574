// npm run quiz:sweep [-- --quiz <quizId>] — submits every quiz attempt whose time limit has passed
// and that nobody has touched since (its student left), as of its deadline, with the answers saved
// before it, so the class statistics and mistakes queues count it; then folds every submitted
// attempt still waiting into the class statistics' running sums. Student pages only read, and the
// instructor pages submit at most a few dozen per view; run this on a schedule (cron) or by hand. Safe to run at any time and more than once: an
// attempt is submitted once, whoever gets there first (its student, an instructor's sweep, this).
// Runs with the react-server condition (like bench:analytics): the data layer is server-only code.
import { resolveDatabase } from "./lib/database";
import { EMBEDDED_APP_ENV } from "./lib/embedded-db";

function quizIdFrom(args: string[]): string | undefined {
  const index = args.indexOf("--quiz");
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith("--")) throw new Error("Give the quiz's id after --quiz.");
  return value;
}

async function main(): Promise<void> {
  const quizId = quizIdFrom(process.argv.slice(2));
  const database = await resolveDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE ??= "2";
  if (database.embedded) Object.assign(process.env, EMBEDDED_APP_ENV);
  // Imported once DATABASE_URL is set: the data layer reads the environment on first use.
  const { recordId } = await import("../lib/quiz/schemas");
  if (quizId !== undefined && !recordId.safeParse(quizId).success) throw new Error(`"${quizId}" is not a quiz id.`);
  const { db } = await import("../lib/db");
  const { sweepOverdueAttemptsUnchecked } = await import("../lib/quiz/submission/internal/sweep");
  const { foldAllPendingStatistics } = await import("../lib/analytics/internal/fold");
  try {
    const closed = await sweepOverdueAttemptsUnchecked(quizId === undefined ? {} : { quizId });
    console.log(`Submitted ${closed} overdue attempt${closed === 1 ? "" : "s"}${quizId ? ` of quiz ${quizId}` : ""}.`);
    // Outside a request nothing folds after the commit: count what waits (these and any others) now.
    const counted = await foldAllPendingStatistics();
    console.log(`Counted ${counted} submitted attempt${counted === 1 ? "" : "s"} into the class statistics.`);
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
