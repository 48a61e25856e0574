import "server-only";
// Taking submitted attempts out of the stored class statistics before their marks change (a regrade,
// a hand grade), in the caller's transaction. Their old marks leave the stored sums and the attempts
// wait again, so the fold counts them with their new marks: readers add waiting attempts themselves,
// so the statistics are exact the moment the caller commits (stored + waiting = a recompute), and the
// fold then brings the stored sums up to date. No role check: the caller has checked the viewer and
// changes the marks in the same transaction.
import type { DbTransaction } from "../../db-client";
import { Prisma } from "../../generated/prisma/client";
import { negateRow, negateTotals } from "../sums";
import { sumsOfSelection } from "./bundles";
import { attemptsByIdSql } from "./sql";
import { addStatistics, clearStatistics } from "./writer";
import { deleteEmptyRowsSql, markAllPendingSql, markPendingSql, waitFoldLockSql } from "./write-sql";

interface CountedAttemptRow {
  id: string;
  first: boolean;
}

/**
 * Withdraws the given attempts' answers from the quiz's stored sums under the fold lock (held until
 * the caller's transaction ends, so no fold counts them meanwhile): when they are most of what is
 * stored, the sums are cleared and every attempt waits again (one pass to rebuild instead of two);
 * otherwise their rows are subtracted. Returns how many of them had been counted.
 */
export async function withdrawFromStatistics(tx: DbTransaction, quizId: string, attemptIds: readonly string[]): Promise<number> {
  if (attemptIds.length === 0) return 0;
  await tx.$queryRaw(waitFoldLockSql(quizId));
  const counted = await tx.$queryRaw<CountedAttemptRow[]>`
    SELECT a.id, (a.attempt_number = 1) AS first FROM attempts a
    WHERE a.id IN (${Prisma.join(attemptIds)}) AND a.quiz_id = ${quizId} AND a.stats_counted_at IS NOT NULL`;
  if (counted.length === 0) return 0;
  const [row] = await tx.$queryRaw<{ stored: number }[]>`
    SELECT count(*)::int AS stored FROM attempts WHERE quiz_id = ${quizId} AND status = 'SUBMITTED' AND stats_counted_at IS NOT NULL`;
  if (counted.length * 2 >= (row?.stored ?? 0)) {
    await clearStatistics(tx, quizId);
    await tx.$executeRaw(markAllPendingSql(quizId));
    return counted.length;
  }
  const subtract = async (scope: "ALL" | "FIRST", ids: string[]) => {
    if (ids.length === 0) return;
    const sums = await sumsOfSelection(tx, attemptsByIdSql(ids));
    await addStatistics(tx, quizId, scope, sums.rows.map(negateRow), negateTotals(sums.totals));
  };
  await subtract(
    "ALL",
    counted.map((a) => a.id),
  );
  await subtract(
    "FIRST",
    counted.filter((a) => a.first).map((a) => a.id),
  );
  await tx.$executeRaw(deleteEmptyRowsSql(quizId));
  await tx.$executeRaw(markPendingSql(counted.map((a) => a.id)));
  return counted.length;
}
