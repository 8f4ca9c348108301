-- CreateTable
CREATE TABLE "LogStreamLease" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogStreamLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LogStreamLease_userId_expiresAt_idx" ON "LogStreamLease"("userId", "expiresAt");
