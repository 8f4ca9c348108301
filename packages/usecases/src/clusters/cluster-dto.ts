import type { Cluster } from "@capstan/db";

/** Never includes the kubeconfig. */
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
export type ClusterDto = ReturnType<typeof toClusterDto>;
