// What the pods on each node ask for, summed from the Pod rows the inventory keeps: the "requested" of
// capacity dashboards and of placement, and how many pods occupy the node. One set-based statement per
// cluster that writes only the nodes whose figures changed (it still reads every pod of the cluster, so the
// inventory runs it only after pods or new nodes were written); a pod deleted or bound elsewhere leaves its
// old node's figures at the next run.
import type { Db } from "@capstan/db";

/**
 * Recomputes Node.requestedCpuMillis/MemoryMiB/Gpu (requests of Pending and Running pods) and Node.podCount
 * (pods not yet finished: every phase but Succeeded and Failed, Terminating included, as `kubectl describe
 * node` counts "Non-terminated Pods" and as they still hold one of the node's `pods` allocatable slots) for
 * every node of the cluster. Returns how many nodes changed.
 */
export async function refreshNodeRequests(db: Db, clusterId: string): Promise<number> {
  return db.$executeRaw`
    UPDATE "Node" n SET "requestedCpuMillis" = x.cpu, "requestedMemoryMiB" = x.mem, "requestedGpu" = x.gpu, "podCount" = x.pods
    FROM (
      SELECT m.id,
        COALESCE(SUM(p."cpuMillis") FILTER (WHERE p.phase IN ('Pending', 'Running')), 0)::int AS cpu,
        COALESCE(SUM(p."memoryMiB") FILTER (WHERE p.phase IN ('Pending', 'Running')), 0)::int AS mem,
        COALESCE(SUM(p.gpu) FILTER (WHERE p.phase IN ('Pending', 'Running')), 0)::int AS gpu,
        COUNT(p.id) FILTER (WHERE p.phase NOT IN ('Succeeded', 'Failed'))::int AS pods
      FROM "Node" m LEFT JOIN "Pod" p ON p."clusterId" = m."clusterId" AND p."nodeName" = m.name
      WHERE m."clusterId" = ${clusterId}::uuid
      GROUP BY m.id
    ) x
    WHERE n.id = x.id AND (n."requestedCpuMillis", n."requestedMemoryMiB", n."requestedGpu", n."podCount") IS DISTINCT FROM (x.cpu, x.mem, x.gpu, x.pods)`;
}
