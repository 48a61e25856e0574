-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('STUDENT', 'INSTRUCTOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "QuestionType" AS ENUM ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'SHORT_ANSWER', 'NUMERICAL', 'MATCHING', 'ESSAY');

-- CreateEnum
CREATE TYPE "GradingPolicy" AS ENUM ('FIRST', 'LAST', 'BEST');

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "AttemptScope" AS ENUM ('FIRST', 'LAST', 'BEST', 'ALL');

-- CreateEnum
CREATE TYPE "CardKind" AS ENUM ('FLASHCARD', 'MISTAKE');

-- CreateEnum
CREATE TYPE "CardState" AS ENUM ('NEW', 'LEARNING', 'REVIEW', 'RELEARNING');

-- CreateEnum
CREATE TYPE "Rating" AS ENUM ('AGAIN', 'HARD', 'GOOD', 'EASY');

-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('JSON', 'CSV', 'GIFT', 'AIKEN', 'MOODLE_XML');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PREVIEWED', 'APPLIED', 'FAILED');

-- CreateTable
CREATE TABLE "cohorts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cohorts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'STUDENT',
    "cohort_id" TEXT,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "courses" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lectures" (
    "id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "content_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lectures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_sections" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body_markdown" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "note_sections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topics" (
    "id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "lecture_id" TEXT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questions" (
    "id" TEXT NOT NULL,
    "external_key" TEXT NOT NULL,
    "lecture_id" TEXT,
    "topic_id" TEXT,
    "category" TEXT NOT NULL DEFAULT '',
    "latest_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_versions" (
    "id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" "QuestionType" NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "stem" TEXT NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "general_feedback" TEXT NOT NULL DEFAULT '',
    "section_key" TEXT,
    "max_mark" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "data" JSONB,
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_options" (
    "id" TEXT NOT NULL,
    "question_version_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "is_correct" BOOLEAN NOT NULL,
    "fraction" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "feedback" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "question_options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quizzes" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "attempts_allowed" INTEGER,
    "grading_policy" "GradingPolicy" NOT NULL DEFAULT 'BEST',
    "time_limit_seconds" INTEGER,
    "shuffle_options" BOOLEAN NOT NULL DEFAULT true,
    "shuffle_slots" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "quizzes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quiz_slots" (
    "id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "max_mark" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "quiz_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quiz_slot_variants" (
    "id" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "quiz_slot_variants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempts" (
    "id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "attempt_number" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "seed" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline_at" TIMESTAMP(3),
    "submitted_at" TIMESTAMP(3),
    "score" DOUBLE PRECISION,
    "max_score" DOUBLE PRECISION NOT NULL,
    "submission_key" TEXT,

    CONSTRAINT "attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "responses" (
    "id" TEXT NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "question_version_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "option_order" TEXT[],
    "chosen_option_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "answer_text" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "is_correct" BOOLEAN,
    "mark" DOUBLE PRECISION,
    "max_mark" DOUBLE PRECISION NOT NULL,
    "time_spent_ms" INTEGER NOT NULL DEFAULT 0,
    "saved_at" TIMESTAMP(3),
    "last_save_key" TEXT,
    "save_seq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practice_sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "practice_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_stats" (
    "id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "slot_id" TEXT NOT NULL,
    "variant_key" TEXT NOT NULL DEFAULT '',
    "question_version_id" TEXT,
    "scope" "AttemptScope" NOT NULL DEFAULT 'FIRST',
    "n" INTEGER NOT NULL DEFAULT 0,
    "sum_x" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_x2" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_t" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_t2" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_xt" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_time_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "option_sums" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "question_stats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quiz_stats" (
    "id" TEXT NOT NULL,
    "quiz_id" TEXT NOT NULL,
    "scope" "AttemptScope" NOT NULL DEFAULT 'FIRST',
    "n" INTEGER NOT NULL DEFAULT 0,
    "sum_t" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_t2" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_t3" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sum_t4" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "quiz_stats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flashcards" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "front" TEXT NOT NULL,
    "back" TEXT NOT NULL,
    "topic_id" TEXT,
    "section_key" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "flashcards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_cards" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" "CardKind" NOT NULL,
    "flashcard_id" TEXT,
    "question_id" TEXT,
    "lecture_id" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "difficulty" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "elapsed_days" INTEGER NOT NULL DEFAULT 0,
    "scheduled_days" INTEGER NOT NULL DEFAULT 0,
    "learning_steps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "state" "CardState" NOT NULL DEFAULT 'NEW',
    "last_review" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_cards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_logs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "review_card_id" TEXT NOT NULL,
    "rating" "Rating" NOT NULL,
    "state" "CardState" NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsed_days" INTEGER NOT NULL,
    "last_elapsed_days" INTEGER NOT NULL,
    "scheduled_days" INTEGER NOT NULL,
    "learning_steps" INTEGER NOT NULL,
    "reviewed_at" TIMESTAMP(3) NOT NULL,
    "previous_card" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "undone_at" TIMESTAMP(3),

    CONSTRAINT "review_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "section_reads" (
    "user_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,
    "first_read_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_read_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "section_reads_pkey" PRIMARY KEY ("user_id","section_id")
);

-- CreateTable
CREATE TABLE "podcast_episodes" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "script" JSONB NOT NULL,
    "duration_seconds" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "podcast_episodes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "podcast_progress" (
    "user_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "position_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "heard_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "heard_ranges" JSONB NOT NULL DEFAULT '[]',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "podcast_progress_pkey" PRIMARY KEY ("user_id","episode_id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL,
    "user_id" TEXT,
    "file_name" TEXT NOT NULL,
    "file_hash" TEXT NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "summary" JSONB NOT NULL,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applied_at" TIMESTAMP(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cohorts_name_key" ON "cohorts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_role_idx" ON "users"("role");

-- CreateIndex
CREATE INDEX "users_cohort_id_idx" ON "users"("cohort_id");

-- CreateIndex
CREATE UNIQUE INDEX "courses_slug_key" ON "courses"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "lectures_slug_key" ON "lectures"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "lectures_course_id_number_key" ON "lectures"("course_id", "number");

-- CreateIndex
CREATE INDEX "note_sections_lecture_id_position_idx" ON "note_sections"("lecture_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "note_sections_lecture_id_key_key" ON "note_sections"("lecture_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "topics_course_id_key_key" ON "topics"("course_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "questions_external_key_key" ON "questions"("external_key");

-- CreateIndex
CREATE INDEX "questions_lecture_id_idx" ON "questions"("lecture_id");

-- CreateIndex
CREATE INDEX "question_versions_content_hash_idx" ON "question_versions"("content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "question_versions_question_id_version_key" ON "question_versions"("question_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "question_options_question_version_id_key_key" ON "question_options"("question_version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "quizzes_key_key" ON "quizzes"("key");

-- CreateIndex
CREATE INDEX "quizzes_lecture_id_idx" ON "quizzes"("lecture_id");

-- CreateIndex
CREATE INDEX "quiz_slots_quiz_id_position_idx" ON "quiz_slots"("quiz_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_slots_quiz_id_key_key" ON "quiz_slots"("quiz_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_slot_variants_slot_id_question_id_key" ON "quiz_slot_variants"("slot_id", "question_id");

-- CreateIndex
CREATE UNIQUE INDEX "attempts_submission_key_key" ON "attempts"("submission_key");

-- CreateIndex
CREATE INDEX "attempts_user_id_quiz_id_idx" ON "attempts"("user_id", "quiz_id");

-- CreateIndex
CREATE INDEX "attempts_quiz_id_status_submitted_at_idx" ON "attempts"("quiz_id", "status", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "attempts_quiz_id_user_id_attempt_number_key" ON "attempts"("quiz_id", "user_id", "attempt_number");

-- CreateIndex
CREATE INDEX "responses_question_version_id_idx" ON "responses"("question_version_id");

-- CreateIndex
CREATE INDEX "responses_slot_id_idx" ON "responses"("slot_id");

-- CreateIndex
CREATE UNIQUE INDEX "responses_attempt_id_slot_id_key" ON "responses"("attempt_id", "slot_id");

-- CreateIndex
CREATE UNIQUE INDEX "responses_attempt_id_position_key" ON "responses"("attempt_id", "position");

-- CreateIndex
CREATE INDEX "practice_sessions_user_id_quiz_id_idx" ON "practice_sessions"("user_id", "quiz_id");

-- CreateIndex
CREATE INDEX "question_stats_quiz_id_scope_idx" ON "question_stats"("quiz_id", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "question_stats_slot_id_variant_key_scope_key" ON "question_stats"("slot_id", "variant_key", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_stats_quiz_id_scope_key" ON "quiz_stats"("quiz_id", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "flashcards_key_key" ON "flashcards"("key");

-- CreateIndex
CREATE INDEX "flashcards_lecture_id_position_idx" ON "flashcards"("lecture_id", "position");

-- CreateIndex
CREATE INDEX "review_cards_user_id_lecture_id_due_idx" ON "review_cards"("user_id", "lecture_id", "due");

-- CreateIndex
CREATE UNIQUE INDEX "review_cards_user_id_flashcard_id_key" ON "review_cards"("user_id", "flashcard_id");

-- CreateIndex
CREATE UNIQUE INDEX "review_cards_user_id_question_id_key" ON "review_cards"("user_id", "question_id");

-- CreateIndex
CREATE UNIQUE INDEX "review_logs_idempotency_key_key" ON "review_logs"("idempotency_key");

-- CreateIndex
CREATE INDEX "review_logs_review_card_id_reviewed_at_idx" ON "review_logs"("review_card_id", "reviewed_at");

-- CreateIndex
CREATE INDEX "review_logs_user_id_reviewed_at_idx" ON "review_logs"("user_id", "reviewed_at");

-- CreateIndex
CREATE UNIQUE INDEX "podcast_episodes_lecture_id_key" ON "podcast_episodes"("lecture_id");

-- CreateIndex
CREATE INDEX "import_jobs_created_at_idx" ON "import_jobs"("created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lectures" ADD CONSTRAINT "lectures_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_sections" ADD CONSTRAINT "note_sections_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "topics" ADD CONSTRAINT "topics_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_versions" ADD CONSTRAINT "question_versions_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_options" ADD CONSTRAINT "question_options_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_slots" ADD CONSTRAINT "quiz_slots_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_slot_variants" ADD CONSTRAINT "quiz_slot_variants_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "quiz_slots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_slot_variants" ADD CONSTRAINT "quiz_slot_variants_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "quiz_slots"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practice_sessions" ADD CONSTRAINT "practice_sessions_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_stats" ADD CONSTRAINT "question_stats_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "quiz_slots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_stats" ADD CONSTRAINT "question_stats_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_stats" ADD CONSTRAINT "quiz_stats_quiz_id_fkey" FOREIGN KEY ("quiz_id") REFERENCES "quizzes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flashcards" ADD CONSTRAINT "flashcards_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flashcards" ADD CONSTRAINT "flashcards_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_flashcard_id_fkey" FOREIGN KEY ("flashcard_id") REFERENCES "flashcards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_cards" ADD CONSTRAINT "review_cards_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_logs" ADD CONSTRAINT "review_logs_review_card_id_fkey" FOREIGN KEY ("review_card_id") REFERENCES "review_cards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section_reads" ADD CONSTRAINT "section_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section_reads" ADD CONSTRAINT "section_reads_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "note_sections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "podcast_episodes" ADD CONSTRAINT "podcast_episodes_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "podcast_progress" ADD CONSTRAINT "podcast_progress_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "podcast_progress" ADD CONSTRAINT "podcast_progress_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "podcast_episodes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one attempt in progress per student and quiz: two tabs that start the quiz at once resume
-- the same attempt instead of opening two. (A partial index, which the Prisma schema cannot express.)
CREATE UNIQUE INDEX "attempts_one_in_progress_per_user_quiz" ON "attempts"("quiz_id", "user_id") WHERE "status" = 'IN_PROGRESS';
