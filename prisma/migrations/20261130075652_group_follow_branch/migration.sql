-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "followBranch" TEXT;
