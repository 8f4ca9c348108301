// A balancer's own haproxy/nginx pods, as its cluster reports them now. Read from the cluster, not from Pod
// rows: the rows keep labels but no annotations, and the controller needs both (which pods are the balancer's,
// and whether each runs a data plane), as they are now.
import type { ClusterClient } from "@capstan/orchestrator";
import { lbSelector } from "@capstan/domain";
import type { V1Pod } from "@kubernetes/client-node";

/**
 * Set on an LB pod that runs without its data plane: the simulator marks its LB pods so (value `missing`)
 * where haproxy or nginx is not installed on the machine (docs/simulator.md). Only `missing` means "no data plane";
 * a pod without the annotation (every pod of a real cluster) runs one.
 */
export const DATA_PLANE_ANNOTATION = "sim.capstan.io/data-plane";

/** One of a balancer's pods. */
export interface LbPod {
  name: string;
  /** Its pod IP, once it has one. */
  ip: string | null;
  /** Ready (its listen port answers) and not being deleted. */
  ready: boolean;
  /** False when it runs without a data plane (DATA_PLANE_ANNOTATION `missing`). */
  dataPlane: boolean;
}

/** The balancer's pods in its system's namespace; none when the namespace is gone. */
export async function lbPods(client: ClusterClient, system: string, application: string, name: string): Promise<LbPod[]> {
  const selector = Object.entries(lbSelector(application, name))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  try {
    const list = await client.list<V1Pod>(`/api/v1/namespaces/${encodeURIComponent(system)}/pods`, { labelSelector: selector });
    return list.items.map((p) => ({
      name: p.metadata!.name!,
      ip: p.status?.podIP ?? null,
      ready: !p.metadata?.deletionTimestamp && (p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false),
      dataPlane: p.metadata?.annotations?.[DATA_PLANE_ANNOTATION] !== "missing",
    }));
  } catch (e) {
    if ((e as { code?: number }).code === 404) return [];
    throw e;
  }
}
