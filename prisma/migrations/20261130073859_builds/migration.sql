-- CreateEnum
CREATE TYPE "BuildTrigger" AS ENUM ('USER', 'WEBHOOK', 'FOLLOW');

-- AlterTable
ALTER TABLE "Build" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3),
ADD COLUMN     "clusterId" UUID,
ADD COLUMN     "contextDir" TEXT NOT NULL DEFAULT '.',
ADD COLUMN     "dataCentreId" UUID NOT NULL,
ADD COLUMN     "deliveryId" TEXT,
ADD COLUMN     "digest" TEXT,
ADD COLUMN     "dockerfilePath" TEXT NOT NULL,
ADD COLUMN     "gitRepository" TEXT NOT NULL,
ADD COLUMN     "jobName" TEXT,
ADD COLUMN     "message" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "trigger" "BuildTrigger" NOT NULL DEFAULT 'USER',
ALTER COLUMN "imageTag" DROP NOT NULL;

-- AlterTable
ALTER TABLE "DataCentre" ADD COLUMN     "builderImage" TEXT NOT NULL DEFAULT 'quay.io/buildah/stable:v1.37',
ADD COLUMN     "buildsPerSystem" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "ApplicationWebhook" (
    "applicationId" UUID NOT NULL,
    "secretEnc" BYTEA NOT NULL,
    "rotatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationWebhook_pkey" PRIMARY KEY ("applicationId")
);

-- CreateIndex
CREATE INDEX "Build_applicationId_createdAt_idx" ON "Build"("applicationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Build_applicationId_deliveryId_key" ON "Build"("applicationId", "deliveryId");

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationWebhook" ADD CONSTRAINT "ApplicationWebhook_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
