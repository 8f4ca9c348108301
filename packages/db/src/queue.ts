// The durable job queue (graphile-worker, in PostgreSQL). Use cases add reconcile jobs inside their own
// transaction, so a change and the request to apply it are committed together or not at all.
import { Logger, runMigrations } from "graphile-worker";
import type { Tx } from "./client";

/** Creates or upgrades graphile-worker's schema; idempotent. */
export async function migrateQueue(url: string): Promise<void> {
  await runMigrations({ connectionString: url, logger: new Logger(() => () => {}) });
}

export type ReconcileTask = "reconcile-group" | "reconcile-system" | "reconcile-node";

/**
 * Asks the orchestrator to reconcile one object in one cluster. Jobs are keyed by object, so a burst of
 * changes coalesces into one reconcile of the latest desired state (reconcilers are level-triggered);
 * a job still locked by a worker that died is superseded by the new one rather than waited for.
 * The worker serialises jobs per cluster with an advisory lock. Failed jobs retry with exponential
 * backoff (graphile-worker's), so no requested change is lost.
 */
export async function requestReconcile(tx: Pick<Tx, "$executeRaw">, task: ReconcileTask, payload: Record<string, string>, key: string, clusterId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${task}::text, ${JSON.stringify({ ...payload, clusterId })}::json, job_key := ${key}::text, max_attempts := 1000)`;
}

/** requestReconcile of every node in INIT (same job key and payload), in one statement however many there are. */
export async function requestInitNodeReconciles(tx: Pick<Tx, "$executeRaw">): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job('reconcile-node'::text, json_build_object('nodeId', id, 'clusterId', "clusterId"), job_key := 'node:' || id, max_attempts := 1000) FROM "Node" WHERE status = 'INIT'`;
}

/**
 * Asks the orchestrator to finish deleting a system: its namespace in every cluster, its pull robots and
 * (when empty) its projects in every Harbor, then its row. One job per system; retried until done.
 */
export async function requestSystemDeletion(tx: Pick<Tx, "$executeRaw">, systemId: string, opts: { keepRunAt?: boolean } = {}): Promise<void> {
  const mode = opts.keepRunAt ? "preserve_run_at" : "replace";
  await tx.$executeRaw`SELECT graphile_worker.add_job('delete-system'::text, ${JSON.stringify({ systemId })}::json, job_key := ${`delete-system:${systemId}`}::text, max_attempts := 1000, job_key_mode := ${mode}::text)`;
}

/**
 * Asks the orchestrator to put systems' Harbor projects and pull robots in place in data centres' Harbors
 * (task `reconcile-project`, job key `project:<system>:<data centre>`): registries are per data centre,
 * not per cluster, so this runs with no cluster lock and whether or not the data centre has clusters.
 * One statement for any number of pairs; `keepRunAt` as in `requestReconciles`.
 */
export async function requestProjectReconciles(tx: Pick<Tx, "$executeRaw">, pairs: { systemId: string; dataCentreId: string }[], opts: { keepRunAt?: boolean } = {}): Promise<void> {
  if (pairs.length === 0) return;
  const specs = JSON.stringify(pairs.map((p) => ({ payload: { systemId: p.systemId, dataCentreId: p.dataCentreId }, key: `project:${p.systemId}:${p.dataCentreId}` })));
  await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW('reconcile-project'::text, j.payload, NULL, NULL, 1000, j.key, NULL, NULL)::graphile_worker.job_spec
    FROM json_to_recordset(${specs}::json) AS j(payload json, key text)), ${opts.keepRunAt ?? false})`;
}

/** Asks the orchestrator to delete the Capstan namespaces of a cluster whose system no longer exists. */
export async function requestNamespacePrune(tx: Pick<Tx, "$executeRaw">, clusterId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job('prune-namespaces'::text, ${JSON.stringify({ clusterId })}::json, job_key := ${`namespaces:${clusterId}`}::text, max_attempts := 1000, job_key_mode := 'preserve_run_at')`;
}

/** Asks the orchestrator to run a bulk node transition (one job per bulk operation). */
export async function requestNodeBulkTransition(tx: Pick<Tx, "$executeRaw">, bulkId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job('transition-nodes'::text, ${JSON.stringify({ bulkId })}::json, job_key := ${`bulk:${bulkId}`}::text)`;
}

/**
 * `requestReconcile` for many objects in one statement (graphile-worker's add_jobs, which add_job itself
 * calls with one spec): same job keys, attempts and replace semantics, one round trip instead of one per object.
 * With `keepRunAt` (graphile-worker's job_key_preserve_run_at), a job already waiting keeps its time: a
 * periodic re-request then does not cut short the backoff of a reconcile that failed.
 */
export async function requestReconciles(
  tx: Pick<Tx, "$executeRaw">,
  task: ReconcileTask,
  jobs: { payload: Record<string, string>; key: string; clusterId: string }[],
  opts: { keepRunAt?: boolean } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  const specs = JSON.stringify(jobs.map((j) => ({ payload: { ...j.payload, clusterId: j.clusterId }, key: j.key })));
  await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
    SELECT ROW(${task}::text, j.payload, NULL, NULL, 1000, j.key, NULL, NULL)::graphile_worker.job_spec
    FROM json_to_recordset(${specs}::json) AS j(payload json, key text)), ${opts.keepRunAt ?? false})`;
}
