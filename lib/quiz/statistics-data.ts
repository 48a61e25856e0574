import "server-only";
import type { DbTransaction } from "../db-client";
import { Prisma } from "../generated/prisma/client";
import { statIncrements, type ScoredResponse } from "./stat-increments";

/**
 * Adds one submitted attempt to the running sufficient statistics, in the submission's transaction:
 * one upsert for every slot and variant row, one for the quiz. Scope ALL takes every attempt; FIRST
 * only attempt 1 (the dashboard's default view). Rows are written in a fixed order, so concurrent
 * submissions lock them in the same order.
 */
export async function recordSubmissionStatistics(tx: DbTransaction, quizId: string, attemptNumber: number, responses: readonly ScoredResponse[]): Promise<void> {
  const { questions, quiz } = statIncrements(responses);
  const scopes = attemptNumber === 1 ? ["ALL", "FIRST"] : ["ALL"];
  for (const scope of scopes) {
    if (questions.length > 0) {
      const values = questions.map(
        (q) => Prisma.sql`(gen_random_uuid()::text, ${quizId}, ${q.slotId}, ${q.variantKey}, ${q.questionVersionId}, ${scope}::"AttemptScope", ${q.n}, ${q.sumX}::float8, ${q.sumX2}::float8, ${q.sumT}::float8, ${q.sumT2}::float8, ${q.sumXT}::float8, ${q.sumTimeMs}::float8, ${JSON.stringify(q.optionSums)}::jsonb, ${JSON.stringify(q.xHist)}::jsonb, ${JSON.stringify(q.rHist)}::jsonb, now())`,
      );
      await tx.$executeRaw`
        INSERT INTO question_stats (id, quiz_id, slot_id, variant_key, question_version_id, scope, n, sum_x, sum_x2, sum_t, sum_t2, sum_xt, sum_time_ms, option_sums, x_hist, r_hist, updated_at)
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
            )), '{}'::jsonb)
            FROM jsonb_object_keys(question_stats.option_sums || EXCLUDED.option_sums) AS k
          ),
          x_hist = (
            SELECT jsonb_object_agg(k, COALESCE((question_stats.x_hist ->> k)::int, 0) + COALESCE((EXCLUDED.x_hist ->> k)::int, 0))
            FROM jsonb_object_keys(question_stats.x_hist || EXCLUDED.x_hist) AS k
          ),
          r_hist = (
            SELECT jsonb_object_agg(k, COALESCE((question_stats.r_hist ->> k)::int, 0) + COALESCE((EXCLUDED.r_hist ->> k)::int, 0))
            FROM jsonb_object_keys(question_stats.r_hist || EXCLUDED.r_hist) AS k
          ),
          updated_at = EXCLUDED.updated_at`;
    }
    await tx.$executeRaw`
      INSERT INTO quiz_stats (id, quiz_id, scope, n, sum_t, sum_t2, sum_t3, sum_t4, updated_at)
      VALUES (gen_random_uuid()::text, ${quizId}, ${scope}::"AttemptScope", ${quiz.n}, ${quiz.sumT}::float8, ${quiz.sumT2}::float8, ${quiz.sumT3}::float8, ${quiz.sumT4}::float8, now())
      ON CONFLICT (quiz_id, scope) DO UPDATE SET
        n = quiz_stats.n + EXCLUDED.n,
        sum_t = quiz_stats.sum_t + EXCLUDED.sum_t,
        sum_t2 = quiz_stats.sum_t2 + EXCLUDED.sum_t2,
        sum_t3 = quiz_stats.sum_t3 + EXCLUDED.sum_t3,
        sum_t4 = quiz_stats.sum_t4 + EXCLUDED.sum_t4,
        updated_at = EXCLUDED.updated_at`;
  }
}
