import { canOperateFleet, domainError, MetricsQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findNode } from "../nodes/find-node";
import { align, inSources, scrapeStatus, sourcesDto, sourcesOf, stepsOf } from "./read-history";

/**
 * A node's CPU (millicores) and memory (MiB) in use over `range` (as getGroupMetrics), beside what it can
 * allocate and what its pods request now. Platform admins and ops only, as the node page (403 otherwise).
 */
export async function getNodeMetrics(ctx: Context, cluster: string, name: string, query: unknown) {
  if (!canOperateFleet(ctx.actor)) throw domainError("forbidden_read_nodes");
  const q = parseInput(MetricsQuery, query, "query");
  const n = await findNode(ctx.db, cluster, name);
  const steps = stepsOf(q.range ?? "1h");
  const sources = await sourcesOf(ctx.db, steps);
  // averaged into steps weighted by the time each point covers (a step may hold hours and minutes not yet rolled up)
  const rows = await ctx.db.$queryRaw<{ t: Date; cpu: number; mem: number }[]>`
    SELECT date_bin(${`${steps.stepSeconds} seconds`}::interval, at, TIMESTAMP '2000-01-01') AS t,
      sum("cpuMillis"::float8 * resolution) / sum(resolution) AS cpu, sum("memoryMiB"::float8 * resolution) / sum(resolution) AS mem
    FROM "NodeMetricPoint"
    WHERE "clusterId" = ${n.clusterId}::uuid AND node = ${n.name} AND ${inSources(sources)}
    GROUP BY 1`;
  return {
    range: steps.range,
    stepSeconds: steps.stepSeconds,
    sources: sourcesDto(sources),
    from: steps.from.toISOString(),
    to: steps.to.toISOString(),
    times: steps.times.map((t) => t.toISOString()),
    allocatable: { cpuMillis: n.allocCpuMillis, memoryMiB: n.allocMemoryMiB },
    requested: { cpuMillis: n.requestedCpuMillis, memoryMiB: n.requestedMemoryMiB },
    cpuMillis: align(
      steps,
      rows.map((r) => r.t.getTime() / 1000),
      rows.map((r) => r.cpu),
    ),
    memoryMiB: align(
      steps,
      rows.map((r) => r.t.getTime() / 1000),
      rows.map((r) => r.mem),
    ),
    scrape: await scrapeStatus(ctx.db, n.clusterId),
  };
}
