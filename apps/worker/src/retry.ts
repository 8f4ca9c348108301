// Failed reconciles are retried with exponential backoff and jitter (graphile-worker's own backoff has
// no jitter): after an outage, the reconciles of hundreds of groups must not all hit the cluster at once.
import type { JobHelpers } from "graphile-worker";
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
 * How one run of a task ended: `success`; `requeue` (its cluster had no free slot: queued again in
 * `delayMs`, `busy` times so far); `error` (queued again in `delayMs` as attempt `attempt`). `seconds`: how
 * long the run took.
 */
export type RetryOutcome = { seconds: number } & (
  | { result: "success" }
  | { result: "requeue"; busy: number; delayMs: number }
  | { result: "error"; attempt: number; delayMs: number; error: unknown }
);

/**
 * Runs a task; on failure, records the error on the object (`onError`), then queues the task again under the
 * same job key after a jittered delay, with the attempt count in its payload. A new request for the same
 * object replaces that payload and runs at once, so a change is never held back by an earlier failure.
 * A task refused because its cluster has no free slot (ClusterBusyError) is not a failure: it is queued
 * again after a short jittered wait, its attempt count unchanged. Each run's end is told to `outcome`
 * (metrics and the log line: controllers/controller.ts); `log` gets a failure to record an error.
 */
export function withRetry<P extends Retryable>(
  task: (payload: P) => Promise<void>,
  log: (msg: string) => void,
  onError?: (payload: P, error: Error) => Promise<unknown>,
  outcome: (payload: P, o: RetryOutcome, helpers: JobHelpers) => void = () => undefined,
) {
  return async (payload: unknown, helpers: JobHelpers) => {
    const p = payload as P;
    const again = (next: P, delay: number) =>
      helpers.addJob(helpers.job.task_identifier, next, { jobKey: helpers.job.key ?? undefined, runAt: new Date(Date.now() + delay) });
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await task(p);
      outcome(p, { result: "success", seconds: seconds() }, helpers);
    } catch (e) {
      if (e instanceof ClusterBusyError) {
        const busy = (p.busy ?? 0) + 1;
        const delayMs = Math.floor(Math.min(BUSY_CAP_MS, BUSY_BASE_MS * 2 ** Math.min(busy - 1, 8)) * (0.5 + Math.random() / 2));
        outcome(p, { result: "requeue", busy, delayMs, seconds: seconds() }, helpers);
        await again({ ...p, busy }, delayMs);
        return;
      }
      const took = seconds();
      const attempt = (p.attempt ?? 0) + 1;
      const delay = retryDelayMs(attempt);
      await onError?.(p, e as Error).catch((recordFailed: Error) => log(`recording an error failed: ${recordFailed.message}`));
      outcome(p, { result: "error", attempt, delayMs: delay, error: e, seconds: took }, helpers);
      const { busy: _busy, ...rest } = p;
      await again({ ...rest, attempt } as P, delay);
    }
  };
}
