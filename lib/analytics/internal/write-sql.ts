import "server-only";
// The raw SQL that writes class statistics: the stored sums' upserts and the fold's statements (its
// lock, its batch, the attempts' mark of counted). Reads are in sql.ts.
import { Prisma } from "../../generated/prisma/client";
import type { StatRow, TotalSums } from "../sums";
import { isPending, type StatScope } from "./sql";

// ─── the writer: adds rows to the stored sums ───

/**
 * Adds rows to question_stats: a new row is inserted as is, an existing one gets the sums added.
 * The ON CONFLICT clause is mergeRows (lib/analytics/sums.ts) written in SQL, so that concurrent
 * submissions add up under the row lock in one statement. Counts that reach zero (a regrade took the
 * answers out) leave the histograms and option sums, as a recompute would not have them.
 */
export function addQuestionStatsSql(quizId: string, scope: StatScope, rows: readonly StatRow[]): Prisma.Sql {
  const values = rows.map(
    (row) =>
      Prisma.sql`(
        gen_random_uuid()::text, ${quizId}, ${row.slotId}, ${row.variantKey}, ${row.variantKey === "" ? null : row.variantKey}, ${scope}::"AttemptScope",
        ${row.sums.n}, ${row.sums.sumX}::float8, ${row.sums.sumX2}::float8, ${row.sums.sumT}::float8, ${row.sums.sumT2}::float8, ${row.sums.sumXT}::float8,
        ${row.sumTimeMs}::float8, ${JSON.stringify(row.options)}::jsonb, ${JSON.stringify(row.xHist)}::jsonb, ${JSON.stringify(row.rHist)}::jsonb, now()
      )`,
  );
  return Prisma.sql`
    INSERT INTO question_stats (
      id, quiz_id, slot_id, variant_key, question_version_id, scope,
      n, sum_x, sum_x2, sum_t, sum_t2, sum_xt, sum_time_ms, option_sums, x_hist, r_hist, updated_at
    )
    VALUES ${Prisma.join(values)}
    ON CONFLICT (slot_id, variant_key, scope) DO UPDATE SET
      n = question_stats.n + EXCLUDED.n,
      sum_x = question_stats.sum_x + EXCLUDED.sum_x,
      sum_x2 = question_stats.sum_x2 + EXCLUDED.sum_x2,
      sum_t = question_stats.sum_t + EXCLUDED.sum_t,
      sum_t2 = question_stats.sum_t2 + EXCLUDED.sum_t2,
      sum_xt = question_stats.sum_xt + EXCLUDED.sum_xt,
      sum_time_ms = question_stats.sum_time_ms + EXCLUDED.sum_time_ms,
      option_sums = (
        SELECT COALESCE(jsonb_object_agg(k, jsonb_build_object(
          'count', COALESCE((question_stats.option_sums -> k ->> 'count')::float8, 0) + COALESCE((EXCLUDED.option_sums -> k ->> 'count')::float8, 0),
          'sumX', COALESCE((question_stats.option_sums -> k ->> 'sumX')::float8, 0) + COALESCE((EXCLUDED.option_sums -> k ->> 'sumX')::float8, 0),
          'sumT', COALESCE((question_stats.option_sums -> k ->> 'sumT')::float8, 0) + COALESCE((EXCLUDED.option_sums -> k ->> 'sumT')::float8, 0)
        )) FILTER (WHERE COALESCE((question_stats.option_sums -> k ->> 'count')::float8, 0) + COALESCE((EXCLUDED.option_sums -> k ->> 'count')::float8, 0) <> 0), '{}'::jsonb)
        FROM jsonb_object_keys(question_stats.option_sums || EXCLUDED.option_sums) AS k
      ),
      x_hist = (
        SELECT COALESCE(jsonb_object_agg(k, COALESCE((question_stats.x_hist ->> k)::int, 0) + COALESCE((EXCLUDED.x_hist ->> k)::int, 0))
          FILTER (WHERE COALESCE((question_stats.x_hist ->> k)::int, 0) + COALESCE((EXCLUDED.x_hist ->> k)::int, 0) <> 0), '{}'::jsonb)
        FROM jsonb_object_keys(question_stats.x_hist || EXCLUDED.x_hist) AS k
      ),
      r_hist = (
        SELECT COALESCE(jsonb_object_agg(k, COALESCE((question_stats.r_hist ->> k)::int, 0) + COALESCE((EXCLUDED.r_hist ->> k)::int, 0))
          FILTER (WHERE COALESCE((question_stats.r_hist ->> k)::int, 0) + COALESCE((EXCLUDED.r_hist ->> k)::int, 0) <> 0), '{}'::jsonb)
        FROM jsonb_object_keys(question_stats.r_hist || EXCLUDED.r_hist) AS k
      ),
      updated_at = EXCLUDED.updated_at`;
}

/** Adds power sums to quiz_stats (mergeTotals in SQL). */
export function addQuizStatsSql(quizId: string, scope: StatScope, totals: TotalSums): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO quiz_stats (id, quiz_id, scope, n, sum_t, sum_t2, sum_t3, sum_t4, updated_at)
    VALUES (
      gen_random_uuid()::text, ${quizId}, ${scope}::"AttemptScope",
      ${totals.n}, ${totals.sumT}::float8, ${totals.sumT2}::float8, ${totals.sumT3}::float8, ${totals.sumT4}::float8, now()
    )
    ON CONFLICT (quiz_id, scope) DO UPDATE SET
      n = quiz_stats.n + EXCLUDED.n,
      sum_t = quiz_stats.sum_t + EXCLUDED.sum_t,
      sum_t2 = quiz_stats.sum_t2 + EXCLUDED.sum_t2,
      sum_t3 = quiz_stats.sum_t3 + EXCLUDED.sum_t3,
      sum_t4 = quiz_stats.sum_t4 + EXCLUDED.sum_t4,
      updated_at = EXCLUDED.updated_at`;
}

// ─── the fold: counts waiting attempts into the stored sums ───

/** Class statistics of one quiz are folded by one transaction at a time: the key of its advisory lock. */
function foldLockKey(quizId: string): Prisma.Sql {
  return Prisma.sql`hashtext(${`class-statistics:${quizId}`})`;
}

/** Waits for the quiz's fold lock (bounded by lock_timeout), until the transaction ends. */
export function waitFoldLockSql(quizId: string): Prisma.Sql {
  return Prisma.sql`SELECT pg_advisory_xact_lock(${foldLockKey(quizId)})::text AS locked`;
}

export interface PendingAttemptRow {
  id: string;
  first: boolean;
}

/** The next waiting attempts of a quiz, oldest submission first. */
export function pendingBatchSql(quizId: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, (a.attempt_number = 1) AS first FROM attempts a WHERE ${isPending(quizId)}
    ORDER BY a.submitted_at, a.id LIMIT ${limit}`;
}

export interface QuizIdRow {
  quiz_id: string;
}

/** The quizzes with attempts waiting to be counted. */
export const PENDING_QUIZZES_SQL = Prisma.sql`
  SELECT DISTINCT a.quiz_id FROM attempts a WHERE a.status = 'SUBMITTED' AND a.score IS NOT NULL AND a.stats_counted_at IS NULL`;

export function markCountedSql(attemptIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`UPDATE attempts SET stats_counted_at = now() AT TIME ZONE 'UTC' WHERE id IN (${Prisma.join(attemptIds)})`;
}

/** Stored rows no answer is left in (a regrade moved a variant's answers to a newer version). */
export function deleteEmptyRowsSql(quizId: string): Prisma.Sql {
  return Prisma.sql`DELETE FROM question_stats WHERE quiz_id = ${quizId} AND n = 0`;
}

/** Every submitted attempt of the quiz waits again (a rebuild, after clearing the sums). */
export function markAllPendingSql(quizId: string): Prisma.Sql {
  return Prisma.sql`UPDATE attempts SET stats_counted_at = NULL WHERE quiz_id = ${quizId} AND status = 'SUBMITTED' AND stats_counted_at IS NOT NULL`;
}
