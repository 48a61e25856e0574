-- CreateEnum
CREATE TYPE "PracticeKind" AS ENUM ('MISTAKES', 'PERSONAL');

-- CreateEnum
CREATE TYPE "GeneratedKind" AS ENUM ('CLOZE', 'TERM', 'DEFINITION', 'MCQ');

-- CreateEnum
CREATE TYPE "GeneratorSource" AS ENUM ('OFFLINE', 'MODEL');

-- CreateEnum
CREATE TYPE "GeneratedStatus" AS ENUM ('DRAFT', 'PROPOSED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "GenerationStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "VersionOrigin" ADD VALUE 'GENERATED';

-- AlterTable
ALTER TABLE "practice_sessions" ADD COLUMN     "kind" "PracticeKind" NOT NULL DEFAULT 'MISTAKES',
ADD COLUMN     "lecture_id" TEXT,
ADD COLUMN     "settings" JSONB,
ALTER COLUMN "quiz_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "student_cards" ADD COLUMN     "generated_item_id" TEXT;

-- CreateTable
CREATE TABLE "generated_items" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "section_key" TEXT NOT NULL,
    "kind" "GeneratedKind" NOT NULL,
    "generator" "GeneratorSource" NOT NULL,
    "source" TEXT NOT NULL,
    "front" TEXT NOT NULL DEFAULT '',
    "back" TEXT NOT NULL DEFAULT '',
    "stem" TEXT NOT NULL DEFAULT '',
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "answer" TEXT NOT NULL,
    "lint" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "content_hash" TEXT NOT NULL,
    "created_by_id" TEXT,
    "status" "GeneratedStatus" NOT NULL DEFAULT 'DRAFT',
    "proposed_by_id" TEXT,
    "proposed_at" TIMESTAMP(3),
    "reviewed_by_id" TEXT,
    "reviewed_at" TIMESTAMP(3),
    "reject_reason" TEXT,
    "question_id" TEXT,
    "run_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generated_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generated_item_reports" (
    "id" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generated_item_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_runs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "section_key" TEXT NOT NULL,
    "generator" "GeneratorSource" NOT NULL,
    "status" "GenerationStatus" NOT NULL DEFAULT 'QUEUED',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "made" INTEGER NOT NULL DEFAULT 0,
    "dropped" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "generation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "generated_items_question_id_key" ON "generated_items"("question_id");

-- CreateIndex
CREATE INDEX "generated_items_lecture_id_section_key_idx" ON "generated_items"("lecture_id", "section_key");

-- CreateIndex
CREATE INDEX "generated_items_status_proposed_at_idx" ON "generated_items"("status", "proposed_at");

-- CreateIndex
CREATE UNIQUE INDEX "generated_items_lecture_id_content_hash_key" ON "generated_items"("lecture_id", "content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "generated_item_reports_item_id_user_id_key" ON "generated_item_reports"("item_id", "user_id");

-- CreateIndex
CREATE INDEX "generation_runs_user_id_created_at_idx" ON "generation_runs"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "practice_sessions_user_id_lecture_id_created_at_idx" ON "practice_sessions"("user_id", "lecture_id", "created_at");

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_cards" ADD CONSTRAINT "student_cards_generated_item_id_fkey" FOREIGN KEY ("generated_item_id") REFERENCES "generated_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_item_reports" ADD CONSTRAINT "generated_item_reports_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "generated_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generated_item_reports" ADD CONSTRAINT "generated_item_reports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A mistakes session practises one quiz, a personal one a lecture.
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_kind_target" CHECK (
  ("kind" = 'MISTAKES' AND "quiz_id" IS NOT NULL) OR ("kind" = 'PERSONAL' AND "lecture_id" IS NOT NULL)
);

-- Multiple-choice items carry their options, and the answer is one of them.
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_mcq_answer" CHECK (
  "kind" <> 'MCQ' OR "answer" = ANY ("options")
);

-- Bounded texts: what one generated item or report may hold.
ALTER TABLE "generated_items" ADD CONSTRAINT "generated_items_text_check" CHECK (
  char_length("source") <= 2000 AND char_length("front") <= 2000 AND char_length("back") <= 2000
  AND char_length("stem") <= 2000 AND char_length("answer") <= 2000 AND cardinality("options") <= 8
);
ALTER TABLE "generated_item_reports" ADD CONSTRAINT "generated_item_reports_message_check" CHECK (char_length("message") BETWEEN 1 AND 1000);

-- A generated item is added to one student's cards once, whatever the retries.
CREATE UNIQUE INDEX "student_cards_user_generated_item_key" ON "student_cards" ("user_id", "generated_item_id") WHERE "generated_item_id" IS NOT NULL;
