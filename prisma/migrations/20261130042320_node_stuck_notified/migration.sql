-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "stuckNotifiedAt" TIMESTAMP(3);
