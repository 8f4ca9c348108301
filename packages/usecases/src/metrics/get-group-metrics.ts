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
  // The primary key (groupId, resolution, at, pod) gives exactly this range's points in order.
  const rows = await ctx.db.$queryRaw<{ pod: string; t: Date; cpu: number; mem: number }[]>`
    SELECT pod, date_bin(${`${steps.stepSeconds} seconds`}::interval, at, TIMESTAMP '2000-01-01') AS t,
      avg("cpuMillis")::float8 AS cpu, avg("memoryMiB")::float8 AS mem
    FROM "PodMetricPoint"
    WHERE "groupId" = ${g.id}::uuid AND resolution = ${steps.resolution}::smallint
      AND at >= ${steps.from.toISOString()}::timestamp(3) AND at < ${steps.to.toISOString()}::timestamp(3)
    GROUP BY 1, 2`;
  const byPod = new Map<string, typeof rows>();
  for (const r of rows) {
    const xs = byPod.get(r.pod);
    if (xs) xs.push(r);
    else byPod.set(r.pod, [r]);
  }
  return {
    range: steps.range,
    stepSeconds: steps.stepSeconds,
    from: steps.from.toISOString(),
    to: steps.to.toISOString(),
    times: steps.times.map((t) => t.toISOString()),
    requests: { cpuMillis: g.cpuMillis, memoryMiB: g.memoryMiB },
    limits: { cpuMillis: cpuLimitMillis(g.cpuMillis, g.cpuMode), memoryMiB: g.memoryMiB },
    pods: [...byPod.keys()].sort().map((pod) => ({
      name: pod,
      cpuMillis: align(
        steps,
        byPod.get(pod)!.map((r) => ({ t: r.t, v: r.cpu })),
      ),
      memoryMiB: align(
        steps,
        byPod.get(pod)!.map((r) => ({ t: r.t, v: r.mem })),
      ),
    })),
    scrape: await scrapeStatus(ctx.db, g.clusterId),
  };
}
