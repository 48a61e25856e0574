-- CreateEnum
CREATE TYPE "SlotSource" AS ENUM ('CONTENT', 'IMPORT');

-- AlterTable
ALTER TABLE "quiz_slots" ADD COLUMN     "source" "SlotSource" NOT NULL DEFAULT 'CONTENT';


-- Slots the bank importer wrote before this column existed are told apart by their key prefix.
UPDATE "quiz_slots" SET "source" = 'IMPORT' WHERE "key" LIKE 'import-%';
