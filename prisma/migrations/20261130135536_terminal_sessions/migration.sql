-- CreateTable
CREATE TABLE "TerminalSession" (
    "id" UUID NOT NULL,
    "ticketHash" TEXT NOT NULL,
    "ticketExpiresAt" TIMESTAMP(3) NOT NULL,
    "userId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "pod" TEXT NOT NULL,
    "container" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "bytesIn" BIGINT NOT NULL DEFAULT 0,
    "bytesOut" BIGINT NOT NULL DEFAULT 0,
    "endReason" TEXT,

    CONSTRAINT "TerminalSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TerminalSession_ticketHash_key" ON "TerminalSession"("ticketHash");

-- CreateIndex
CREATE INDEX "TerminalSession_userId_createdAt_idx" ON "TerminalSession"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "TerminalSession_groupId_createdAt_idx" ON "TerminalSession"("groupId", "createdAt" DESC);
