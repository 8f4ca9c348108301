-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "podTrouble" JSONB;
