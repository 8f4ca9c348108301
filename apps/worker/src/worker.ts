// The orchestrator's moving parts, started together by main.ts (and by tests, in-process).
import type { Db } from "@capstan/db";
import type { InitCheckConfig, Logger as CapstanLogger } from "@capstan/domain";
import { DELIVERY_TASK, loadNodeInitChecks, runNodeBulkTransition, toInitCheckConfig } from "@capstan/usecases/internal";
import { EventEmitter } from "node:events";
import { Logger, run, type TaskList, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { ClusterLeases } from "./cluster-lock";
import { controllers } from "./controllers";
import { watchesOf } from "./controllers/controller";
import { ClusterSlots, clusterConcurrency, jobTimeoutMs } from "./job-limits";
import { manageInventory } from "./inventory-manager";
import { withJobRequestId } from "./job-request-id";
import { DEAD_PEER_OPTIONS, WorkerLiveness } from "./liveness";
import { deliverNotification } from "./notifications/deliver";
import { smtpFromEnv, type SmtpSettings } from "./notifications/mailer";
import { resync } from "./resync";
import { rollupMetrics } from "./metrics/rollup";
import { startMetricsScraper } from "./metrics/scrape";
import { loggerOnto, logger as processLogger } from "./observability/log";

export interface WorkerOptions {
  concurrency?: number;
  log?: (msg: string) => void;
  /** Where reconciles' outcome lines go (docs/observability.md); default `log` if given, else the process's JSON/text logger. */
  logger?: CapstanLogger;
  /** How often the inventory manager looks for new or changed clusters. */
  inventoryEveryMs?: number;
  /** Fixed INIT → WAIT checks, for tests; otherwise those platform admins stored, or the environment's defaults. */
  initChecks?: InitCheckConfig;
  /** Minutes between periodic resyncs (1); 0 leaves them to whoever queues a `resync` job. */
  resyncMinutes?: number;
  /** SMTP for e-mailed notifications; default smtpFromEnv() (CAPSTAN_SMTP_*). */
  smtp?: SmtpSettings | null;
  /**
   * Milliseconds between metrics scrapes of every cluster (main.ts: 15,000, metrics-server's resolution);
   * 0 or unset: none (tests that count a cluster's requests must not see scrapes they did not ask for).
   */
  metricsEveryMs?: number;
  /** Seconds between each look for dead workers' jobs to free (liveness.ts; 2). */
  reapEverySeconds?: number;
}

export async function startWorker(db: Db, url: string, opts: WorkerOptions = {}) {
  const logger = opts.logger ?? (opts.log ? loggerOnto(opts.log) : processLogger);
  const log = opts.log ?? ((msg: string) => logger.info(msg));
  const concurrency = opts.concurrency ?? 4;
  const resyncMinutes = opts.resyncMinutes ?? 1;
  // Read per check rather than cached: only INIT nodes need them (one primary-key read), and the
  // reconciles a change of the checks requests must not run on a stale copy.
  const fixed = opts.initChecks;
  const checks = fixed ? async () => fixed : async () => toInitCheckConfig(await loadNodeInitChecks(db));
  // Session locks: PostgreSQL must notice a dead peer in seconds, not hours (liveness.ts).
  const locks = new pg.Pool({ connectionString: url, max: concurrency, options: DEAD_PEER_OPTIONS });
  locks.on("error", (e) => log(`lock pool: ${e.message}`));
  const leases = new ClusterLeases(locks);
  // Each reconcile has a deadline (its wait for the cluster's lease included) and runs in one of its
  // cluster's few slots, so a cluster that hangs cannot hold every job slot of this worker.
  const slots = new ClusterSlots(clusterConcurrency(concurrency));
  const timeoutMs = jobTimeoutMs();
  const defined = controllers(checks);
  const runtime = { db, leases, slots, timeoutMs, log, logger };
  // Each graphile-worker worker id holds its liveness lock before it takes a job; other workers free the
  // jobs of ids whose lock is gone (a worker killed), and so does this one for theirs.
  const liveness = await WorkerLiveness.start(url, { log, reapEverySeconds: opts.reapEverySeconds });
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => liveness.hold(worker.workerId));
  const taskList: TaskList = {
    ...Object.fromEntries(defined.map((c) => [c.task, c.taskFor(runtime)])),
    // Only rows and reconcile requests: no cluster is touched, so no cluster lock.
    "transition-nodes": (payload) => runNodeBulkTransition(db, (payload as { bulkId: string }).bulkId),
    resync: () => resync(db, defined),
    "metrics-rollup": () => rollupMetrics(db).then(() => undefined),
    // Outbound notifications: no cluster, so no cluster lock; retried by graphile-worker's backoff.
    // Its log lines name the request that raised the notification, as a reconcile's do (controller.ts).
    [DELIVERY_TASK]: withJobRequestId(
      deliverNotification(db, {
        smtp: opts.smtp === undefined ? smtpFromEnv() : opts.smtp,
        publicUrl: process.env.CAPSTAN_PUBLIC_URL || process.env.AUTH_URL || undefined,
        // a delivery not made is a warning
        log: (msg) => logger.warn(msg),
      }),
    ),
  };
  const runner = await run({
    connectionString: url,
    concurrency,
    pollInterval: 1_000,
    noHandleSignals: true,
    events,
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(`${scope.taskIdentifier ?? "queue"}: ${message}`);
    }),
    taskList,
    crontab: [resyncMinutes > 0 ? `*/${resyncMinutes} * * * * resync` : "", "* * * * * metrics-rollup"].filter(Boolean).join("\n"),
  });
  // Every watch runs on the framework: the inventory reads back what the controllers declare.
  const inventory = manageInventory(db, url, log, opts.inventoryEveryMs, watchesOf(defined));
  const metrics = opts.metricsEveryMs ? startMetricsScraper(db, log, opts.metricsEveryMs) : undefined;
  return {
    addJob: runner.addJob,
    /** Every task this worker runs (the queue-depth metric's kinds). */
    tasks: Object.keys(taskList),
    liveness,
    /**
     * Stops the inventory watches and the scrapes, then the queue: running jobs may finish within `jobsMs`
     * (default: as long as they take); those still running then are handed back to the queue, for another
     * worker to run at once, and the process must exit. Resolves to whether every job finished. Ending the
     * lock connections frees this worker's cluster leases and liveness locks.
     */
    async stop(jobsMs?: number): Promise<boolean> {
      // The queue drains while the watches stop; `jobsMs` counts from now.
      const deadline = Date.now() + (jobsMs ?? Infinity);
      const drained = runner.stop().then(() => true);
      await withinMs(
        Promise.all([inventory.stop(), metrics?.stop()]).then(() => true),
        deadline - Date.now(),
      );
      const finished = await withinMs(drained, deadline - Date.now());
      if (!finished) {
        await liveness.handBack();
        log("jobs still running at the shutdown deadline were handed back to the queue");
      }
      await liveness.stop();
      // A pool waits for its checked-out connections: those of jobs still running are dropped at exit instead.
      if (finished) await locks.end();
      return finished;
    },
  };
}

/** `work`'s result, or false if it takes longer than `ms` (Infinity: as long as it takes). */
function withinMs(work: Promise<boolean>, ms: number): Promise<boolean> {
  if (ms === Infinity) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
