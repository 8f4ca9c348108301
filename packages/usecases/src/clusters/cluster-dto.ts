import type { Cluster } from "@capstan/db";
import { type Actor, readsEverything } from "@capstan/domain";

/** Never includes the kubeconfig. The whole record, for platform roles and audit events. */
export const toClusterDto = (c: Cluster, dataCentre: string) => ({
  name: c.name,
  dataCentre,
  apiEndpoint: c.apiEndpoint,
  status: c.status,
  kubernetesVersion: c.kubernetesVersion,
  nodeCount: c.nodeCount,
  lastContactAt: c.lastContactAt?.toISOString() ?? null,
  lastError: c.lastError,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
});
type FullClusterDto = ReturnType<typeof toClusterDto>;
/** A cluster as a reader sees it: `apiEndpoint` and `lastError` only for platform roles. */
export type ClusterDto = Omit<FullClusterDto, "apiEndpoint" | "lastError"> & Partial<Pick<FullClusterDto, "apiEndpoint" | "lastError">>;

/**
 * What a reader may see of a cluster. Platform roles (admins, ops) see everything; department roles
 * see its name, data centre and health, not where it is on the network nor what its last failure said
 * (issue 11: neither may reach people outside the platform team).
 */
export function clusterFor(actor: Actor, dto: FullClusterDto): ClusterDto {
  if (readsEverything(actor)) return dto;
  const { apiEndpoint: _endpoint, lastError: _error, ...rest } = dto;
  return rest;
}
