import "server-only";
// The one writer of the stored class statistics (question_stats, quiz_stats). The submission adds
// one attempt's sums in its own transaction; the rebuild clears a quiz and adds the recomputed sums
// through the same statements. No role check: callers are the submission (which checked its user)
// and the rebuild (an operator's script or a staff action).
import type { DbTransaction } from "../../db-client";
import { attemptSums, sortRows, type ScoredResponse, type StatRow, type TotalSums } from "../sums";
import { addQuestionStatsSql, addQuizStatsSql, type StatScope } from "./sql";

/** Rows per upsert: a statement holds at most 65,535 parameters, 16 a row. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Adds rows and totals to one scope of a quiz's stored sums. Rows are written in a fixed order (slot,
 * then variant), so concurrent writers lock them in the same order and cannot deadlock.
 */
export async function addStatistics(tx: DbTransaction, quizId: string, scope: StatScope, rows: readonly StatRow[], totals: TotalSums): Promise<void> {
  const sorted = sortRows([...rows]);
  for (let start = 0; start < sorted.length; start += ROWS_PER_STATEMENT)
    await tx.$executeRaw(addQuestionStatsSql(quizId, scope, sorted.slice(start, start + ROWS_PER_STATEMENT)));
  if (totals.n > 0) await tx.$executeRaw(addQuizStatsSql(quizId, scope, totals));
}

/** Removes a quiz's stored sums (before a rebuild writes them again). */
export async function clearStatistics(tx: DbTransaction, quizId: string): Promise<void> {
  await tx.questionStat.deleteMany({ where: { quizId } });
  await tx.quizStat.deleteMany({ where: { quizId } });
}

/**
 * Adds one submitted attempt to the running sums, in the submission's transaction. Scope ALL takes
 * every attempt; FIRST only attempt 1 (the dashboard's default view).
 */
export async function recordSubmissionStatistics(
  tx: DbTransaction,
  quizId: string,
  attemptNumber: number,
  responses: readonly ScoredResponse[],
): Promise<void> {
  const { rows, totals } = attemptSums(responses);
  const scopes: StatScope[] = attemptNumber === 1 ? ["ALL", "FIRST"] : ["ALL"];
  for (const scope of scopes) await addStatistics(tx, quizId, scope, rows, totals);
}
