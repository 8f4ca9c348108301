// Reading Capstan's objects back from a cluster for the portal, one ClusterClient per cluster (its
// discovery cache is then reused), rebuilt when the cluster's kubeconfig changes (its row version moves).
import type { Cluster } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import type { Manifest } from "@capstan/domain";
import { ClusterClient } from "@capstan/orchestrator";
import { compareManifest, type ManifestComparison } from "./compare-manifest";

const clients = new Map<string, { version: number; client: ClusterClient }>();

function clientOf(cluster: Pick<Cluster, "id" | "version" | "kubeconfigEnc">): ClusterClient {
  const hit = clients.get(cluster.id);
  if (hit && hit.version === cluster.version) return hit.client;
  const client = new ClusterClient(secrets().open(cluster.kubeconfigEnc));
  clients.set(cluster.id, { version: cluster.version, client });
  return client;
}

/** Capstan's objects in one cluster beside what it applies. `unreachable`: the cluster could not be read
 * (each object's `live` is then null and `drift` false: nothing is known). */
export interface ClusterManifests {
  cluster: string;
  unreachable: boolean;
  objects: ManifestComparison[];
}

/** Reads each manifest's object from the cluster and compares it (compare-manifest.ts). */
export async function compareInCluster(cluster: Pick<Cluster, "id" | "name" | "version" | "kubeconfigEnc">, manifests: Manifest[]): Promise<ClusterManifests> {
  const ref = (m: Manifest) => ({ apiVersion: m.apiVersion, kind: m.kind, name: m.metadata.name, namespace: m.metadata.namespace });
  let live: (Record<string, unknown> | null)[];
  try {
    const client = clientOf(cluster);
    live = await Promise.all(manifests.map((m) => client.read(ref(m))));
  } catch {
    // Unreachable, refused or timed out: the page says the cluster could not be read, never a stale guess.
    return { cluster: cluster.name, unreachable: true, objects: manifests.map((m) => ({ ...compareManifest(m, null), drift: false, diff: "" })) };
  }
  return { cluster: cluster.name, unreachable: false, objects: manifests.map((m, i) => compareManifest(m, live[i]!)) };
}
