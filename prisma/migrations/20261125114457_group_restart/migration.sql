-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "restartedAt" TIMESTAMP(3);
