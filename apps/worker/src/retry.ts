// Failed reconciles are retried with exponential backoff and jitter (graphile-worker's own backoff has
// no jitter): after an outage, the reconciles of hundreds of groups must not all hit the cluster at once.
import type { JobHelpers } from "graphile-worker";

const BASE_MS = 1_000;
const CAP_MS = 60_000;

/** 1 s, 2 s, 4 s … up to 60 s, each scaled by a random factor in [0.5, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1)) * (0.5 + random() / 2));
}

type Retryable = { attempt?: number };

/**
 * Runs a task; on failure, queues it again under the same job key after a jittered delay, with the
 * attempt count in its payload. A new request for the same object replaces that payload and runs at
 * once, so a change is never held back by an earlier failure.
 */
export function withRetry<P extends Retryable>(task: (payload: P) => Promise<void>, log: (msg: string) => void) {
  return async (payload: unknown, helpers: JobHelpers) => {
    const p = payload as P;
    try {
      await task(p);
    } catch (e) {
      const attempt = (p.attempt ?? 0) + 1;
      const delay = retryDelayMs(attempt);
      log(`${helpers.job.task_identifier} ${helpers.job.key ?? ""}: ${(e as Error).message}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s`);
      await helpers.addJob(helpers.job.task_identifier, { ...p, attempt }, { jobKey: helpers.job.key ?? undefined, runAt: new Date(Date.now() + delay) });
    }
  };
}
