import "server-only";
// Rewrites a quiz's running sums from its answers: after answers are loaded in bulk (the benchmark),
// or to repair them. No role check: for operators' scripts, not for pages.
import { db } from "../../db";
import { foldPendingStatistics } from "./fold";
import { markAllPendingSql, waitFoldLockSql } from "./write-sql";
import { clearStatistics } from "./writer";

/** Attempts per fold transaction in a rebuild: larger than a submission's fold, for a whole term at once. */
const REBUILD_BATCH = 5_000;

/**
 * Clears the stored sums and marks every submitted attempt as waiting, in one transaction under the
 * quiz's fold lock (readers, who add waiting attempts themselves, stay exact throughout), then folds
 * them all again. A submission meanwhile is simply one more waiting attempt.
 */
export async function rebuildRunningStatistics(quizId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw(waitFoldLockSql(quizId));
    await clearStatistics(tx, quizId);
    await tx.$executeRaw(markAllPendingSql(quizId));
  });
  await foldPendingStatistics(quizId, { batchSize: REBUILD_BATCH });
}
