import type { Cluster } from "@capstan/db";
import { type Actor, type ClusterProbeParams, readsEverything } from "@capstan/domain";

/**
 * Never includes the kubeconfig. The whole record, for platform roles and audit events: `lastError` the last
 * probe's failure in English, `lastErrorReason` + `lastErrorParams` the same as a CLUSTER_PROBE_REASONS reason.
 */
export const toClusterDto = (c: Cluster, dataCentre: string) => ({
  name: c.name,
  dataCentre,
  apiEndpoint: c.apiEndpoint,
  status: c.status,
  kubernetesVersion: c.kubernetesVersion,
  nodeCount: c.nodeCount,
  lastContactAt: c.lastContactAt?.toISOString() ?? null,
  lastError: c.lastError,
  lastErrorReason: c.lastErrorReason,
  lastErrorParams: c.lastErrorParams as ClusterProbeParams | null,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
});
type FullClusterDto = ReturnType<typeof toClusterDto>;
type PlatformOnly = "apiEndpoint" | "lastError" | "lastErrorReason" | "lastErrorParams";
/** A cluster as a reader sees it: `apiEndpoint` and the last failure only for platform roles. */
export type ClusterDto = Omit<FullClusterDto, PlatformOnly> & Partial<Pick<FullClusterDto, PlatformOnly>>;

/**
 * What a reader may see of a cluster. Platform roles (admins, ops) see everything; department roles
 * see its name, data centre and health, not where it is on the network nor what its last failure said
 * (issue 11: neither may reach people outside the platform team).
 */
export function clusterFor(actor: Actor, dto: FullClusterDto): ClusterDto {
  if (readsEverything(actor)) return dto;
  const { apiEndpoint: _endpoint, lastError: _error, lastErrorReason: _reason, lastErrorParams: _params, ...rest } = dto;
  return rest;
}
