-- AlterTable
ALTER TABLE "System" ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3);
