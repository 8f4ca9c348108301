import type { Tx } from "@capstan/db";
import { chooseCluster, type ClusterCapacity, domainError, fieldError } from "@capstan/domain";

/**
 * Free capacity per cluster of a data centre, over the nodes a group could land on: online, ready and
 * schedulable, in its zone, with its labels. A node whose pods ask for more than it has counts as full,
 * not as negative room. Group creation and the placement preview both choose from this.
 */
export async function clusterCapacities(
  tx: Pick<Tx, "$queryRaw">,
  dataCentreId: string,
  zone: string,
  resourceLabels: string[],
): Promise<(ClusterCapacity & { freeGpu: number })[]> {
  const labels = JSON.stringify(Object.fromEntries(resourceLabels.map((l) => [l, "true"])));
  const rows = await tx.$queryRaw<{ name: string; status: string; cpu: bigint; memory: bigint; gpu: bigint }[]>`
    SELECT c.name, c.status::text AS status,
           COALESCE(SUM(GREATEST(n."allocCpuMillis" - n."requestedCpuMillis", 0)), 0) AS cpu,
           COALESCE(SUM(GREATEST(n."allocMemoryMiB" - n."requestedMemoryMiB", 0)), 0) AS memory,
           COALESCE(SUM(GREATEST(n."allocGpu" - n."requestedGpu", 0)), 0) AS gpu
    FROM "Cluster" c
    LEFT JOIN "Node" n ON n."clusterId" = c.id AND n.status = 'ONLINE' AND n.ready AND NOT n.unschedulable AND n.zone = ${zone} AND n.labels @> ${labels}::jsonb
    WHERE c."dataCentreId" = ${dataCentreId}::uuid
    GROUP BY c.id
    ORDER BY c.name`;
  return rows.map((r) => ({
    name: r.name,
    healthy: r.status !== "UNREACHABLE",
    freeCpuMillis: Number(r.cpu),
    freeMemoryMiB: Number(r.memory),
    freeGpu: Number(r.gpu),
  }));
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
    if (!c) throw domainError("cluster_unknown", { cluster: pinned }, { cluster: fieldError("cluster_unknown") });
    if (c.dataCentreId !== dataCentre.id)
      throw domainError(
        "cluster_not_in_data_centre",
        { cluster: pinned, dataCentre: dataCentre.name },
        { cluster: fieldError("cluster_not_in_data_centre", { dataCentre: dataCentre.name }) },
      );
    return c;
  }
  const name = chooseCluster(await clusterCapacities(tx, dataCentre.id, need.zone, need.resourceLabels), need);
  if (!name) throw domainError("no_reachable_cluster", { dataCentre: dataCentre.name }, { dataCentre: fieldError("no_reachable_cluster") });
  return tx.cluster.findUniqueOrThrow({ where: { name } });
}
