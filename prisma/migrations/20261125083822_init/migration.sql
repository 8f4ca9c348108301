-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PlatformRole" AS ENUM ('PLATFORM_ADMIN', 'OPS');

-- CreateEnum
CREATE TYPE "DepartmentRole" AS ENUM ('DEPARTMENT_ADMIN', 'DEVELOPER', 'VIEWER');

-- CreateEnum
CREATE TYPE "Isolation" AS ENUM ('ISOLATED', 'OPEN');

-- CreateEnum
CREATE TYPE "Protocol" AS ENUM ('HTTP', 'TCP', 'GRPC');

-- CreateEnum
CREATE TYPE "Runtime" AS ENUM ('GENERIC', 'JAVA', 'NODE', 'GO', 'PYTHON');

-- CreateEnum
CREATE TYPE "ClusterStatus" AS ENUM ('PENDING', 'HEALTHY', 'DEGRADED', 'UNREACHABLE');

-- CreateEnum
CREATE TYPE "NodeStatus" AS ENUM ('INIT', 'WAIT', 'ONLINE', 'OFFLINE');

-- CreateEnum
CREATE TYPE "TransitionResult" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "CpuMode" AS ENUM ('SHARED', 'EXCLUSIVE');

-- CreateEnum
CREATE TYPE "GroupPhase" AS ENUM ('PENDING', 'PROGRESSING', 'AVAILABLE', 'DEGRADED', 'FAILED', 'DELETING');

-- CreateEnum
CREATE TYPE "QuotaRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LabelKind" AS ENUM ('ZONE', 'RESOURCE');

-- CreateEnum
CREATE TYPE "LoadBalancerKind" AS ENUM ('HAPROXY', 'NGINX');

-- CreateEnum
CREATE TYPE "BalanceAlgorithm" AS ENUM ('ROUND_ROBIN', 'LEAST_CONN', 'SOURCE_HASH');

-- CreateEnum
CREATE TYPE "BuildStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "platformRole" "PlatformRole",
    "locale" TEXT NOT NULL DEFAULT 'en',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetName" TEXT NOT NULL,
    "departmentId" UUID,
    "systemId" UUID,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepartmentMember" (
    "departmentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "DepartmentRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DepartmentMember_pkey" PRIMARY KEY ("departmentId","userId")
);

-- CreateTable
CREATE TABLE "System" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "departmentId" UUID NOT NULL,
    "isolation" "Isolation" NOT NULL DEFAULT 'ISOLATED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "System_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemMember" (
    "systemId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SystemMember_pkey" PRIMARY KEY ("systemId","userId")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "runtime" "Runtime" NOT NULL DEFAULT 'GENERIC',
    "port" INTEGER NOT NULL DEFAULT 8080,
    "protocol" "Protocol" NOT NULL DEFAULT 'HTTP',
    "healthCheckPath" TEXT DEFAULT '/healthz',
    "gitRepository" TEXT,
    "gitBranch" TEXT NOT NULL DEFAULT 'main',
    "dockerfilePath" TEXT NOT NULL DEFAULT 'Dockerfile',
    "buildCommand" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataCentre" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "harborUrl" TEXT NOT NULL,
    "harborUsername" TEXT NOT NULL,
    "harborPasswordEnc" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DataCentre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "apiEndpoint" TEXT NOT NULL,
    "kubeconfigEnc" BYTEA NOT NULL,
    "status" "ClusterStatus" NOT NULL DEFAULT 'PENDING',
    "kubernetesVersion" TEXT,
    "nodeCount" INTEGER NOT NULL DEFAULT 0,
    "lastContactAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Node" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "NodeStatus" NOT NULL DEFAULT 'INIT',
    "zone" TEXT NOT NULL DEFAULT 'default',
    "labels" JSONB NOT NULL DEFAULT '{}',
    "taints" JSONB NOT NULL DEFAULT '[]',
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "ready" BOOLEAN NOT NULL DEFAULT false,
    "unschedulable" BOOLEAN NOT NULL DEFAULT false,
    "kubeletVersion" TEXT,
    "internalIp" TEXT,
    "capacityCpuMillis" INTEGER NOT NULL DEFAULT 0,
    "capacityMemoryMiB" INTEGER NOT NULL DEFAULT 0,
    "capacityGpu" INTEGER NOT NULL DEFAULT 0,
    "capacityPods" INTEGER NOT NULL DEFAULT 0,
    "allocCpuMillis" INTEGER NOT NULL DEFAULT 0,
    "allocMemoryMiB" INTEGER NOT NULL DEFAULT 0,
    "allocGpu" INTEGER NOT NULL DEFAULT 0,
    "allocPods" INTEGER NOT NULL DEFAULT 0,
    "requestedCpuMillis" INTEGER NOT NULL DEFAULT 0,
    "requestedMemoryMiB" INTEGER NOT NULL DEFAULT 0,
    "requestedGpu" INTEGER NOT NULL DEFAULT 0,
    "podCount" INTEGER NOT NULL DEFAULT 0,
    "checkResults" JSONB,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3),
    "resourceVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NodeTransition" (
    "id" UUID NOT NULL,
    "nodeId" UUID NOT NULL,
    "from" "NodeStatus",
    "to" "NodeStatus" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" UUID,
    "jobId" TEXT,
    "result" "TransitionResult" NOT NULL DEFAULT 'PENDING',
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "NodeTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pod" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "groupId" UUID,
    "nodeName" TEXT,
    "phase" TEXT NOT NULL,
    "ready" BOOLEAN NOT NULL DEFAULT false,
    "ip" TEXT,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "message" TEXT,
    "cpuMillis" INTEGER NOT NULL DEFAULT 0,
    "memoryMiB" INTEGER NOT NULL DEFAULT 0,
    "gpu" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterEvent" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "uid" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "involvedKind" TEXT NOT NULL,
    "involvedName" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClusterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "imageTag" TEXT NOT NULL,
    "replicas" INTEGER NOT NULL,
    "cpuMillis" INTEGER NOT NULL,
    "memoryMiB" INTEGER NOT NULL,
    "gpu" INTEGER NOT NULL DEFAULT 0,
    "cpuMode" "CpuMode" NOT NULL DEFAULT 'SHARED',
    "zone" TEXT NOT NULL DEFAULT 'default',
    "resourceLabels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "env" JSONB NOT NULL DEFAULT '[]',
    "healthCheck" JSONB,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "observedGeneration" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "phase" "GroupPhase" NOT NULL DEFAULT 'PENDING',
    "readyReplicas" INTEGER NOT NULL DEFAULT 0,
    "availableReplicas" INTEGER NOT NULL DEFAULT 0,
    "updatedReplicas" INTEGER NOT NULL DEFAULT 0,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "lastError" TEXT,
    "deletionRequestedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupRevision" (
    "id" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "changeCause" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepartmentQuota" (
    "departmentId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "cpuMillis" INTEGER NOT NULL DEFAULT 0,
    "memoryMiB" INTEGER NOT NULL DEFAULT 0,
    "gpu" INTEGER NOT NULL DEFAULT 0,
    "instances" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DepartmentQuota_pkey" PRIMARY KEY ("departmentId","dataCentreId")
);

-- CreateTable
CREATE TABLE "SystemQuota" (
    "systemId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "cpuMillis" INTEGER NOT NULL DEFAULT 0,
    "memoryMiB" INTEGER NOT NULL DEFAULT 0,
    "gpu" INTEGER NOT NULL DEFAULT 0,
    "instances" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SystemQuota_pkey" PRIMARY KEY ("systemId","dataCentreId")
);

-- CreateTable
CREATE TABLE "QuotaRequest" (
    "id" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "requesterId" UUID NOT NULL,
    "cpuMillis" INTEGER NOT NULL,
    "memoryMiB" INTEGER NOT NULL,
    "gpu" INTEGER NOT NULL,
    "instances" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "QuotaRequestStatus" NOT NULL DEFAULT 'PENDING',
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "reviewerId" UUID,
    "reviewComment" TEXT,
    "approvedCpuMillis" INTEGER,
    "approvedMemoryMiB" INTEGER,
    "approvedGpu" INTEGER,
    "approvedInstances" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "QuotaRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelDefinition" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "LabelKind" NOT NULL,
    "values" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT NOT NULL DEFAULT '',
    "dedicated" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LabelDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelExclusiveSet" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelExclusiveSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoadBalancer" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "dataCentreId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "LoadBalancerKind" NOT NULL DEFAULT 'HAPROXY',
    "algorithm" "BalanceAlgorithm" NOT NULL DEFAULT 'ROUND_ROBIN',
    "protocol" "Protocol" NOT NULL DEFAULT 'HTTP',
    "port" INTEGER NOT NULL DEFAULT 80,
    "replicas" INTEGER NOT NULL DEFAULT 2,
    "domain" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "LoadBalancer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoadBalancerMember" (
    "loadBalancerId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "weight" INTEGER NOT NULL DEFAULT 100,

    CONSTRAINT "LoadBalancerMember_pkey" PRIMARY KEY ("loadBalancerId","groupId")
);

-- CreateTable
CREATE TABLE "LoadBalancerExcludedPod" (
    "loadBalancerId" UUID NOT NULL,
    "podName" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoadBalancerExcludedPod_pkey" PRIMARY KEY ("loadBalancerId","podName")
);

-- CreateTable
CREATE TABLE "DnsRecord" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'A',
    "values" TEXT[],
    "ttl" INTEGER NOT NULL DEFAULT 60,
    "loadBalancerId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DnsRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Build" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "gitRef" TEXT NOT NULL,
    "commitSha" TEXT,
    "imageTag" TEXT NOT NULL,
    "status" "BuildStatus" NOT NULL DEFAULT 'QUEUED',
    "log" TEXT NOT NULL DEFAULT '',
    "triggeredById" UUID,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Build_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_departmentId_at_idx" ON "AuditEvent"("departmentId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "DepartmentMember_userId_idx" ON "DepartmentMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "System_name_key" ON "System"("name");

-- CreateIndex
CREATE INDEX "System_departmentId_name_idx" ON "System"("departmentId", "name");

-- CreateIndex
CREATE INDEX "SystemMember_userId_idx" ON "SystemMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_systemId_name_key" ON "Application"("systemId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DataCentre_name_key" ON "DataCentre"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE INDEX "Cluster_dataCentreId_idx" ON "Cluster"("dataCentreId");

-- CreateIndex
CREATE INDEX "Node_status_clusterId_zone_idx" ON "Node"("status", "clusterId", "zone");

-- CreateIndex
CREATE INDEX "Node_zone_status_idx" ON "Node"("zone", "status");

-- CreateIndex
CREATE INDEX "Node_clusterId_ready_idx" ON "Node"("clusterId", "ready");

-- CreateIndex
CREATE INDEX "Node_labels_idx" ON "Node" USING GIN ("labels" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Node_statusChangedAt_idx" ON "Node"("statusChangedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Node_clusterId_name_key" ON "Node"("clusterId", "name");

-- CreateIndex
CREATE INDEX "NodeTransition_nodeId_createdAt_idx" ON "NodeTransition"("nodeId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "NodeTransition_createdAt_idx" ON "NodeTransition"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "NodeTransition_jobId_idx" ON "NodeTransition"("jobId");

-- CreateIndex
CREATE INDEX "Pod_groupId_idx" ON "Pod"("groupId");

-- CreateIndex
CREATE INDEX "Pod_clusterId_nodeName_idx" ON "Pod"("clusterId", "nodeName");

-- CreateIndex
CREATE INDEX "Pod_clusterId_phase_idx" ON "Pod"("clusterId", "phase");

-- CreateIndex
CREATE UNIQUE INDEX "Pod_clusterId_namespace_name_key" ON "Pod"("clusterId", "namespace", "name");

-- CreateIndex
CREATE INDEX "ClusterEvent_clusterId_namespace_involvedKind_involvedName__idx" ON "ClusterEvent"("clusterId", "namespace", "involvedKind", "involvedName", "lastAt" DESC);

-- CreateIndex
CREATE INDEX "ClusterEvent_lastAt_idx" ON "ClusterEvent"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterEvent_clusterId_uid_key" ON "ClusterEvent"("clusterId", "uid");

-- CreateIndex
CREATE INDEX "Group_clusterId_idx" ON "Group"("clusterId");

-- CreateIndex
CREATE INDEX "Group_dataCentreId_phase_idx" ON "Group"("dataCentreId", "phase");

-- CreateIndex
CREATE UNIQUE INDEX "Group_applicationId_name_key" ON "Group"("applicationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "GroupRevision_groupId_revision_key" ON "GroupRevision"("groupId", "revision");

-- CreateIndex
CREATE INDEX "DepartmentQuota_dataCentreId_idx" ON "DepartmentQuota"("dataCentreId");

-- CreateIndex
CREATE INDEX "SystemQuota_dataCentreId_idx" ON "SystemQuota"("dataCentreId");

-- CreateIndex
CREATE INDEX "QuotaRequest_status_createdAt_idx" ON "QuotaRequest"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuotaRequest_systemId_createdAt_idx" ON "QuotaRequest"("systemId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuotaRequest_requesterId_idx" ON "QuotaRequest"("requesterId");

-- CreateIndex
CREATE UNIQUE INDEX "LabelDefinition_key_key" ON "LabelDefinition"("key");

-- CreateIndex
CREATE UNIQUE INDEX "LabelExclusiveSet_name_key" ON "LabelExclusiveSet"("name");

-- CreateIndex
CREATE UNIQUE INDEX "LoadBalancer_domain_key" ON "LoadBalancer"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "LoadBalancer_applicationId_name_key" ON "LoadBalancer"("applicationId", "name");

-- CreateIndex
CREATE INDEX "LoadBalancerMember_groupId_idx" ON "LoadBalancerMember"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "DnsRecord_name_type_key" ON "DnsRecord"("name", "type");

-- CreateIndex
CREATE INDEX "Build_status_createdAt_idx" ON "Build"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Build_applicationId_number_key" ON "Build"("applicationId", "number");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentMember" ADD CONSTRAINT "DepartmentMember_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentMember" ADD CONSTRAINT "DepartmentMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "System" ADD CONSTRAINT "System_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemMember" ADD CONSTRAINT "SystemMember_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemMember" ADD CONSTRAINT "SystemMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Node" ADD CONSTRAINT "Node_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeTransition" ADD CONSTRAINT "NodeTransition_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pod" ADD CONSTRAINT "Pod_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterEvent" ADD CONSTRAINT "ClusterEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupRevision" ADD CONSTRAINT "GroupRevision_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentQuota" ADD CONSTRAINT "DepartmentQuota_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentQuota" ADD CONSTRAINT "DepartmentQuota_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemQuota" ADD CONSTRAINT "SystemQuota_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemQuota" ADD CONSTRAINT "SystemQuota_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaRequest" ADD CONSTRAINT "QuotaRequest_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaRequest" ADD CONSTRAINT "QuotaRequest_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaRequest" ADD CONSTRAINT "QuotaRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaRequest" ADD CONSTRAINT "QuotaRequest_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancer" ADD CONSTRAINT "LoadBalancer_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancer" ADD CONSTRAINT "LoadBalancer_dataCentreId_fkey" FOREIGN KEY ("dataCentreId") REFERENCES "DataCentre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerMember" ADD CONSTRAINT "LoadBalancerMember_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerMember" ADD CONSTRAINT "LoadBalancerMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoadBalancerExcludedPod" ADD CONSTRAINT "LoadBalancerExcludedPod_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_loadBalancerId_fkey" FOREIGN KEY ("loadBalancerId") REFERENCES "LoadBalancer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Build" ADD CONSTRAINT "Build_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
