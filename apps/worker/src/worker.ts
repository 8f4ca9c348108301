// The orchestrator's moving parts, started together by main.ts (and by tests, in-process).
import type { Db } from "@capstan/db";
import type { InitCheckConfig } from "@capstan/domain";
import { loadNodeInitChecks, runNodeBulkTransition, toInitCheckConfig } from "@capstan/usecases/internal";
import { reconcileErrorMessage } from "@capstan/orchestrator";
import { Logger, run } from "graphile-worker";
import pg from "pg";
import { ClusterLeases } from "./cluster-lock";
import { deleteSystemEverywhere, pruneNamespaces } from "./delete-system";
import { ClusterSlots, clusterConcurrency, jobTimeoutMs, withDeadline } from "./job-limits";
import { manageInventory } from "./inventory-manager";
import { reconcileGroup } from "./reconcile-group";
import { reconcileNode } from "./reconcile-node";
import { reconcileProject } from "./reconcile-project";
import { reconcileSystem } from "./reconcile-system";
import { resync } from "./resync";
import { withRetry } from "./retry";

export interface WorkerOptions {
  concurrency?: number;
  log?: (msg: string) => void;
  /** How often the inventory manager looks for new or changed clusters. */
  inventoryEveryMs?: number;
  /** Fixed INIT → WAIT checks, for tests; otherwise those platform admins stored, or the environment's defaults. */
  initChecks?: InitCheckConfig;
  /** Minutes between periodic resyncs (1); 0 leaves them to whoever queues a `resync` job. */
  resyncMinutes?: number;
}

export async function startWorker(db: Db, url: string, opts: WorkerOptions = {}) {
  const log = opts.log ?? ((msg: string) => console.log(`[worker] ${msg}`));
  const concurrency = opts.concurrency ?? 4;
  const resyncMinutes = opts.resyncMinutes ?? 1;
  // Read per check rather than cached: only INIT nodes need them (one primary-key read), and the
  // reconciles a change of the checks requests must not run on a stale copy.
  const fixed = opts.initChecks;
  const checks = fixed ? async () => fixed : async () => toInitCheckConfig(await loadNodeInitChecks(db));
  const locks = new pg.Pool({ connectionString: url, max: concurrency });
  locks.on("error", (e) => log(`lock pool: ${e.message}`));
  const leases = new ClusterLeases(locks);
  // Each reconcile has a deadline (its wait for the cluster's lease included) and runs in one of its
  // cluster's few slots, so a cluster that hangs cannot hold every job slot of this worker.
  const slots = new ClusterSlots(clusterConcurrency(concurrency));
  const timeoutMs = jobTimeoutMs();
  type Payload = { clusterId: string; attempt?: number };
  const perCluster = <P extends Payload>(reconcile: (db: Db, p: P) => Promise<void>, recordError?: (p: P, e: Error) => Promise<unknown>) =>
    withRetry<P>(
      (payload) =>
        withDeadline(timeoutMs, (signal) =>
          slots.run(payload.clusterId, () =>
            leases.run(payload.clusterId, () => {
              signal.throwIfAborted(); // the job gave up while this waited for the lease
              return reconcile(db, payload);
            }),
          ),
        ),
      log,
      recordError,
    );
  // A group shows why its last reconcile failed (its system's reconcile included) until one succeeds.
  const groupError = (p: { groupId: string }, e: Error) => db.group.updateMany({ where: { id: p.groupId }, data: { lastError: reconcileErrorMessage(e) } });
  const runner = await run({
    connectionString: url,
    concurrency,
    pollInterval: 1_000,
    noHandleSignals: true,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(`${scope.taskIdentifier ?? "queue"}: ${message}`);
    }),
    taskList: {
      "reconcile-group": perCluster<{ clusterId: string; groupId: string }>(reconcileGroup, groupError),
      "reconcile-system": perCluster<{ clusterId: string; systemId: string }>(reconcileSystem),
      "reconcile-node": perCluster<{ clusterId: string; nodeId: string }>((db, p) => reconcileNode(db, p, checks)),
      "prune-namespaces": perCluster<{ clusterId: string }>(pruneNamespaces),
      // A data centre's Harbor, not a cluster: no cluster lock or slot; the job's deadline bounds it.
      "reconcile-project": withRetry<{ systemId: string; dataCentreId: string; attempt?: number }>((p) => withDeadline(timeoutMs, () => reconcileProject(db, p)), log),
      // Talks to every cluster in turn, each call with its deadline; the job's deadline bounds the whole.
      "delete-system": withRetry<{ systemId: string; attempt?: number }>((p) => withDeadline(timeoutMs, () => deleteSystemEverywhere(db, p)), log),
      // Only rows and reconcile requests: no cluster is touched, so no cluster lock.
      "transition-nodes": (payload) => runNodeBulkTransition(db, (payload as { bulkId: string }).bulkId),
      resync: () => resync(db),
    },
    crontab: resyncMinutes > 0 ? `*/${resyncMinutes} * * * * resync` : "",
  });
  const inventory = manageInventory(db, url, log, opts.inventoryEveryMs);
  return {
    addJob: runner.addJob,
    async stop() {
      await inventory.stop();
      await runner.stop();
      await locks.end();
    },
  };
}
