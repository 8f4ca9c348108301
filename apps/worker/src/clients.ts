// ClusterClients by cluster, rebuilt when the cluster's kubeconfig changes (its row version moves), and
// dropped when the cluster is removed (evictClients, called by the resync).
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

/** Drops the clients of clusters not in `keep` (removed since); returns how many went. */
export function evictClients(keep: Set<string>): number {
  let n = 0;
  for (const id of cache.keys()) if (!keep.has(id)) n += Number(cache.delete(id));
  return n;
}

/** How many clients are cached (for tests of eviction). */
export const clientCount = () => cache.size;
