-- AlterTable
ALTER TABLE "question_stats" ADD COLUMN     "r_hist" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "x_hist" JSONB NOT NULL DEFAULT '{}';


-- Backfill the histograms of the statistics already kept, from the submitted responses (the same
-- scopes as at submission: ALL, and FIRST for first attempts, an empty key for the slot, else the variant).
-- Keys are the values rounded to 9 decimals without trailing zeros, as the app writes them.
-- (No quotes or semicolons in these comments: the migration runner splits and quotes by them.)
WITH resp AS (
  SELECT r.slot_id, r.question_version_id AS vid, a.attempt_number,
    trim_scale(round(r.mark::numeric, 9))::text AS xk,
    trim_scale(round((a.score - r.mark)::numeric, 9))::text AS rk
  FROM "responses" r JOIN "attempts" a ON a.id = r.attempt_id
  WHERE a.status = 'SUBMITTED' AND r.mark IS NOT NULL AND a.score IS NOT NULL
), expanded AS (
  SELECT slot_id, '' AS variant_key, 'ALL' AS scope, xk, rk FROM resp
  UNION ALL SELECT slot_id, vid, 'ALL', xk, rk FROM resp
  UNION ALL SELECT slot_id, '', 'FIRST', xk, rk FROM resp WHERE attempt_number = 1
  UNION ALL SELECT slot_id, vid, 'FIRST', xk, rk FROM resp WHERE attempt_number = 1
), xh AS (
  SELECT slot_id, variant_key, scope, jsonb_object_agg(xk, c) AS h
  FROM (SELECT slot_id, variant_key, scope, xk, count(*) AS c FROM expanded GROUP BY 1, 2, 3, 4) t GROUP BY 1, 2, 3
), rh AS (
  SELECT slot_id, variant_key, scope, jsonb_object_agg(rk, c) AS h
  FROM (SELECT slot_id, variant_key, scope, rk, count(*) AS c FROM expanded GROUP BY 1, 2, 3, 4) t GROUP BY 1, 2, 3
)
UPDATE "question_stats" AS qs SET x_hist = xh.h, r_hist = rh.h
FROM xh JOIN rh USING (slot_id, variant_key, scope)
WHERE qs.slot_id = xh.slot_id AND qs.variant_key = xh.variant_key AND qs.scope::text = xh.scope;
