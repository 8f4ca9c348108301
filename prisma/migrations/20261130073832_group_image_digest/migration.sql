-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "imageDigest" TEXT;
