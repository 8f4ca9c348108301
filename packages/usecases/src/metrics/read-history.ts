// Reading usage history into evenly stepped series (docs/metrics.md), shared by the group and node views.
import { type Db, Prisma } from "@capstan/db";
import { METRIC_RANGE_PLAN, type MetricRange, type MetricResolution, type MetricSource, metricSources } from "@capstan/domain";

/** A range's steps: [from, to) cut into `stepSeconds`, `times` their starts. */
export interface Steps {
  range: MetricRange;
  stepSeconds: number;
  resolution: MetricResolution;
  from: Date;
  to: Date;
  times: Date[];
}

/** The steps of `range` ending now: from is aligned to the step, so every step averages whole stored points. */
export function stepsOf(range: MetricRange, now = Date.now()): Steps {
  const { ms, resolution, stepSeconds } = METRIC_RANGE_PLAN[range];
  const step = stepSeconds * 1000;
  const to = Math.floor(now / step) * step + step;
  const from = to - Math.ceil(ms / step) * step;
  const times: Date[] = [];
  for (let t = from; t < to; t += step) times.push(new Date(t));
  return { range, stepSeconds, resolution, from: new Date(from), to: new Date(to), times };
}

/**
 * Where each part of the range's steps is read from (metricSources): its resolution up to the rollup's
 * watermark, the finer points not yet rolled up after it.
 */
export async function sourcesOf(db: Db, steps: Steps): Promise<MetricSource[]> {
  const marks = await db.metricsRollup.findMany();
  const doneUntil = Object.fromEntries(marks.map((m) => [m.resolution, m.doneUntil.getTime()]));
  return metricSources(steps.resolution, steps.from.getTime(), steps.to.getTime(), doneUntil);
}

/** The SQL condition that selects the points of `sources` (each a primary-key range once the owner's key is given). */
export function inSources(sources: MetricSource[]): Prisma.Sql {
  const one = (s: MetricSource) =>
    Prisma.sql`(resolution = ${s.resolution}::smallint AND at >= ${new Date(s.from).toISOString()}::timestamp(3) AND at < ${new Date(s.to).toISOString()}::timestamp(3))`;
  return Prisma.sql`(${Prisma.join(sources.map(one), " OR ")})`;
}

/** The sources as the API answers them: resolution in seconds, ISO instants. */
export const sourcesDto = (sources: MetricSource[]) =>
  sources.map((s) => ({ resolution: s.resolution, from: new Date(s.from).toISOString(), to: new Date(s.to).toISOString() }));

/**
 * One series value per step, rounded to 0.1: `values[i]` placed at the step starting `seconds[i]` (Unix
 * seconds), null where there is none.
 */
export function align(steps: Steps, seconds: number[], values: number[]): (number | null)[] {
  const out: (number | null)[] = steps.times.map(() => null);
  const from = steps.from.getTime() / 1000;
  seconds.forEach((t, k) => {
    const i = Math.round((t - from) / steps.stepSeconds);
    if (i >= 0 && i < out.length) out[i] = Math.round(values[k]! * 10) / 10;
  });
  return out;
}

/** How the cluster's scrapes go, as the API answers it. */
export async function scrapeStatus(db: Db, clusterId: string) {
  const s = await db.metricsScrape.findUnique({ where: { clusterId } });
  return {
    lastSuccessAt: s?.lastSuccessAt?.toISOString() ?? null,
    lastErrorReason: s?.lastErrorReason ?? null,
    lastErrorAt: s?.lastErrorAt?.toISOString() ?? null,
  };
}
