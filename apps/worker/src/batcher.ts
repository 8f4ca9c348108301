// Gathers single writes into batched ones: a first sync reports thousands of objects at once, and one
// transaction per object queues them for the few connections until they time out; one per batch does not.
import pLimit from "p-limit";

export interface BatchOptions {
  /** Items per batch at most. */
  max: number;
  /** How long the first item of a batch waits for others to join it. */
  waitMs: number;
  /** Batches written at the same time (each holds a connection). */
  concurrency: number;
}

/**
 * Returns `add(item)`, resolved with the item's result once its batch is written (`write` returns one
 * result per item, in order) or rejected with the batch's error, so callers keep their own retries.
 */
export function batcher<T, R>(write: (items: T[]) => Promise<R[]>, opts: BatchOptions): (item: T) => Promise<R> {
  const limit = pLimit(opts.concurrency);
  let pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    void limit(async () => {
      try {
        const results = await write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    });
  };

  return (item) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= opts.max) flush();
      else timer ??= setTimeout(flush, opts.waitMs);
    });
}
