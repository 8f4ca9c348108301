-- AlterTable
ALTER TABLE "Pod" ADD COLUMN     "labels" JSONB NOT NULL DEFAULT '{}';
