-- CreateEnum
CREATE TYPE "FitStatus" AS ENUM ('ACCEPTED', 'REJECTED', 'FAILED');

-- AlterEnum
ALTER TYPE "CardKind" ADD VALUE 'OWN';

-- AlterTable
ALTER TABLE "lectures" ADD COLUMN     "opens_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "review_cards" ADD COLUMN     "reversed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "student_card_id" TEXT;

-- AlterTable
ALTER TABLE "review_logs" ADD COLUMN     "desired_retention" DOUBLE PRECISION,
ADD COLUMN     "parameter_set_id" TEXT,
ADD COLUMN     "retrievability" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "review_settings" (
    "user_id" TEXT NOT NULL,
    "desired_retention" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_settings_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "fsrs_parameter_sets" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "FitStatus" NOT NULL,
    "parameters" DOUBLE PRECISION[],
    "train_reviews" INTEGER NOT NULL,
    "held_out_reviews" INTEGER NOT NULL,
    "logloss_default" DOUBLE PRECISION,
    "logloss_personal" DOUBLE PRECISION,
    "rmse_default" DOUBLE PRECISION,
    "rmse_personal" DOUBLE PRECISION,
    "reason" TEXT NOT NULL DEFAULT '',
    "fit_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fsrs_parameter_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exam_dates" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "quiz_id" TEXT,
    "user_id" TEXT,
    "title" TEXT NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "exam_dates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "student_cards" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "front" TEXT NOT NULL,
    "back" TEXT NOT NULL,
    "section_key" TEXT,
    "reversible" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "student_cards_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fsrs_parameter_sets_user_id_created_at_idx" ON "fsrs_parameter_sets"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "exam_dates_lecture_id_date_idx" ON "exam_dates"("lecture_id", "date");

-- CreateIndex
CREATE INDEX "exam_dates_user_id_idx" ON "exam_dates"("user_id");

-- CreateIndex
CREATE INDEX "student_cards_user_id_lecture_id_created_at_idx" ON "student_cards"("user_id", "lecture_id", "created_at");

-- CreateIndex
CREATE INDEX "review_cards_user_id_due_idx" ON "review_cards"("user_id", "due");

-- CreateIndex
CREATE UNIQUE INDEX "review_cards_user_id_student_card_id_reversed_key" ON "review_cards"("user_id", "student_card_id", "reversed");

-- AddForeignKey
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_student_card_id_fkey" FOREIGN KEY ("student_card_id") REFERENCES "student_cards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fsrs_parameter_sets" ADD CONSTRAINT "fsrs_parameter_sets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_cards" ADD CONSTRAINT "student_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student_cards" ADD CONSTRAINT "student_cards_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The retention a student may ask for, and an exam date is a day (00:00 UTC).
ALTER TABLE "review_settings" ADD CONSTRAINT "review_settings_desired_retention_check" CHECK ("desired_retention" >= 0.7 AND "desired_retention" <= 0.97);
ALTER TABLE "exam_dates" ADD CONSTRAINT "exam_dates_date_is_a_day_check" CHECK ("date" = date_trunc('day', "date"));
ALTER TABLE "student_cards" ADD CONSTRAINT "student_cards_text_check" CHECK (length("front") BETWEEN 1 AND 2000 AND length("back") BETWEEN 1 AND 4000);

-- The class's measured retention and an exam's reschedule read a lecture's cards.
CREATE INDEX "review_cards_lecture_id_idx" ON "review_cards"("lecture_id");
