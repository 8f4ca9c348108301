-- CreateTable
CREATE TABLE "LoadBalancerDnsStatus" (
    "loadBalancerId" UUID NOT NULL,
    "lastError" TEXT,
    "lastErrorReason" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LoadBalancerDnsStatus_pkey" PRIMARY KEY ("loadBalancerId")
);

-- AddForeignKey
ALTER TABLE "LoadBalancerDnsStatus" ADD CONSTRAINT "LoadBalancerDnsStatus_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
