import "server-only";
// Counting submitted attempts again after their marks change (a regrade, a hand grade), in the
// caller's transaction: withdraw takes their old marks out of the stored class statistics before the
// caller rewrites them, restore puts the new ones in after, so the statistics the caller commits
// equal an exact recompute. Both scopes (first attempts, all attempts) come from one pass over the
// answers. No role check: the caller has checked the viewer and changes the marks in between.
import type { DbTransaction } from "../../db-client";
import { Prisma } from "../../generated/prisma/client";
import { negateRow, negateTotals } from "../sums";
import { scopedSumsOfSelection, type ScopedSums } from "./bundles";
import { attemptsWithFirstSql, submittedWithFirstSql } from "./sql";
import { addStatistics, clearStatistics } from "./writer";
import { deleteEmptyRowsSql, waitFoldLockSql } from "./write-sql";

/** What restore must put back: nothing, the given counted attempts, or the whole quiz (the sums were cleared). */
export type Withdrawn = { kind: "none" } | { kind: "attempts"; ids: string[] } | { kind: "quiz" };

async function addScoped(tx: DbTransaction, quizId: string, sums: ScopedSums, sign: 1 | -1): Promise<void> {
  for (const scope of ["ALL", "FIRST"] as const) {
    const { rows, totals } = sums[scope];
    await addStatistics(tx, quizId, scope, sign === 1 ? rows : rows.map(negateRow), sign === 1 ? totals : negateTotals(totals));
  }
}

/**
 * Takes the counted ones among the attempts out of the stored sums, under the quiz's fold lock (held
 * until the caller's transaction ends, so no fold runs meanwhile). When they are most of what is
 * stored, the sums are cleared instead (one pass to rebuild rather than two). Attempts still waiting
 * to be counted are left to the fold, which will count their new marks.
 */
export async function withdrawFromStatistics(tx: DbTransaction, quizId: string, attemptIds: readonly string[]): Promise<Withdrawn> {
  if (attemptIds.length === 0) return { kind: "none" };
  await tx.$queryRaw(waitFoldLockSql(quizId));
  const [row] = await tx.$queryRaw<{ ids: string[] | null; stored: number }[]>`
    SELECT array_agg(a.id) FILTER (WHERE a.id = ANY(${[...attemptIds]}::text[])) AS ids, count(*)::int AS stored
    FROM attempts a WHERE a.quiz_id = ${quizId} AND a.status = 'SUBMITTED' AND a.stats_counted_at IS NOT NULL`;
  const counted = row?.ids ?? [];
  if (counted.length === 0) return { kind: "none" };
  if (counted.length * 2 >= (row?.stored ?? 0)) {
    await clearStatistics(tx, quizId);
    return { kind: "quiz" };
  }
  await addScoped(tx, quizId, await scopedSumsOfSelection(tx, attemptsWithFirstSql(counted), { wholeQuiz: false }), -1);
  return { kind: "attempts", ids: counted };
}

/** Puts the withdrawn attempts back with their new marks (the whole quiz when the sums were cleared, waiting attempts included). */
export async function restoreStatistics(tx: DbTransaction, quizId: string, withdrawn: Withdrawn): Promise<void> {
  if (withdrawn.kind === "none") return;
  if (withdrawn.kind === "attempts") {
    await addScoped(tx, quizId, await scopedSumsOfSelection(tx, attemptsWithFirstSql(withdrawn.ids), { wholeQuiz: false }), 1);
    await tx.$executeRaw(deleteEmptyRowsSql(quizId));
    return;
  }
  await addScoped(tx, quizId, await scopedSumsOfSelection(tx, submittedWithFirstSql(quizId), { wholeQuiz: true }), 1);
  await tx.$executeRaw(Prisma.sql`
    UPDATE attempts SET stats_counted_at = now() AT TIME ZONE 'UTC'
    WHERE quiz_id = ${quizId} AND status = 'SUBMITTED' AND score IS NOT NULL AND stats_counted_at IS NULL`);
}
