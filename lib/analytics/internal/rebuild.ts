import "server-only";
// Rewrites a quiz's running sums from an exact recompute: after answers are loaded in bulk (the
// benchmark), or to repair them. No role check: for operators' scripts, not for pages.
import { allowLongStatements, db } from "../../db";
import { computeExactBundle } from "./bundles";
import { addStatistics, clearStatistics } from "./writer";

/**
 * Recomputes scopes FIRST and ALL, then clears the stored sums and adds the recomputed ones through
 * the writer the submissions use, in one transaction: submissions wait for it.
 */
export async function rebuildRunningStatistics(quizId: string): Promise<void> {
  const [first, all] = await Promise.all([computeExactBundle(quizId, { attempts: "first" }), computeExactBundle(quizId, { attempts: "all" })]);
  await db.$transaction(async (tx) => {
    await allowLongStatements(tx, 110_000);
    await clearStatistics(tx, quizId);
    for (const [scope, bundle] of [["FIRST", first], ["ALL", all]] as const) await addStatistics(tx, quizId, scope, bundle.rows, bundle.totals);
  }, { timeout: 120_000 });
}
