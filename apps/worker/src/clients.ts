// ClusterClients by cluster, rebuilt when the cluster's kubeconfig changes (its row version moves).
import type { Cluster } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { ClusterClient } from "@capstan/orchestrator";

const cache = new Map<string, { version: number; client: ClusterClient }>();

export function clientFor(cluster: Pick<Cluster, "id" | "version" | "kubeconfigEnc">): ClusterClient {
  const hit = cache.get(cluster.id);
  if (hit && hit.version === cluster.version) return hit.client;
  const client = new ClusterClient(secrets().open(cluster.kubeconfigEnc));
  cache.set(cluster.id, { version: cluster.version, client });
  return client;
}
