-- CreateEnum
CREATE TYPE "DnsProvider" AS ENUM ('BUILTIN', 'POWERDNS');

-- CreateEnum
CREATE TYPE "DnsTarget" AS ENUM ('POD_IPS', 'SERVICE_ADDRESS');

-- CreateEnum
CREATE TYPE "BackendState" AS ENUM ('IN', 'DRAINING', 'OUT');

-- DropForeignKey
ALTER TABLE "LoadBalancerExcludedPod" DROP CONSTRAINT "LoadBalancerExcludedPod_loadBalancerId_fkey";

-- DropForeignKey
ALTER TABLE "LoadBalancerMember" DROP CONSTRAINT "LoadBalancerMember_groupId_fkey";

-- DropIndex
DROP INDEX "LoadBalancer_domain_key";

-- AlterTable
ALTER TABLE "DataCentre" ADD COLUMN     "dnsProvider" "DnsProvider" NOT NULL DEFAULT 'BUILTIN',
ADD COLUMN     "dnsTarget" "DnsTarget" NOT NULL DEFAULT 'POD_IPS',
ADD COLUMN     "dnsZone" TEXT,
ADD COLUMN     "powerdnsApiKeyEnc" BYTEA,
ADD COLUMN     "powerdnsUrl" TEXT;

-- AlterTable
ALTER TABLE "DnsRecord" ADD COLUMN     "dataCentreId" UUID NOT NULL,
ALTER COLUMN "ttl" SET DEFAULT 30;

-- AlterTable
ALTER TABLE "LoadBalancer" DROP COLUMN "domain",
DROP COLUMN "settings",
ADD COLUMN     "clusterId" UUID NOT NULL,
ADD COLUMN     "dataPlane" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3),
ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "forwardedFor" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "healthCheck" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastErrorAt" TIMESTAMP(3),
ADD COLUMN     "lastErrorReason" TEXT,
ADD COLUMN     "maxConnPerBackend" INTEGER,
ADD COLUMN     "observedGeneration" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "readyReplicas" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "stickyCookie" TEXT,
ADD COLUMN     "timeouts" JSONB NOT NULL DEFAULT '{}',
DROP COLUMN "algorithm",
ADD COLUMN     "algorithm" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "LoadBalancerMember" DROP COLUMN "enabled",
ADD COLUMN     "drainSeconds" INTEGER,
ADD COLUMN     "state" "BackendState" NOT NULL DEFAULT 'IN',
ADD COLUMN     "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- DropTable
DROP TABLE "LoadBalancerExcludedPod";

-- DropEnum
DROP TYPE "BalanceAlgorithm";

-- CreateTable
CREATE TABLE "LoadBalancerDomain" (
    "name" TEXT NOT NULL,
    "loadBalancerId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoadBalancerDomain_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "LoadBalancerPodState" (
    "loadBalancerId" UUID NOT NULL,
    "podName" TEXT NOT NULL,
    "state" "BackendState" NOT NULL,
    "drainSeconds" INTEGER,
    "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "LoadBalancerPodState_pkey" PRIMARY KEY ("loadBalancerId","podName")
);

-- CreateIndex
CREATE INDEX "LoadBalancerDomain_loadBalancerId_idx" ON "LoadBalancerDomain"("loadBalancerId");

-- CreateIndex
CREATE UNIQUE INDEX "DataCentre_dnsZone_key" ON "DataCentre"("dnsZone");

-- CreateIndex
CREATE INDEX "DnsRecord_dataCentreId_idx" ON "DnsRecord"("dataCentreId");

-- CreateIndex
CREATE INDEX "LoadBalancer_clusterId_idx" ON "LoadBalancer"("clusterId");

-- AddForeignKey
ALTER TABLE "LoadBalancer" ADD CONSTRAINT "LoadBalancer_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerDomain" ADD CONSTRAINT "LoadBalancerDomain_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerMember" ADD CONSTRAINT "LoadBalancerMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerPodState" ADD CONSTRAINT "LoadBalancerPodState_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;
