import { chooseCluster, fits, groupFootprint, parseInput, PlacementPreview, shortfallFault, violationFault } from "@capstan/domain";
import type { Context } from "../context";
import { findSystem } from "../lookups";
import { findDataCentre, systemQuotaView } from "../quotas/quota-view";
import { clusterCapacities } from "./placement";
import { placementConflicts } from "./placement-policy";

type NodeRow = { cluster: string; freeCpu: number; freeMem: number; freeGpu: number; freePods: number };

/**
 * Where a group of this size would go, before it is created: per cluster of the data centre, the online
 * nodes that match its zone and resource labels, their free capacity and how many replicas would fit;
 * the system's quota headroom there; and any label-policy conflict. Read-only, from PostgreSQL.
 */
export async function previewPlacement(ctx: Context, system: string, input: unknown) {
  const p = parseInput(PlacementPreview, input);
  const s = await findSystem(ctx.db, ctx.actor, system);
  const dc = await findDataCentre(ctx.db, p.dataCentre);
  const labels = JSON.stringify(Object.fromEntries(p.resourceLabels.map((l) => [l, "true"])));
  // The clusters' free capacity and the choice among them come from the rule group creation uses; the
  // nodes, one by one, say how many replicas fit.
  const [clusters, nodes, conflicts, quota] = await Promise.all([
    clusterCapacities(ctx.db, dc.id, p.zone, p.resourceLabels),
    ctx.db.$queryRaw<NodeRow[]>`
      SELECT c.name AS cluster,
             (n."allocCpuMillis" - n."requestedCpuMillis") AS "freeCpu", (n."allocMemoryMiB" - n."requestedMemoryMiB") AS "freeMem",
             (n."allocGpu" - n."requestedGpu") AS "freeGpu",
             (n."allocPods" - (SELECT count(*) FROM "Pod" p WHERE p."clusterId" = n."clusterId" AND p."nodeName" = n.name AND p.phase IN ('Pending', 'Running')))::int AS "freePods"
      FROM "Node" n JOIN "Cluster" c ON c.id = n."clusterId"
      WHERE c."dataCentreId" = ${dc.id}::uuid AND n.status = 'ONLINE' AND n.ready AND NOT n.unschedulable
        AND n.zone = ${p.zone} AND n.labels @> ${labels}::jsonb`,
    placementConflicts(ctx.db, p),
    systemQuotaView(ctx.db, s.id, dc),
  ]);
  const perReplica = (n: NodeRow) =>
    Math.max(0, Math.min(Math.floor(n.freeCpu / p.cpu), Math.floor(n.freeMem / p.memory), p.gpu > 0 ? Math.floor(n.freeGpu / p.gpu) : Infinity, n.freePods));
  const perCluster = clusters.map((c) => {
    const matching = nodes.filter((n) => n.cluster === c.name);
    return {
      name: c.name,
      healthy: c.healthy,
      matchingNodes: matching.length,
      free: { cpuMillis: c.freeCpuMillis, memoryMiB: c.freeMemoryMiB, gpu: c.freeGpu },
      replicasThatFit: sum(matching, perReplica),
    };
  });
  const need = { cpuMillis: p.cpu * p.replicas, memoryMiB: p.memory * p.replicas };
  const chosen = p.cluster ?? chooseCluster(clusters, need);
  const overQuota = fits(groupFootprint({ replicas: p.replicas, cpuMillis: p.cpu, memoryMiB: p.memory, gpu: p.gpu }), quota.free).map(shortfallFault);
  const fitting = perCluster.find((c) => c.name === chosen)?.replicasThatFit ?? 0;
  return {
    dataCentre: dc.name,
    cluster: chosen ?? null,
    clusters: perCluster,
    replicas: p.replicas,
    replicasThatFit: fitting,
    quota,
    overQuota,
    conflicts: conflicts.map((c) => ({ labels: c.labels, ...violationFault(c) })),
    ok: chosen !== undefined && fitting >= p.replicas && overQuota.length === 0 && conflicts.length === 0,
  };
}

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + (Number.isFinite(f(r)) ? f(r) : 0), 0);
