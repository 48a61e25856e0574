-- AlterEnum
ALTER TYPE "QuestionType" ADD VALUE 'CLOZE';

-- CreateTable
CREATE TABLE "question_categories" (
    "id" TEXT NOT NULL,
    "lecture_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "idnumber" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "question_categories_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "question_categories_lecture_id_path_key" ON "question_categories"("lecture_id", "path");

-- AddForeignKey
ALTER TABLE "question_categories" ADD CONSTRAINT "question_categories_lecture_id_fkey" FOREIGN KEY ("lecture_id") REFERENCES "lectures"("id") ON DELETE CASCADE ON UPDATE CASCADE;

