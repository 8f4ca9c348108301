-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN     "bodyHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "replayable" BOOLEAN NOT NULL DEFAULT true;
