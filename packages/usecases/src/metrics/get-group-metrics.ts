import { Prisma } from "@capstan/db";
import { cpuLimitMillis, type MetricSource, MetricsQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";
import { align, inSources, scrapeStatus, sourcesDto, sourcesOf, stepsOf } from "./read-history";

/**
 * A group's CPU (millicores) and memory (MiB) per pod over `range` (1h, 6h, 24h, 7d, 30d; 1h by default),
 * averaged into steps (METRIC_RANGE_PLAN: 15 s for an hour … 3 h for 30 days) from the range's resolution
 * where it is rolled up and the finer points after (`sources`, metricSources), beside the requests and limits each pod has. Pods that ran at any time in the
 * range are listed, by name. Whoever may read the group may read this (404 otherwise, as for the group);
 * a range not offered is a 400 naming `range`.
 */
export async function getGroupMetrics(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(MetricsQuery, query, "query");
  const { group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const steps = stepsOf(q.range ?? "1h");
  const sources = await sourcesOf(ctx.db, steps);
  // The primary key (groupId, resolution, at, pod) gives each source's points as one range. Each resolution
  // is the step or divides it (METRIC_RANGE_PLAN); points are averaged into steps only where they are finer,
  // weighted by the time each covers, so a step read from hours and from minutes not yet rolled up is the
  // mean over its time. The range's own resolution ends on a step (its watermark is on one), so where it is
  // the step its points are the steps themselves. One row per pod, its series as arrays (Unix seconds, real):
  // 50 rows to parse rather than one per pod and step (docs/metrics.md "Bench").
  const ofGroup = Prisma.sql`"groupId" = ${g.id}::uuid`;
  const binned = (from: MetricSource[]) =>
    Prisma.sql`SELECT pod, date_bin(${`${steps.stepSeconds} seconds`}::interval, at, TIMESTAMP '2000-01-01') AS t,
      (sum("cpuMillis" * resolution) / sum(resolution))::real AS cpu, (sum("memoryMiB" * resolution) / sum(resolution))::real AS mem
      FROM "PodMetricPoint" WHERE ${ofGroup} AND ${inSources(from)} GROUP BY 1, 2`;
  const [first, ...finer] = sources;
  const stepped =
    first?.resolution === steps.stepSeconds
      ? Prisma.sql`SELECT pod, at AS t, "cpuMillis" AS cpu, "memoryMiB" AS mem FROM "PodMetricPoint" WHERE ${ofGroup} AND ${inSources([first])}
          ${finer.length ? Prisma.sql`UNION ALL ${binned(finer)}` : Prisma.empty}`
      : binned(sources);
  // the cluster's scrape status is read beside the points, not after them (one round trip less to wait for)
  const [rows, scrape] = await Promise.all([
    ctx.db.$queryRaw<{ pod: string; t: number[]; cpu: number[]; mem: number[] }[]>`
    SELECT pod, array_agg(extract(epoch FROM t)::int ORDER BY t) AS t, array_agg(cpu ORDER BY t) AS cpu, array_agg(mem ORDER BY t) AS mem
    FROM (${stepped}) s
    GROUP BY pod`,
    scrapeStatus(ctx.db, g.clusterId),
  ]);
  return {
    range: steps.range,
    stepSeconds: steps.stepSeconds,
    sources: sourcesDto(sources),
    from: steps.from.toISOString(),
    to: steps.to.toISOString(),
    times: steps.times.map((t) => t.toISOString()),
    requests: { cpuMillis: g.cpuMillis, memoryMiB: g.memoryMiB },
    limits: { cpuMillis: cpuLimitMillis(g.cpuMillis, g.cpuMode), memoryMiB: g.memoryMiB },
    pods: rows.sort((a, b) => (a.pod < b.pod ? -1 : 1)).map((r) => ({ name: r.pod, cpuMillis: align(steps, r.t, r.cpu), memoryMiB: align(steps, r.t, r.mem) })),
    scrape,
  };
}
