// What the pods on each node ask for, summed from the Pod rows the inventory keeps: the "requested" of
// capacity dashboards and of placement. One set-based statement per cluster that writes only the nodes
// whose sums changed, so running it every few seconds costs nothing when nothing moves.
import type { Db } from "@capstan/db";

export async function refreshNodeRequests(db: Db, clusterId: string): Promise<number> {
  return db.$executeRaw`
    UPDATE "Node" n SET "requestedCpuMillis" = x.cpu, "requestedMemoryMiB" = x.mem, "requestedGpu" = x.gpu
    FROM (
      SELECT m.id, COALESCE(SUM(p."cpuMillis"), 0)::int AS cpu, COALESCE(SUM(p."memoryMiB"), 0)::int AS mem, COALESCE(SUM(p.gpu), 0)::int AS gpu
      FROM "Node" m LEFT JOIN "Pod" p ON p."clusterId" = m."clusterId" AND p."nodeName" = m.name AND p.phase IN ('Pending', 'Running')
      WHERE m."clusterId" = ${clusterId}::uuid
      GROUP BY m.id
    ) x
    WHERE n.id = x.id AND (n."requestedCpuMillis", n."requestedMemoryMiB", n."requestedGpu") IS DISTINCT FROM (x.cpu, x.mem, x.gpu)`;
}
