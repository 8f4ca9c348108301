-- AlterTable
ALTER TABLE "NodeBulkTransitionItem" ADD COLUMN     "params" JSONB,
ADD COLUMN     "reason" TEXT;
