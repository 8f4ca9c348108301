import type { ClusterStatus } from "@capstan/db";
import type { ClusterProbeParams } from "@capstan/domain";

/** What the dashboards read of a cluster's last probe (Prisma `select`), for `clusterHealth`. */
export const CLUSTER_HEALTH_SELECT = {
  name: true,
  status: true,
  lastError: true,
  lastErrorReason: true,
  lastErrorParams: true,
  lastContactAt: true,
  dataCentre: { select: { name: true } },
} as const;

/**
 * A cluster's health as the dashboards show it: status, the last probe failure in English and as a
 * CLUSTER_PROBE_REASONS reason with params (the portal words it), and the last contact (ISO 8601 or null).
 */
export const clusterHealth = (c: {
  name: string;
  status: ClusterStatus;
  lastError: string | null;
  lastErrorReason: string | null;
  lastErrorParams: unknown;
  lastContactAt: Date | null;
  dataCentre: { name: string };
}) => ({
  name: c.name,
  dataCentre: c.dataCentre.name,
  status: c.status,
  lastError: c.lastError,
  lastErrorReason: c.lastErrorReason,
  lastErrorParams: c.lastErrorParams as ClusterProbeParams | null,
  lastContactAt: c.lastContactAt?.toISOString() ?? null,
});
