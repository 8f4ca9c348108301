import { Prisma } from "@capstan/db";
import { canOperateFleet, DENSITY_WINDOW_MS, domainError } from "@capstan/domain";
import type { Context } from "../context";
import { NODE_FROM } from "../nodes/node-filter";

/** One (cluster, zone) group of nodes as PostgreSQL sums it. */
interface Row {
  dataCentre: string;
  cluster: string;
  zone: string;
  nodes: number;
  pods: number;
  measured: number;
  cpuUsed: number;
  cpuOverhead: number;
  cpuRequested: number;
  cpuAllocatable: number;
  memoryUsed: number;
  memoryOverhead: number;
  memoryRequested: number;
  memoryAllocatable: number;
}

type Figures = { used: number; overhead: number; requested: number; allocatable: number };
interface Density {
  nodes: number;
  pods: number;
  measured: number;
  cpuMillis: Figures;
  memoryMiB: Figures;
}

const empty = (): Density => ({
  nodes: 0,
  pods: 0,
  measured: 0,
  cpuMillis: { used: 0, overhead: 0, requested: 0, allocatable: 0 },
  memoryMiB: { used: 0, overhead: 0, requested: 0, allocatable: 0 },
});

function add(into: Density, r: Row): void {
  into.nodes += r.nodes;
  into.pods += r.pods;
  into.measured += r.measured;
  into.cpuMillis.used += r.cpuUsed;
  into.cpuMillis.overhead += r.cpuOverhead;
  into.cpuMillis.requested += r.cpuRequested;
  into.cpuMillis.allocatable += r.cpuAllocatable;
  into.memoryMiB.used += r.memoryUsed;
  into.memoryMiB.overhead += r.memoryOverhead;
  into.memoryMiB.requested += r.memoryRequested;
  into.memoryMiB.allocatable += r.memoryAllocatable;
}

/** Whole millicores and MiB: the averages carry fractions no chart shows. */
const rounded = <T extends Density>(d: T): T => {
  const round = (f: Figures): Figures => ({
    used: Math.round(f.used),
    overhead: Math.round(f.overhead),
    requested: Math.round(f.requested),
    allocatable: Math.round(f.allocatable),
  });
  return { ...d, cpuMillis: round(d.cpuMillis), memoryMiB: round(d.memoryMiB) };
};

/**
 * The density statement over the 15-second points in [from, to) (exported for the bench's EXPLAIN): one row
 * per (data centre, cluster, zone) with the figures of Row.
 */
export function fleetDensitySql(from: Date, to: Date): Prisma.Sql {
  // The window's 15-second points of a point table aliased `t`.
  const inWindow = (t: string) =>
    Prisma.sql`${Prisma.raw(t)}.resolution = 15 AND ${Prisma.raw(t)}.at >= ${from.toISOString()}::timestamp(3) AND ${Prisma.raw(t)}.at < ${to.toISOString()}::timestamp(3)`;
  // One statement, aggregated in PostgreSQL: the window's pod points (a BRIN range on `at`, 20 points a pod)
  // averaged per pod and hash-joined to the pods by (groupId, name); per node, one primary-key range of its
  // own points. A few dozen rows come out whatever the fleet's size.
  return Prisma.sql`
    WITH usage AS (
      SELECT "groupId", pod, avg("cpuMillis")::float8 AS cpu, avg("memoryMiB")::float8 AS mem
      FROM "PodMetricPoint" m WHERE ${inWindow("m")} GROUP BY "groupId", pod
    ), per_node AS (
      SELECT p."clusterId", p."nodeName" AS node, count(*)::int AS pods, count(u.cpu)::int AS measured,
        coalesce(sum(u.cpu), 0)::float8 AS cpu, coalesce(sum(u.mem), 0)::float8 AS mem,
        sum(p."cpuMillis")::float8 AS "cpuReq", sum(p."memoryMiB")::float8 AS "memReq"
      FROM "Pod" p LEFT JOIN usage u ON u."groupId" = p."groupId" AND u.pod = p.name
      WHERE p.phase IN ('Pending', 'Running') AND p."nodeName" IS NOT NULL
      GROUP BY p."clusterId", p."nodeName"
    )
    SELECT d.name AS "dataCentre", c.name AS cluster, n.zone, count(*)::int AS nodes,
      coalesce(sum(x.pods), 0)::int AS pods, coalesce(sum(x.measured), 0)::int AS measured,
      coalesce(sum(x.cpu), 0)::float8 AS "cpuUsed", coalesce(sum(greatest(nu.cpu - coalesce(x.cpu, 0), 0)), 0)::float8 AS "cpuOverhead",
      coalesce(sum(x."cpuReq"), 0)::float8 AS "cpuRequested", sum(n."allocCpuMillis")::float8 AS "cpuAllocatable",
      coalesce(sum(x.mem), 0)::float8 AS "memoryUsed", coalesce(sum(greatest(nu.mem - coalesce(x.mem, 0), 0)), 0)::float8 AS "memoryOverhead",
      coalesce(sum(x."memReq"), 0)::float8 AS "memoryRequested", sum(n."allocMemoryMiB")::float8 AS "memoryAllocatable"
    FROM ${NODE_FROM}
    LEFT JOIN per_node x ON x."clusterId" = n."clusterId" AND x.node = n.name
    LEFT JOIN LATERAL (
      SELECT avg(q."cpuMillis")::float8 AS cpu, avg(q."memoryMiB")::float8 AS mem FROM "NodeMetricPoint" q
      WHERE q."clusterId" = n."clusterId" AND q.node = n.name AND ${inWindow("q")}
    ) nu ON TRUE
    GROUP BY d.name, c.name, n.zone`;
}

/**
 * The fleet's density (docs/metrics.md, "Fleet density"): per cluster and per zone (a zone's name across
 * clusters), CPU in millicores and memory in MiB that the nodes' pods use and request, and that the nodes may
 * allocate. The pods are the Pending and Running pods bound to the nodes (`pods`); `requested` is the sum of
 * their requests, `used` the sum of each one's mean over its 15-second points of the last DENSITY_WINDOW_MS
 * (metrics.k8s.io as the worker scraped it; `measured` of `pods` have points, a pod without counts nothing as
 * used), so requested − used is what those pods' requests hold unused. `overhead` is what the nodes with
 * points use beyond those pods (their system daemons: kubelet, runtime, OS; and pods Capstan does not
 * measure): capacity in use, but not by requests. Platform admins and ops, as the fleet overview (403 otherwise).
 */
export async function getFleetDensity(ctx: Context, now = new Date()) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const from = new Date(now.getTime() - DENSITY_WINDOW_MS);
  const rows = await ctx.db.$queryRaw<Row[]>(fleetDensitySql(from, now));
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
