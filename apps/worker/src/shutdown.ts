// The worker process's SIGTERM (Kubernetes' stop, npm start's end): stop taking jobs, let running ones finish
// or hand them back, stop the inventory watches, free the cluster leases, close the DNS server, exit 0 — all
// within CAPSTAN_SHUTDOWN_GRACE_SECONDS (25), under Kubernetes' default terminationGracePeriodSeconds of 30.
import { shutdownGraceSeconds } from "@capstan/domain";

/** What main.ts started; each is stopped in this order. */
export interface WorkerProcess {
  worker: { stop(jobsMs?: number): Promise<boolean> };
  dns?: { close(): Promise<unknown> } | null;
  db: { $disconnect(): Promise<void> };
  /** The metrics and probes server, if any: /readyz answers 503 from the first moment, and it closes last. */
  http?: { markStopping(): void; close(): Promise<unknown> } | null;
}

let shuttingDown = false;

/** Whether SIGTERM (or SIGINT) has been received: readiness answers 503 from then on. */
export const isShuttingDown = () => shuttingDown;

// Seconds kept, of the grace period, for handing back jobs, closing connections and exiting.
const MARGIN_SECONDS = 3;

/**
 * Stops `parts` on SIGTERM/SIGINT within the grace period and exits 0 (also if a step hangs: at the grace
 * period's end the process exits regardless, its jobs already handed back).
 */
export function stopGracefully(parts: WorkerProcess, log = (msg: string) => console.log(`[worker] ${msg}`), env = process.env): void {
  const grace = shutdownGraceSeconds(env);
  const stop = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const began = Date.now();
    log(`stopping within ${grace} s`);
    setTimeout(() => {
      log("still stopping at the end of the grace period: exiting");
      process.exit(0);
    }, grace * 1000).unref();
    parts.http?.markStopping();
    const finished = await parts.worker.stop(Math.max(1, grace - MARGIN_SECONDS) * 1000);
    await parts.http?.close();
    await parts.dns?.close();
    await parts.db.$disconnect();
    log(`stopped in ${((Date.now() - began) / 1000).toFixed(1)} s${finished ? "" : " (jobs handed back)"}`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
