// Totals per cluster, per zone and for the fleet, added up from PostgreSQL's (cluster, zone, status)
// groups: a few dozen rows whatever the fleet's size.
import { NODE_STATUSES, type NodeStatus } from "@capstan/domain";

const RESOURCES = ["cpu", "memory", "gpu"] as const;
type Resource = (typeof RESOURCES)[number];
type Measure = "Capacity" | "Allocatable" | "Requested";

export type GroupRow = {
  dataCentre: string;
  cluster: string;
  zone: string;
  status: NodeStatus;
  nodes: number;
  notReady: number;
  stuck: number;
  attention: number;
} & Record<`${Resource}${Measure}`, number>;

/** Per resource (CPU in millicores, memory in MiB, GPUs): what the nodes have, what Kubernetes may schedule
 * (allocatable) and what the Pending and Running pods on them request. No usage metrics are collected. */
export type Capacity = Record<Resource, { capacity: number; allocatable: number; requested: number }>;

export interface FleetCounts {
  nodes: number;
  byStatus: Record<NodeStatus, number>;
  notReady: number;
  stuck: number;
  /** NotReady or stuck (a node may be both). */
  attention: number;
  capacity: Capacity;
}

const empty = (): FleetCounts => ({
  nodes: 0,
  byStatus: Object.fromEntries(NODE_STATUSES.map((s) => [s, 0])) as Record<NodeStatus, number>,
  notReady: 0,
  stuck: 0,
  attention: 0,
  capacity: Object.fromEntries(RESOURCES.map((r) => [r, { capacity: 0, allocatable: 0, requested: 0 }])) as Capacity,
});

function add(into: FleetCounts, g: GroupRow): void {
  into.nodes += g.nodes;
  into.byStatus[g.status] += g.nodes;
  into.notReady += g.notReady;
  into.stuck += g.stuck;
  into.attention += g.attention;
  for (const r of RESOURCES) {
    into.capacity[r].capacity += g[`${r}Capacity`];
    into.capacity[r].allocatable += g[`${r}Allocatable`];
    into.capacity[r].requested += g[`${r}Requested`];
  }
}

export function rollUp(groups: readonly GroupRow[]) {
  const total = empty();
  const clusters = new Map<string, FleetCounts & { cluster: string; dataCentre: string; zones: Map<string, FleetCounts> }>();
  const zones = new Map<string, FleetCounts>();
  for (const g of groups) {
    add(total, g);
    const c = clusters.get(g.cluster) ?? { ...empty(), cluster: g.cluster, dataCentre: g.dataCentre, zones: new Map() };
    clusters.set(g.cluster, c);
    add(c, g);
    for (const m of [c.zones, zones]) {
      const z = m.get(g.zone) ?? empty();
      m.set(g.zone, z);
      add(z, g);
    }
  }
  const byName = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  return {
    total,
    clusters: byName(clusters).map(([, { zones: cz, ...c }]) => ({ ...c, zones: byName(cz).map(([zone, z]) => ({ zone, ...z })) })),
    zones: byName(zones).map(([zone, z]) => ({ zone, ...z })),
  };
}
