-- AlterTable
ALTER TABLE "responses" ALTER COLUMN "save_seq" SET DATA TYPE BIGINT;

