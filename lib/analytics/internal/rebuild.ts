import "server-only";
// Rewrites a quiz's running sums from an exact recompute: after answers are loaded in bulk (the
// benchmark), or to repair them. No role check: for operators' scripts, not for pages.
import { allowLongStatements, db } from "../../db";
import { computeExactBundle } from "./bundles";
import { addStatistics, clearStatistics } from "./writer";

/**
 * Recomputes scopes FIRST and ALL, then clears the stored sums and adds the recomputed ones through
 * the writer the submissions use, in one transaction. The sums' tables are locked against writes
 * before the recompute reads the answers: a submission that committed earlier is in the recompute,
 * and one still open waits at its own upsert and adds itself after the rebuild, so none is lost or
 * counted twice.
 */
export async function rebuildRunningStatistics(quizId: string): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, 110_000);
      await tx.$executeRawUnsafe("LOCK TABLE question_stats, quiz_stats IN SHARE ROW EXCLUSIVE MODE");
      const [first, all] = await Promise.all([computeExactBundle(quizId, { attempts: "first" }), computeExactBundle(quizId, { attempts: "all" })]);
      await clearStatistics(tx, quizId);
      for (const [scope, bundle] of [
        ["FIRST", first],
        ["ALL", all],
      ] as const)
        await addStatistics(tx, quizId, scope, bundle.rows, bundle.totals);
    },
    { timeout: 120_000 },
  );
}
