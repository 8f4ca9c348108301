// Limits on reconcile jobs, so a cluster that hangs cannot stall the worker: each job has a deadline, and
// each cluster may use only a few of the worker's job slots at a time. Every call to a cluster has its
// own, shorter deadline (packages/orchestrator/src/deadline.ts); the job's bounds a whole reconcile,
// including the wait for the cluster's lease.

/** A positive number of seconds from the environment, in milliseconds; `fallback` when unset. Throws on nonsense. */
function secondsFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback * 1000;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0) throw new Error(`${variable} must be a positive number of seconds, not "${raw}"`);
  return s * 1000;
}

/** The deadline of one reconcile job: CAPSTAN_JOB_TIMEOUT_SECONDS, default 120 s. */
export const jobTimeoutMs = () => secondsFromEnv("CAPSTAN_JOB_TIMEOUT_SECONDS", 120);

/**
 * How many reconciles of one cluster a worker runs at once: CAPSTAN_CLUSTER_CONCURRENCY, default half the
 * worker's job slots (at least 1), so one cluster that hangs leaves the other half to the rest.
 */
export function clusterConcurrency(workerConcurrency: number): number {
  const raw = process.env.CAPSTAN_CLUSTER_CONCURRENCY;
  if (raw === undefined || raw === "") return Math.max(1, Math.floor(workerConcurrency / 2));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`CAPSTAN_CLUSTER_CONCURRENCY must be a whole number from 1, not "${raw}"`);
  return n;
}

/** A job ran out of time; its work is abandoned (it stops at its next call's deadline, or its lease wait). */
export class JobDeadlineError extends Error {
  constructor(timeoutMs: number) {
    super(`the reconcile did not finish within its deadline of ${timeoutMs / 1000} s`);
    this.name = "JobDeadlineError";
  }
}

/**
 * Runs `work` with a deadline: rejects with JobDeadlineError when it passes, and aborts the signal given
 * to `work` so that work not yet started (e.g. still waiting for a lease) does not start.
 */
export async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new JobDeadlineError(timeoutMs);
      controller.abort(e);
      reject(e);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown when a cluster already has its share of this worker's slots; the job is queued again shortly. */
export class ClusterBusyError extends Error {
  constructor(clusterId: string, cap: number) {
    super(`cluster ${clusterId} already has ${cap} reconciles running in this worker`);
    this.name = "ClusterBusyError";
  }
}

/**
 * Counts the reconciles of each cluster running in this worker, and refuses one beyond `cap`. A slot is
 * held until the work really ends (not at its job's deadline), so abandoned work that still talks to a
 * hung cluster counts against that cluster only. Entries go when their count drops to zero.
 */
export class ClusterSlots {
  private readonly running = new Map<string, number>();

  constructor(readonly cap: number) {}

  /** Runs `work` in one of the cluster's slots; throws ClusterBusyError at once when none is free. */
  run<T>(clusterId: string, work: () => Promise<T>): Promise<T> {
    const n = this.running.get(clusterId) ?? 0;
    if (n >= this.cap) return Promise.reject(new ClusterBusyError(clusterId, this.cap));
    this.running.set(clusterId, n + 1);
    const done = () => {
      const left = (this.running.get(clusterId) ?? 1) - 1;
      if (left > 0) this.running.set(clusterId, left);
      else this.running.delete(clusterId);
    };
    const p = Promise.resolve().then(work);
    p.then(done, done);
    return p;
  }

  /** Clusters with work running now (for tests and eviction checks). */
  get size(): number {
    return this.running.size;
  }
}
