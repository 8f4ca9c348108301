-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "autoscaling" JSONB,
ADD COLUMN     "autoscalingStatus" JSONB;
