// Rollups and retention of the usage history (docs/metrics.md): 15-second points averaged into minutes,
// minutes into 5-minute points and into hours; each resolution removed once older than it is kept. Run every minute by the
// worker's cron (`metrics-rollup`), so once across all workers.
import type { Db } from "@capstan/db";
import { METRIC_RETENTION_MS, METRIC_ROLLUP_SOURCE } from "@capstan/domain";

type Rollup = 60 | 300 | 3600;
/**
 * How long after an interval ends before it is rolled up: a scrape is written at most its deadline
 * (10 s) after its window starts, and a minute's average at most one cron tick after the minute.
 */
const SETTLE_MS: Record<Rollup, number> = { 60: 30_000, 300: 120_000, 3600: 120_000 };

/**
 * Prisma's interactive transaction limits for one rollup (ms). Catching up after downtime (up to a day of
 * minutes; 1.5 million rows took 12 s in the bench on a loaded machine) takes far longer than Prisma's 5 s
 * default, which failed the rollup and so never moved its watermark.
 */
const ROLLUP_TIMEOUT = { maxWait: 10_000, timeout: 300_000 };

const floorTo = (ms: number, seconds: number) => new Date(Math.floor(ms / (seconds * 1000)) * seconds * 1000);

/**
 * Averages the intervals of `resolution` completed since its watermark (MetricsRollup.doneUntil; at most as
 * far back as the source is kept) from the finer points, for pods and nodes, and moves the watermark.
 * Re-running over an interval rewrites the same averages. Resolves to the rows written.
 */
async function rollup(db: Db, resolution: Rollup, now: number): Promise<number> {
  // hours read minutes too, so an hour is the mean of its minutes even when some are missing
  const source = METRIC_ROLLUP_SOURCE[resolution];
  const to = floorTo(now - SETTLE_MS[resolution], resolution);
  const mark = await db.metricsRollup.findUnique({ where: { resolution } });
  const earliest = floorTo(now - METRIC_RETENTION_MS[source], resolution);
  const from = mark && mark.doneUntil > earliest ? mark.doneUntil : earliest;
  if (from >= to) return 0;
  const [f, t, step] = [from.toISOString(), to.toISOString(), resolution];
  return db.$transaction(async (tx) => {
    const pods = await tx.$executeRaw`
      INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
      SELECT "groupId", ${step}::smallint, date_bin(${`${step} seconds`}::interval, at, TIMESTAMP '2000-01-01'), pod,
        avg("cpuMillis"), avg("memoryMiB")
      FROM "PodMetricPoint"
      WHERE resolution = ${source}::smallint AND at >= ${f}::timestamp(3) AND at < ${t}::timestamp(3)
      GROUP BY 1, 3, 4
      ON CONFLICT ("groupId", resolution, at, pod) DO UPDATE SET "cpuMillis" = EXCLUDED."cpuMillis", "memoryMiB" = EXCLUDED."memoryMiB"`;
    const nodes = await tx.$executeRaw`
      INSERT INTO "NodeMetricPoint" ("clusterId", node, resolution, at, "cpuMillis", "memoryMiB")
      SELECT "clusterId", node, ${step}::smallint, date_bin(${`${step} seconds`}::interval, at, TIMESTAMP '2000-01-01'),
        avg("cpuMillis"), avg("memoryMiB")
      FROM "NodeMetricPoint"
      WHERE resolution = ${source}::smallint AND at >= ${f}::timestamp(3) AND at < ${t}::timestamp(3)
      GROUP BY 1, 2, 4
      ON CONFLICT ("clusterId", node, resolution, at) DO UPDATE SET "cpuMillis" = EXCLUDED."cpuMillis", "memoryMiB" = EXCLUDED."memoryMiB"`;
    await tx.metricsRollup.upsert({ where: { resolution }, create: { resolution, doneUntil: to }, update: { doneUntil: to } });
    return pods + nodes;
  }, ROLLUP_TIMEOUT);
}

/** Removes points older than their resolution is kept, and the scrape status of removed clusters. Resolves to the rows removed. */
export async function pruneMetrics(db: Db, now = Date.now()): Promise<number> {
  let n = 0;
  for (const [resolution, keep] of Object.entries(METRIC_RETENTION_MS)) {
    const cutoff = new Date(now - keep).toISOString();
    n += await db.$executeRaw`DELETE FROM "PodMetricPoint" WHERE resolution = ${Number(resolution)}::smallint AND at < ${cutoff}::timestamp(3)`;
    n += await db.$executeRaw`DELETE FROM "NodeMetricPoint" WHERE resolution = ${Number(resolution)}::smallint AND at < ${cutoff}::timestamp(3)`;
  }
  await db.$executeRaw`DELETE FROM "MetricsScrape" s WHERE NOT EXISTS (SELECT 1 FROM "Cluster" c WHERE c.id = s."clusterId")`;
  return n;
}

/** The cron task: minutes, then 5-minute points and hours (which read the minutes), then retention. */
export async function rollupMetrics(db: Db, now = Date.now()): Promise<{ written: number; removed: number }> {
  const written = (await rollup(db, 60, now)) + (await rollup(db, 300, now)) + (await rollup(db, 3600, now));
  return { written, removed: await pruneMetrics(db, now) };
}
