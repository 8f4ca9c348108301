// The fleet density chart's rows (docs/metrics.md, "Fleet density"): one per cluster or zone, with what requests
// hold unused and what nobody asked for, most idle requests first.
import type { FleetDensityDto } from "@capstan/domain";

export type Resource = "cpuMillis" | "memoryMiB";
export type By = "cluster" | "zone";

/** One bar: a cluster or zone's figures for one resource, and how they stack. */
export interface DensityRow {
  name: string;
  nodes: number;
  pods: number;
  measured: number;
  used: number;
  /** what the nodes use beyond their pods (system daemons): in use, not waste */
  overhead: number;
  requested: number;
  allocatable: number;
  /** requested − used: what requests hold that nobody uses (0 when pods use more than they request) */
  idle: number;
  /** allocatable − max(requested, used): what no one has asked for */
  free: number;
}

/** The rows of one resource, most idle requests first (ties by name). */
export function densityRows(data: FleetDensityDto, by: By, r: Resource): DensityRow[] {
  const source =
    by === "cluster" ? data.clusters.map((c) => ({ ...c, name: `${c.dataCentre} · ${c.cluster}` })) : data.zones.map((z) => ({ ...z, name: z.zone }));
  return source
    .map(({ name, nodes, pods, measured, [r]: f }) => ({
      name,
      nodes,
      pods,
      measured,
      ...f,
      idle: Math.max(f.requested - f.used, 0),
      free: Math.max(f.allocatable - Math.max(f.requested, f.used), 0),
    }))
    .sort((a, b) => b.idle - a.idle || a.name.localeCompare(b.name));
}
