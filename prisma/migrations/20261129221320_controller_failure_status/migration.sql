-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastErrorAt" TIMESTAMP(3),
ADD COLUMN     "lastErrorReason" TEXT;

-- CreateTable
CREATE TABLE "SystemNamespaceStatus" (
    "systemId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "lastError" TEXT,
    "lastErrorReason" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SystemNamespaceStatus_pkey" PRIMARY KEY ("systemId","clusterId")
);

-- CreateTable
CREATE TABLE "SystemProjectStatus" (
    "systemId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "lastError" TEXT,
    "lastErrorReason" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SystemProjectStatus_pkey" PRIMARY KEY ("systemId","dataCentreId")
);

-- CreateIndex
CREATE INDEX "SystemNamespaceStatus_clusterId_idx" ON "SystemNamespaceStatus"("clusterId");

-- CreateIndex
CREATE INDEX "SystemProjectStatus_dataCentreId_idx" ON "SystemProjectStatus"("dataCentreId");

-- AddForeignKey
ALTER TABLE "SystemNamespaceStatus" ADD CONSTRAINT "SystemNamespaceStatus_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemNamespaceStatus" ADD CONSTRAINT "SystemNamespaceStatus_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemProjectStatus" ADD CONSTRAINT "SystemProjectStatus_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemProjectStatus" ADD CONSTRAINT "SystemProjectStatus_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;
