import type { Tx } from "@capstan/db";
import { chooseCluster, type ClusterCapacity, invalid } from "@capstan/domain";

/** Free capacity per cluster of a data centre over ready, schedulable nodes matching the zone and labels. */
export async function clusterCapacities(tx: Pick<Tx, "$queryRaw">, dataCentreId: string, zone: string, resourceLabels: string[]): Promise<ClusterCapacity[]> {
  const labels = JSON.stringify(Object.fromEntries(resourceLabels.map((l) => [l, "true"])));
  const rows = await tx.$queryRaw<{ name: string; status: string; cpu: bigint; memory: bigint }[]>`
    SELECT c.name, c.status::text AS status,
           COALESCE(SUM(n."allocCpuMillis" - n."requestedCpuMillis"), 0) AS cpu,
           COALESCE(SUM(n."allocMemoryMiB" - n."requestedMemoryMiB"), 0) AS memory
    FROM "Cluster" c
    LEFT JOIN "Node" n ON n."clusterId" = c.id AND n.ready AND NOT n.unschedulable AND n.zone = ${zone} AND n.labels @> ${labels}::jsonb
    WHERE c."dataCentreId" = ${dataCentreId}::uuid
    GROUP BY c.id`;
  return rows.map((r) => ({ name: r.name, healthy: r.status !== "UNREACHABLE", freeCpuMillis: Number(r.cpu), freeMemoryMiB: Number(r.memory) }));
}

/** The pinned cluster (which must be in the data centre), or the one placement chooses. */
export async function resolveCluster(
  tx: Pick<Tx, "$queryRaw" | "cluster">,
  dataCentre: { id: string; name: string },
  pinned: string | undefined,
  need: { cpuMillis: number; memoryMiB: number; zone: string; resourceLabels: string[] },
) {
  if (pinned) {
    const c = await tx.cluster.findUnique({ where: { name: pinned } });
    if (!c) throw invalid(`There is no cluster "${pinned}".`, { cluster: "is not a known cluster" });
    if (c.dataCentreId !== dataCentre.id) throw invalid(`Cluster "${pinned}" is not in data centre "${dataCentre.name}".`, { cluster: `is not in data centre ${dataCentre.name}` });
    return c;
  }
  const name = chooseCluster(await clusterCapacities(tx, dataCentre.id, need.zone, need.resourceLabels), need);
  if (!name) throw invalid(`Data centre "${dataCentre.name}" has no reachable cluster.`, { dataCentre: "has no reachable cluster" });
  return tx.cluster.findUniqueOrThrow({ where: { name } });
}
