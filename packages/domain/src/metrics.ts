// Resource usage history: resolutions, how long each is kept, which one a range is read at, and reading
// metrics-server's figures (docs/metrics.md).
import { parseQuantity } from "./quantity";

/** How often Capstan scrapes each cluster's metrics.k8s.io: metrics-server's own resolution (15 s). */
export const SCRAPE_INTERVAL_MS = 15_000;

/** Seconds one stored point covers: a scrape, a minute's, five minutes' and an hour's average. */
export const METRIC_RESOLUTIONS = [15, 60, 300, 3600] as const;
export type MetricResolution = (typeof METRIC_RESOLUTIONS)[number];

/**
 * How long points of each resolution are kept: 15-second points an hour, minutes and 5-minute points a day,
 * hours 30 days. The 5-minute points are the 24-hour range's own steps, so that range reads one point per
 * step (14,400 for a 50-pod group) instead of averaging five times as many minutes at every request.
 */
export const METRIC_RETENTION_MS: Record<MetricResolution, number> = {
  15: 3_600_000,
  60: 86_400_000,
  300: 86_400_000,
  3600: 30 * 86_400_000,
};

/** The ranges the API and the charts offer. */
export const METRIC_RANGES = ["1h", "6h", "24h", "7d", "30d"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

/**
 * How a range is read: its length, the stored resolution it reads (the finest still kept for the whole
 * range), and the step of the series it answers (points averaged into steps so that a chart gets a few
 * hundred points per pod at most: 240, 360, 288, 168, 240).
 */
export const METRIC_RANGE_PLAN: Record<MetricRange, { ms: number; resolution: MetricResolution; stepSeconds: number }> = {
  "1h": { ms: 3_600_000, resolution: 15, stepSeconds: 15 },
  "6h": { ms: 6 * 3_600_000, resolution: 60, stepSeconds: 60 },
  "24h": { ms: 86_400_000, resolution: 300, stepSeconds: 300 },
  "7d": { ms: 7 * 86_400_000, resolution: 3600, stepSeconds: 3600 },
  "30d": { ms: 30 * 86_400_000, resolution: 3600, stepSeconds: 3 * 3600 },
};

/** What each rolled-up resolution is averaged from (apps/worker/src/metrics/rollup.ts): hours and 5-minute points from minutes, minutes from scrapes. */
export const METRIC_ROLLUP_SOURCE = { 60: 15, 300: 60, 3600: 60 } as const satisfies Partial<Record<MetricResolution, MetricResolution>>;

/** A stretch of a range read at one stored resolution: [from, to), Unix milliseconds. */
export interface MetricSource {
  resolution: MetricResolution;
  from: number;
  to: number;
}

/**
 * Where each part of the range [from, to) (Unix ms) is read from. The range's own resolution (METRIC_RANGE_PLAN)
 * up to its rollup's watermark (`doneUntil`, MetricsRollup: the end of the last interval rolled up; none when
 * the rollup has never run), then each finer resolution it is made from up to that one's watermark, and the
 * scrapes' 15-second points after. So a range is never empty for want of a rollup not yet done: the 7-day
 * range of a group deployed 20 minutes ago reads its minutes and scrapes (the hours do not exist until the
 * hour is over), and every range's last steps are read from the points not yet rolled up. Stretches of
 * no length are left out; at least one is given when from < to.
 */
export function metricSources(resolution: MetricResolution, from: number, to: number, doneUntil: Partial<Record<MetricResolution, number>>): MetricSource[] {
  const out: MetricSource[] = [];
  let start = from;
  for (let r: MetricResolution | undefined = resolution; r !== undefined; r = METRIC_ROLLUP_SOURCE[r as keyof typeof METRIC_ROLLUP_SOURCE]) {
    const finest = !(r in METRIC_ROLLUP_SOURCE);
    const end = finest ? to : Math.min(to, Math.max(start, doneUntil[r] ?? start));
    if (end > start) out.push({ resolution: r, from: start, to: end });
    start = end;
  }
  return out;
}

/**
 * The fleet density's window: a node's "used" is the mean of its 15-second points over the last five
 * minutes, so one busy or idle scrape does not swing the figure, and the read stays a few points per node.
 */
export const DENSITY_WINDOW_MS = 5 * 60_000;

/** The start of the 15-second window `ms` falls in: where a scrape's points are stored. */
export const scrapeWindow = (ms: number) => new Date(Math.floor(ms / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS);

/** Millicores from a metrics-server CPU figure ("123456789n" → 123.456789); NaN when it is no quantity. */
export function usageMillicores(q: string): number {
  // metrics-server writes nanocores; parse that fast (200,000 pods a round), anything else exactly
  const m = /^(\d+)n$/.exec(q);
  if (m) return Number(m[1]) / 1e6;
  const v = parseQuantity(q);
  return v ? (Number(v.num) / Number(v.den)) * 1000 : NaN;
}

/** MiB from a metrics-server memory figure ("1048576Ki" → 1024); NaN when it is no quantity. */
export function usageMiB(q: string): number {
  const m = /^(\d+)Ki$/.exec(q);
  if (m) return Number(m[1]) / 1024;
  const v = parseQuantity(q);
  return v ? Number(v.num) / Number(v.den) / 2 ** 20 : NaN;
}

/** A resource an autoscaler may target, and the per-pod series of the usage history that measures it. */
const UTILISATION_METRICS = [
  { metric: "cpu", target: "cpuUtilisation", series: "cpuMillis" },
  { metric: "memory", target: "memoryUtilisation", series: "memoryMiB" },
] as const;

/**
 * A group's replica count and, for each resource its autoscaler targets (`targets`: CPU and/or memory, in %
 * of the request, as Autoscaling has them), its pods' average utilisation (% of `requests`, millicores and
 * MiB) at each step of its usage history, from the per-pod series `getGroupMetrics` answers. A pod with a
 * figure at a step ran then, so the count is exact at the 15-second resolution of the last hour, and at
 * coarser steps counts every pod that ran at some time in the step. Null where no pod has a figure
 * (nothing was scraped). The utilisations are those the HPA acts on (a memory-only autoscaler is charted by
 * memory, not CPU), in the order CPU, memory.
 */
export function replicaHistory(
  pods: { cpuMillis: (number | null)[]; memoryMiB: (number | null)[] }[],
  steps: number,
  requests: { cpuMillis: number; memoryMiB: number },
  targets: { cpuUtilisation?: number; memoryUtilisation?: number },
) {
  const figuresAt = (series: "cpuMillis" | "memoryMiB", i: number) => pods.map((p) => p[series][i]).filter((v): v is number => v !== null && v !== undefined);
  const replicas: (number | null)[] = [];
  for (let i = 0; i < steps; i++) replicas.push(figuresAt("cpuMillis", i).length || null);
  const utilisation = UTILISATION_METRICS.filter((m) => targets[m.target] !== undefined).map((m) => {
    const values: (number | null)[] = [];
    for (let i = 0; i < steps; i++) {
      const figures = figuresAt(m.series, i);
      const request = requests[m.series];
      values.push(figures.length && request > 0 ? Math.round((figures.reduce((a, b) => a + b, 0) / figures.length / request) * 100) : null);
    }
    return { metric: m.metric, target: targets[m.target]!, values };
  });
  return { replicas, utilisation };
}
