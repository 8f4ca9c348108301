-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "followedAt" TIMESTAMP(3);

-- Builds that ended before following existed are not followed now.
UPDATE "Build" SET "followedAt" = COALESCE("finishedAt", now()) WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED');
