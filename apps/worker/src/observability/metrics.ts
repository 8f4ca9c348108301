// The worker's own metrics (docs/observability.md), in one prom-client registry per process, served by
// http.ts: reconciles by kind and result, their duration, the queue's backlog by kind, each synced
// cluster's informer lag, the database pool, and prom-client's default process metrics.
import { type Db, poolUse } from "@capstan/db";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** The registry every worker metric is in (one per process, however many workers a test starts in it). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/**
 * How a reconcile ended, as the controller framework tells them apart (controllers/controller.ts, retry.ts):
 * `success`; `error`: it threw, the failure was recorded and it is retried with backoff; `requeue`: its cluster
 * had no free slot, so it was put back without counting as a failure; `dropped`: its payload was invalid.
 */
export type ReconcileResult = "success" | "error" | "requeue" | "dropped";

export const reconcileTotal = new Counter({
  name: "capstan_reconcile_total",
  help: "Reconciles run by this worker, by kind (the task, e.g. reconcile-group) and result (success, error, requeue, dropped).",
  labelNames: ["kind", "result"] as const,
  registers: [registry],
});

export const reconcileDuration = new Histogram({
  name: "capstan_reconcile_duration_seconds",
  help: "Time a reconcile took, waiting for its cluster's lease included, by kind (successes and errors).",
  labelNames: ["kind"] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  registers: [registry],
});

const queueDepth = new Gauge({
  name: "capstan_queue_depth",
  help: "Jobs due to run now and not yet taken by a worker, by kind (task), read from the queue at scrape time.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

const informerLag = new Gauge({
  name: "capstan_informer_lag_seconds",
  help: "Seconds since the stalest watch of a cluster this worker syncs last showed it was current (a list page, a watch event or bookmark).",
  labelNames: ["cluster"] as const,
  registers: [registry],
});

const poolConnections = new Gauge({
  name: "capstan_db_pool_connections",
  help: "The worker's database pool: connections open (total), idle, and queries waiting for one (waiting).",
  labelNames: ["state"] as const,
  registers: [registry],
});

/** Each synced cluster's lag, in seconds, by cluster name (see `trackInformerLag`). */
const lags = new Map<string, () => number>();

/**
 * Reports a cluster's informer lag until the returned function is called (when its sync stops, e.g. the
 * cluster went to another worker). `lagSeconds` is read at each scrape.
 */
export function trackInformerLag(cluster: string, lagSeconds: () => number): () => void {
  lags.set(cluster, lagSeconds);
  return () => {
    if (lags.get(cluster) === lagSeconds) lags.delete(cluster);
  };
}

/** Longest a scrape waits for the queue's count before leaving that gauge out. */
const QUEUE_COUNT_DEADLINE_MS = 2_000;

/**
 * Reads the gauges taken at scrape time: the queue's backlog per task (0 for each of `tasks` with none;
 * left out when the count fails or passes its deadline, with a log line), the pool, the informer lags.
 */
export async function refreshGauges(db: Db, tasks: readonly string[], log: (msg: string) => void): Promise<void> {
  queueDepth.reset();
  try {
    const [, rows] = await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${QUEUE_COUNT_DEADLINE_MS}`),
      db.$queryRaw<{ kind: string; n: number }[]>`
        SELECT t.identifier AS kind, count(*)::int AS n
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE j.run_at <= now() AND j.locked_at IS NULL AND j.attempts < j.max_attempts
        GROUP BY t.identifier`,
    ]);
    for (const task of tasks) queueDepth.set({ kind: task }, 0);
    for (const r of rows) queueDepth.set({ kind: r.kind }, r.n);
  } catch (e) {
    log(`metrics: the queue could not be counted: ${(e as Error).message}`);
  }
  const pool = poolUse(db);
  for (const state of ["total", "idle", "waiting"] as const) poolConnections.set({ state }, pool?.[state] ?? 0);
  informerLag.reset();
  for (const [cluster, lag] of lags) informerLag.set({ cluster }, lag());
}
