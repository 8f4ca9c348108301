-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "desiredLabels" JSONB;

-- CreateTable
CREATE TABLE "NodeBulkTransition" (
    "id" UUID NOT NULL,
    "to" "NodeStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" UUID NOT NULL,
    "filter" JSONB,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "NodeBulkTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeBulkTransitionItem" (
    "bulkId" UUID NOT NULL,
    "nodeId" UUID NOT NULL,
    "result" "TransitionResult",
    "message" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "NodeBulkTransitionItem_pkey" PRIMARY KEY ("bulkId","nodeId")
);

-- CreateIndex
CREATE INDEX "NodeBulkTransition_createdAt_idx" ON "NodeBulkTransition"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "NodeBulkTransitionItem_nodeId_idx" ON "NodeBulkTransitionItem"("nodeId");

-- AddForeignKey
ALTER TABLE "NodeBulkTransitionItem" ADD CONSTRAINT "NodeBulkTransitionItem_bulkId_fkey" FOREIGN KEY ("bulkId") REFERENCES "NodeBulkTransition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeBulkTransitionItem" ADD CONSTRAINT "NodeBulkTransitionItem_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Nodes recorded before the lifecycle existed were serving pods under the INIT default: adopt them as
-- ONLINE, or the new reconciler would cordon a working fleet on upgrade.
UPDATE "Node" SET "status" = 'ONLINE'
WHERE NOT EXISTS (SELECT 1 FROM "NodeTransition" t WHERE t."nodeId" = "Node"."id");
