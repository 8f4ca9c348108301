// The shape every controller of the orchestrator has: one definition per kind of object (one folder per
// kind beside this file) owns its kind (task, zod payload, job key: packages/db/src/kinds.ts), what the
// periodic resync enumerates, whether it holds its cluster's lease, its reconcile (and any finalisation),
// the status it writes back, and the watches that read its objects back from clusters. The framework runs it on the queue: payload check, deadline, cluster
// slot and lease, retry with backoff, and status written Kubernetes-style: observedGeneration moves only
// on success, the last failure (reason, message, time, attempts) is recorded on the object until then.
import type { Db, Tx } from "@capstan/db";
import { jobRequestId, type Kind } from "@capstan/db/kinds";
import { withJobRequestId } from "../job-request-id";
import type { Logger } from "@capstan/domain";
import { loggedDetail } from "@capstan/orchestrator";
import type { JobHelpers, Task } from "graphile-worker";
import type { ClusterLeases } from "../cluster-lock";
import { type ClusterSlots, withDeadline } from "../job-limits";
import type { InventoryWatch } from "../inventory/watch";
import { loggerOnto } from "../observability/log";
import { reconcileDuration, reconcileTotal } from "../observability/metrics";
import { type RetryOutcome, withRetry } from "../retry";
import { failureOf } from "./failure";
import { type Applied, type StatusPlace, statusWriter } from "./status";

export type { Applied, StatusPlace } from "./status";

type Executor = Pick<Tx, "$executeRaw">;

/** One kind's controller. */
export interface Controller<P extends Record<string, string>> {
  kind: Kind<P>;
  /**
   * The cluster a reconcile works in: it then holds that cluster's lease (one worker per cluster at a time,
   * cluster-lock.ts) and one of the cluster's slots in this worker (job-limits.ts). None for objects outside
   * clusters (a data centre's Harbor) or spanning them (a system's deletion): the job's deadline bounds those.
   */
  lease?: (p: P) => string;
  /** Every object that should exist now; the periodic resync re-requests each, so drift is repaired. */
  listDesired?: (db: Db) => Promise<P[]>;
  /**
   * Level-triggered and idempotent: reads the current desired row (not the request) and converges the
   * cluster to it, finalising the object when its deletion was requested. Resolves to what it applied, if
   * the kind records an observedGeneration; throws to be retried.
   */
  reconcile: (db: Db, p: NoInfer<P>) => Promise<Applied | void>;
  /**
   * Where the object's status goes (see StatusPlace): the framework records each failure there and clears it
   * (moving observedGeneration, if the kind has one) on success. Without it, failures are only logged.
   */
  status?: StatusPlace<NoInfer<P>>;
  /**
   * What the inventory reads back from every cluster for this kind (the informers of a Kubernetes
   * controller): the observed state its pages show beside the desired state, e.g. a group's Deployment status
   * and pods. A watch several controllers name runs once per cluster (shared, as with client-go's
   * SharedInformerFactory); see `watchesOf`.
   */
  watches?: readonly InventoryWatch<never>[];
}

/** A controller ready to run, its payload type erased so controllers of every kind fit in one list. */
export interface DefinedController {
  /** Its kind's task identifier. */
  readonly task: string;
  /** Its graphile-worker task (see `controllerTask`). */
  taskFor(rt: Runtime): Task;
  /**
   * Reads what should exist (`listDesired`) and resolves to the statement that re-requests each object,
   * to run in the resync's transaction; a waiting job keeps its time (a failing reconcile keeps its backoff).
   * Undefined for a kind that is only requested on change.
   */
  resync?: (db: Db) => Promise<(tx: Executor) => Promise<void>>;
  /** Its watches (see Controller.watches). */
  readonly watches: readonly InventoryWatch<never>[];
}

/** Declares a controller (see `Controller`). */
export function defineController<P extends Record<string, string>>(c: Controller<P>): DefinedController {
  const list = c.listDesired;
  return {
    task: c.kind.task,
    taskFor: (rt) => controllerTask(c, rt),
    watches: c.watches ?? [],
    resync:
      list &&
      (async (db) => {
        const desired = await list(db);
        return (tx) => c.kind.requestMany(tx, desired, { keepRunAt: true });
      }),
  };
}

/** Every watch of these controllers, each once, in the order they are first named: what each cluster's inventory sync runs. */
export const watchesOf = (defined: readonly DefinedController[]): InventoryWatch<never>[] => [...new Set(defined.flatMap((c) => c.watches))];

/** What the framework runs controllers with: the worker's leases, slots and job deadline. */
export interface Runtime {
  db: Db;
  leases: ClusterLeases;
  slots: ClusterSlots;
  timeoutMs: number;
  log: (msg: string) => void;
  /** Where each reconcile's outcome line goes (worker.ts: the process's logger); default `log`. */
  logger?: Logger;
}

/**
 * The graphile-worker task of a controller. A payload its kind's schema refuses is dropped with a log line
 * (retrying cannot make it valid); any other failure is recorded on the object and retried with backoff.
 * Each run is counted (capstan_reconcile_total, capstan_reconcile_duration_seconds) and logged with its
 * outcome and the request that queued it (docs/observability.md); it runs as that request, so the jobs it
 * queues carry the same id.
 */
export function controllerTask<P extends Record<string, string>>(c: Controller<P>, rt: Runtime): Task {
  const kind = c.kind.task;
  const logger = rt.logger ?? loggerOnto(rt.log);
  const status = c.status && statusWriter(c.status);
  const run = async (p: P) => {
    const applied = await c.reconcile(rt.db, p);
    await status?.succeeded(rt.db, p, applied);
  };
  const retrying = withRetry<P & { attempt?: number; busy?: number }>(
    (raw) => {
      const p = c.kind.payload.parse(raw);
      const clusterId = c.lease?.(p);
      return withDeadline(rt.timeoutMs, (signal) =>
        clusterId === undefined
          ? run(p)
          : rt.slots.run(clusterId, () =>
              rt.leases.run(clusterId, () => {
                signal.throwIfAborted(); // the job gave up while this waited for the lease
                return run(p);
              }),
            ),
      );
    },
    rt.log,
    status && ((raw, e) => status.failed(rt.db, c.kind.payload.parse(raw), failureOf(e))),
    (raw, o, helpers) => reported(logger, kind, raw, o, helpers),
  );
  return async (payload, helpers) => {
    const requestId = jobRequestId(payload);
    const checked = c.kind.payload.safeParse(payload);
    if (!checked.success) {
      reconcileTotal.inc({ kind, result: "dropped" });
      const issues = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      logger.warn(`${kind} ${helpers.job.key ?? ""}: dropped, its payload is invalid: ${issues}`, {
        kind,
        key: helpers.job.key ?? undefined,
        result: "dropped",
        requestId,
      });
      return;
    }
    await withJobRequestId(retrying)(payload, helpers);
  };
}

/**
 * A reconcile's metrics and log line. Failures are warnings; a success is an info line when a request
 * caused it or it ends failures, else a debug line (the periodic resync's reconciles of every object
 * would fill the log); a requeue for a busy cluster is a debug line.
 */
function reported(logger: Logger, kind: string, raw: { attempt?: number }, o: RetryOutcome, helpers: JobHelpers): void {
  reconcileTotal.inc({ kind, result: o.result });
  if (o.result !== "requeue") reconcileDuration.observe({ kind }, o.seconds);
  const requestId = jobRequestId(raw);
  const line = { kind, key: helpers.job.key ?? undefined, result: o.result, durationMs: Math.round(o.seconds * 1000), requestId };
  if (o.result === "error")
    logger.warn(`${kind} ${line.key ?? ""}: ${loggedDetail(o.error)}; retry ${o.attempt} in ${(o.delayMs / 1000).toFixed(1)} s`, {
      ...line,
      attempt: o.attempt,
    });
  else if (o.result === "requeue") logger.debug(`${kind} ${line.key ?? ""}: its cluster is busy; again in ${(o.delayMs / 1000).toFixed(1)} s`, line);
  else (requestId || raw.attempt ? logger.info : logger.debug)(`${kind} ${line.key ?? ""}: reconciled`, { ...line, attempt: raw.attempt });
}
