-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "lastErrorParams" JSONB,
ADD COLUMN     "lastErrorReason" TEXT;

-- Existing failures get their reason as probeFailureOf (packages/domain/src/cluster-probe.ts) gives it:
-- the probe's known texts by their template, anything else kept whole as the `detail` param.
UPDATE "Cluster" SET
  "lastErrorReason" = CASE
    WHEN "lastError" = 'the cluster did not answer as a Kubernetes API server' THEN 'not_kubernetes'
    WHEN "lastError" = 'the cluster''s address is not allowed by the outbound policy (CAPSTAN_OUTBOUND_ALLOW)' THEN 'outbound_refused'
    WHEN "lastError" ~ '^the cluster answered [0-9]{3}$' THEN 'cluster_answered'
    ELSE 'probe_failed' END,
  "lastErrorParams" = CASE
    WHEN "lastError" = 'the cluster did not answer as a Kubernetes API server' THEN '{}'::jsonb
    WHEN "lastError" = 'the cluster''s address is not allowed by the outbound policy (CAPSTAN_OUTBOUND_ALLOW)' THEN '{}'::jsonb
    WHEN "lastError" ~ '^the cluster answered [0-9]{3}$' THEN jsonb_build_object('status', substring("lastError" from '[0-9]{3}$')::int)
    ELSE jsonb_build_object('detail', "lastError") END
WHERE "lastError" IS NOT NULL;
