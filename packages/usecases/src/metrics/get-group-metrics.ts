import { Prisma } from "@capstan/db";
import { cpuLimitMillis, MetricsQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findGroup } from "../groups/find-group";
import { align, scrapeStatus, stepsOf } from "./read-history";

/**
 * A group's CPU (millicores) and memory (MiB) per pod over `range` (1h, 6h, 24h, 7d, 30d; 1h by default),
 * averaged into steps (METRIC_RANGE_PLAN: 15 s for an hour … 3 h for 30 days) from the finest resolution
 * kept for the whole range, beside the requests and limits each pod has. Pods that ran at any time in the
 * range are listed, by name. Whoever may read the group may read this (404 otherwise, as for the group);
 * a range not offered is a 400 naming `range`.
 */
export async function getGroupMetrics(ctx: Context, system: string, application: string, name: string, query: unknown) {
  const q = parseInput(MetricsQuery, query, "query");
  const { group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const steps = stepsOf(q.range ?? "1h");
  // The primary key (groupId, resolution, at, pod) gives exactly this range's points. Each range reads a
  // resolution that is its step or divides it (METRIC_RANGE_PLAN); points are averaged into steps only where
  // they are finer. One row per pod, its series as arrays (Unix seconds, real): 50 rows to parse rather than
  // one per pod and step (docs/metrics.md "Bench").
  const stepped =
    steps.resolution === steps.stepSeconds
      ? Prisma.sql`SELECT pod, at AS t, "cpuMillis" AS cpu, "memoryMiB" AS mem FROM "PodMetricPoint"`
      : Prisma.sql`SELECT pod, date_bin(${`${steps.stepSeconds} seconds`}::interval, at, TIMESTAMP '2000-01-01') AS t,
          avg("cpuMillis")::real AS cpu, avg("memoryMiB")::real AS mem FROM "PodMetricPoint"`;
  const grouped = steps.resolution === steps.stepSeconds ? Prisma.empty : Prisma.sql`GROUP BY 1, 2`;
  // the cluster's scrape status is read beside the points, not after them (one round trip less to wait for)
  const [rows, scrape] = await Promise.all([
    ctx.db.$queryRaw<{ pod: string; t: number[]; cpu: number[]; mem: number[] }[]>`
    SELECT pod, array_agg(extract(epoch FROM t)::int ORDER BY t) AS t, array_agg(cpu ORDER BY t) AS cpu, array_agg(mem ORDER BY t) AS mem
    FROM (${stepped}
      WHERE "groupId" = ${g.id}::uuid AND resolution = ${steps.resolution}::smallint
        AND at >= ${steps.from.toISOString()}::timestamp(3) AND at < ${steps.to.toISOString()}::timestamp(3)
      ${grouped}) s
    GROUP BY pod`,
    scrapeStatus(ctx.db, g.clusterId),
  ]);
  return {
    range: steps.range,
    stepSeconds: steps.stepSeconds,
    from: steps.from.toISOString(),
    to: steps.to.toISOString(),
    times: steps.times.map((t) => t.toISOString()),
    requests: { cpuMillis: g.cpuMillis, memoryMiB: g.memoryMiB },
    limits: { cpuMillis: cpuLimitMillis(g.cpuMillis, g.cpuMode), memoryMiB: g.memoryMiB },
    pods: rows.sort((a, b) => (a.pod < b.pod ? -1 : 1)).map((r) => ({ name: r.pod, cpuMillis: align(steps, r.t, r.cpu), memoryMiB: align(steps, r.t, r.mem) })),
    scrape,
  };
}
