import "server-only";
// The one writer of the stored class statistics (question_stats, quiz_stats): the fold (fold.ts)
// adds a batch of submitted attempts' sums through it, and the rebuild clears a quiz. No role check:
// its callers hold the quiz's fold lock.
import type { DbTransaction } from "../../db-client";
import { sortRows, type StatRow, type TotalSums } from "../sums";
import type { StatScope } from "./sql";
import { addQuestionStatsSql, addQuizStatsSql } from "./write-sql";

/** Rows per upsert: a statement holds at most 65,535 parameters, 16 a row. */
const ROWS_PER_STATEMENT = 2_000;

/** Adds rows and totals to one scope of a quiz's stored sums, rows in a fixed order (slot, then variant). */
export async function addStatistics(tx: DbTransaction, quizId: string, scope: StatScope, rows: readonly StatRow[], totals: TotalSums): Promise<void> {
  const sorted = sortRows([...rows]);
  for (let start = 0; start < sorted.length; start += ROWS_PER_STATEMENT)
    await tx.$executeRaw(addQuestionStatsSql(quizId, scope, sorted.slice(start, start + ROWS_PER_STATEMENT)));
  if (totals.n !== 0) await tx.$executeRaw(addQuizStatsSql(quizId, scope, totals));
}

/** Removes a quiz's stored sums (before a rebuild writes them again). */
export async function clearStatistics(tx: DbTransaction, quizId: string): Promise<void> {
  await tx.questionStat.deleteMany({ where: { quizId } });
  await tx.quizStat.deleteMany({ where: { quizId } });
}
