-- AlterTable
ALTER TABLE "note_sections" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "quiz_slots" ADD COLUMN     "retired_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "flashcards" ADD COLUMN     "retired_at" TIMESTAMP(3);

