-- CreateEnum
CREATE TYPE "VersionOrigin" AS ENUM ('CONTENT', 'IMPORT', 'EDITOR');

-- CreateEnum
CREATE TYPE "RegradeMode" AS ENUM ('KEY', 'FULL', 'DROP');

-- CreateEnum
CREATE TYPE "RegradeTarget" AS ENUM ('OLD_VERSION', 'ALL');

-- AlterEnum
ALTER TYPE "SlotSource" ADD VALUE 'EDITOR';

-- AlterTable
ALTER TABLE "questions" ADD COLUMN     "file_hash" TEXT;

-- AlterTable
ALTER TABLE "question_versions" ADD COLUMN     "created_by_id" TEXT,
ADD COLUMN     "origin" "VersionOrigin" NOT NULL DEFAULT 'CONTENT';

-- AlterTable
ALTER TABLE "quizzes" ADD COLUMN     "closes_at" TIMESTAMP(3),
ADD COLUMN     "edited_at" TIMESTAMP(3),
ADD COLUMN     "file_hash" TEXT,
ADD COLUMN     "opens_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "responses" ADD COLUMN     "graded_at" TIMESTAMP(3),
ADD COLUMN     "graded_by_id" TEXT,
ADD COLUMN     "grader_comment" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "grading_requested_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "regrades" (
    "id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "mode" "RegradeMode" NOT NULL,
    "target" "RegradeTarget" NOT NULL,
    "actor_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "regrades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempt_regrades" (
    "id" TEXT NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "regrade_id" TEXT,
    "kind" TEXT NOT NULL,
    "old_score" DOUBLE PRECISION NOT NULL,
    "new_score" DOUBLE PRECISION NOT NULL,
    "old_max_score" DOUBLE PRECISION NOT NULL,
    "new_max_score" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attempt_regrades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "lecture_id" TEXT,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "regrades_idempotency_key_key" ON "regrades"("idempotency_key");

-- CreateIndex
CREATE INDEX "regrades_quiz_id_created_at_idx" ON "regrades"("quiz_id", "created_at");

-- CreateIndex
CREATE INDEX "attempt_regrades_attempt_id_created_at_idx" ON "attempt_regrades"("attempt_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_entries_created_at_idx" ON "audit_entries"("created_at");

-- CreateIndex
CREATE INDEX "audit_entries_entity_type_entity_id_created_at_idx" ON "audit_entries"("entity_type", "entity_id", "created_at");

-- AddForeignKey
ALTER TABLE "question_versions" ADD CONSTRAINT "question_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_graded_by_id_fkey" FOREIGN KEY ("graded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regrades" ADD CONSTRAINT "regrades_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regrades" ADD CONSTRAINT "regrades_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "quiz_slots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "regrades" ADD CONSTRAINT "regrades_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempt_regrades" ADD CONSTRAINT "attempt_regrades_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempt_regrades" ADD CONSTRAINT "attempt_regrades_regrade_id_fkey" FOREIGN KEY ("regrade_id") REFERENCES "regrades"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

