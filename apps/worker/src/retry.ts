// Failed reconciles are retried with exponential backoff and jitter (graphile-worker's own backoff has
// no jitter): after an outage, the reconciles of hundreds of groups must not all hit the cluster at once.
import type { JobHelpers } from "graphile-worker";
import { loggedDetail } from "@capstan/orchestrator";
import { ClusterBusyError } from "./job-limits";

const BASE_MS = 1_000;
const CAP_MS = 60_000;
/** A job put back because its cluster had no free slot waits 0.25, 0.5, 1, 2, then 4 s (jittered). */
const BUSY_BASE_MS = 250;
const BUSY_CAP_MS = 4_000;

/** 1 s, 2 s, 4 s … up to 60 s, each scaled by a random factor in [0.5, 1), in whole milliseconds (rounded down, so never the next step). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1)) * (0.5 + random() / 2));
}

type Retryable = { attempt?: number; busy?: number };

/**
 * Runs a task; on failure, records the error on the object (`onError`), then queues the task again under the
 * same job key after a jittered delay, with the attempt count in its payload. A new request for the same
 * object replaces that payload and runs at once, so a change is never held back by an earlier failure.
 * A task refused because its cluster has no free slot (ClusterBusyError) is not a failure: it is queued
 * again after a short jittered wait, its attempt count unchanged.
 */
export function withRetry<P extends Retryable>(
  task: (payload: P) => Promise<void>,
  log: (msg: string) => void,
  onError?: (payload: P, error: Error) => Promise<unknown>,
) {
  return async (payload: unknown, helpers: JobHelpers) => {
    const p = payload as P;
    const again = (next: P, delay: number) =>
      helpers.addJob(helpers.job.task_identifier, next, { jobKey: helpers.job.key ?? undefined, runAt: new Date(Date.now() + delay) });
    try {
      await task(p);
    } catch (e) {
      if (e instanceof ClusterBusyError) {
        const busy = (p.busy ?? 0) + 1;
        await again({ ...p, busy }, Math.floor(Math.min(BUSY_CAP_MS, BUSY_BASE_MS * 2 ** Math.min(busy - 1, 8)) * (0.5 + Math.random() / 2)));
        return;
      }
      const attempt = (p.attempt ?? 0) + 1;
      const delay = retryDelayMs(attempt);
      await onError?.(p, e as Error).catch((recordFailed: Error) => log(`recording an error failed: ${recordFailed.message}`));
      log(`${helpers.job.task_identifier} ${helpers.job.key ?? ""}: ${loggedDetail(e)}; retry ${attempt} in ${(delay / 1000).toFixed(1)} s`);
      const { busy: _busy, ...rest } = p;
      await again({ ...rest, attempt } as P, delay);
    }
  };
}
