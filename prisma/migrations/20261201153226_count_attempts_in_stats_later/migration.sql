-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "stats_counted_at" TIMESTAMP(3);


-- Until now every submission added itself to the running sums in its own transaction: every
-- submitted attempt is already counted.
UPDATE "attempts" SET "stats_counted_at" = "submitted_at" WHERE "status" = 'SUBMITTED';

-- The attempts still to be counted, per quiz: read by every dashboard and by the fold. Small (the
-- fold empties it moments after each submission), whatever the number of attempts.
CREATE INDEX "attempts_stats_pending_idx" ON "attempts" ("quiz_id") WHERE "status" = 'SUBMITTED' AND "stats_counted_at" IS NULL;
