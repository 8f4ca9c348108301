// The durable job queue (graphile-worker, in PostgreSQL), and the jobs that are not a kind's reconcile.
// Reconciles of each kind are requested through `kinds.ts` (`reconcile.group(tx, group)` …).
import { Logger, runMigrations } from "graphile-worker";
import type { Tx } from "./client";

/** Creates or upgrades graphile-worker's schema; idempotent. */
export async function migrateQueue(url: string): Promise<void> {
  await runMigrations({ connectionString: url, logger: new Logger(() => () => {}) });
}

/** Asks the orchestrator to run a bulk node transition (one job per bulk operation). */
export async function requestNodeBulkTransition(tx: Pick<Tx, "$executeRaw">, bulkId: string): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job('transition-nodes'::text, ${JSON.stringify({ bulkId })}::json, job_key := ${`bulk:${bulkId}`}::text)`;
}
