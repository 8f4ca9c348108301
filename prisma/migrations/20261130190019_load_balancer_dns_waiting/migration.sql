-- AlterTable
ALTER TABLE "LoadBalancerDnsStatus" ADD COLUMN     "waitingFor" TEXT;
