-- CreateTable
CREATE TABLE "PodMetricPoint" (
    "groupId" UUID NOT NULL,
    "resolution" SMALLINT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "pod" TEXT NOT NULL,
    "cpuMillis" REAL NOT NULL,
    "memoryMiB" REAL NOT NULL,

    CONSTRAINT "PodMetricPoint_pkey" PRIMARY KEY ("groupId","resolution","at","pod")
);

-- CreateTable
CREATE TABLE "NodeMetricPoint" (
    "clusterId" UUID NOT NULL,
    "node" TEXT NOT NULL,
    "resolution" SMALLINT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "cpuMillis" REAL NOT NULL,
    "memoryMiB" REAL NOT NULL,

    CONSTRAINT "NodeMetricPoint_pkey" PRIMARY KEY ("clusterId","node","resolution","at")
);

-- CreateTable
CREATE TABLE "MetricsScrape" (
    "clusterId" UUID NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorReason" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "pods" INTEGER NOT NULL DEFAULT 0,
    "nodes" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MetricsScrape_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "MetricsRollup" (
    "resolution" SMALLINT NOT NULL,
    "doneUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricsRollup_pkey" PRIMARY KEY ("resolution")
);

-- CreateIndex
CREATE INDEX "PodMetricPoint_at_idx" ON "PodMetricPoint" USING BRIN ("at");

-- CreateIndex
CREATE INDEX "NodeMetricPoint_at_idx" ON "NodeMetricPoint" USING BRIN ("at");
