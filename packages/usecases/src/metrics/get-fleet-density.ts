import { canOperateFleet, DENSITY_WINDOW_MS, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { NODE_FROM } from "../nodes/node-filter";

/** One (cluster, zone) group of nodes as PostgreSQL sums it. */
interface Row {
  dataCentre: string;
  cluster: string;
  zone: string;
  nodes: number;
  measured: number;
  cpuUsed: number;
  cpuRequested: number;
  cpuAllocatable: number;
  memoryUsed: number;
  memoryRequested: number;
  memoryAllocatable: number;
}

type Figures = { used: number; requested: number; allocatable: number };
interface Density {
  nodes: number;
  measured: number;
  cpuMillis: Figures;
  memoryMiB: Figures;
}

const empty = (): Density => ({
  nodes: 0,
  measured: 0,
  cpuMillis: { used: 0, requested: 0, allocatable: 0 },
  memoryMiB: { used: 0, requested: 0, allocatable: 0 },
});

function add(into: Density, r: Row): void {
  into.nodes += r.nodes;
  into.measured += r.measured;
  into.cpuMillis.used += r.cpuUsed;
  into.cpuMillis.requested += r.cpuRequested;
  into.cpuMillis.allocatable += r.cpuAllocatable;
  into.memoryMiB.used += r.memoryUsed;
  into.memoryMiB.requested += r.memoryRequested;
  into.memoryMiB.allocatable += r.memoryAllocatable;
}

/** Whole millicores and MiB: the averages carry fractions no chart shows. */
const rounded = <T extends Density>(d: T): T => {
  const round = (f: Figures) => ({ used: Math.round(f.used), requested: Math.round(f.requested), allocatable: Math.round(f.allocatable) });
  return { ...d, cpuMillis: round(d.cpuMillis), memoryMiB: round(d.memoryMiB) };
};

/**
 * The fleet's density (docs/metrics.md, "Fleet density"): per cluster and per zone (a zone's name across
 * clusters), CPU in millicores and memory in MiB that the nodes' pods use, request and the nodes may
 * allocate. `used` is each node's mean over its 15-second points of the last DENSITY_WINDOW_MS (metrics.k8s.io
 * as the worker scraped it), summed over the nodes that have points (`measured` of `nodes`); requested and
 * allocatable are the inventory's (Pending and Running pods' requests, as the fleet overview). Requested − used
 * is what requests hold but nobody uses. Platform admins and ops, as the fleet overview (403 otherwise).
 */
export async function getFleetDensity(ctx: Context, now = new Date()) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const from = new Date(now.getTime() - DENSITY_WINDOW_MS);
  // One index range per node (the primary key leads with clusterId, node, resolution, at); a few dozen rows out.
  const rows = await ctx.db.$queryRaw<Row[]>`
    SELECT d.name AS "dataCentre", c.name AS cluster, n.zone, count(*)::int AS nodes, count(u.cpu)::int AS measured,
      coalesce(sum(u.cpu), 0)::float8 AS "cpuUsed", sum(n."requestedCpuMillis")::float8 AS "cpuRequested", sum(n."allocCpuMillis")::float8 AS "cpuAllocatable",
      coalesce(sum(u.mem), 0)::float8 AS "memoryUsed", sum(n."requestedMemoryMiB")::float8 AS "memoryRequested", sum(n."allocMemoryMiB")::float8 AS "memoryAllocatable"
    FROM ${NODE_FROM}
    LEFT JOIN LATERAL (
      SELECT avg(p."cpuMillis")::float8 AS cpu, avg(p."memoryMiB")::float8 AS mem FROM "NodeMetricPoint" p
      WHERE p."clusterId" = n."clusterId" AND p.node = n.name AND p.resolution = 15
        AND p.at >= ${from.toISOString()}::timestamp(3) AND p.at < ${now.toISOString()}::timestamp(3)
    ) u ON TRUE
    GROUP BY d.name, c.name, n.zone`;
  const clusters = new Map<string, Density & { dataCentre: string; cluster: string }>();
  const zones = new Map<string, Density & { zone: string }>();
  for (const r of rows) {
    const c = clusters.get(r.cluster) ?? { dataCentre: r.dataCentre, cluster: r.cluster, ...empty() };
    add(c, r);
    clusters.set(r.cluster, c);
    const z = zones.get(r.zone) ?? { zone: r.zone, ...empty() };
    add(z, r);
    zones.set(r.zone, z);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    generatedAt: now.toISOString(),
    windowSeconds: DENSITY_WINDOW_MS / 1000,
    clusters: [...clusters.values()].sort((a, b) => byName(a.cluster, b.cluster)).map(rounded),
    zones: [...zones.values()].sort((a, b) => byName(a.zone, b.zone)).map(rounded),
  };
}
