-- AlterTable
ALTER TABLE "NodeBulkTransition" ADD COLUMN     "deleteEmptyDirData" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "force" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "NodeTransition" ADD COLUMN     "deleteEmptyDirData" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "force" BOOLEAN NOT NULL DEFAULT false;
