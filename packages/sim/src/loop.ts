// One timer for everything: a min-heap of due callbacks plus a deduplicating work queue, so thousands
// of nodes/pods never mean thousands of timers. Work is processed in bounded slices to keep I/O snappy.
type Task = { at: number; fn: () => void };

export class Loop {
  private heap: Task[] = [];
  private queue = new Map<string, () => void>();
  private scheduled = false;
  private timer: NodeJS.Timeout;
  private stopped = false;
  constructor(public tickMs = 50) {
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }
  /** Run fn after delayMs (0 = as soon as possible). */
  after(delayMs: number, fn: () => void) {
    if (delayMs <= 0) return this.enqueue(`anon:${Math.random()}`, fn);
    this.push({ at: Date.now() + delayMs, fn });
  }
  /** Deduplicated work item: enqueueing the same key twice before it runs runs it once. */
  enqueue(key: string, fn: () => void) {
    if (this.stopped) return;
    this.queue.set(key, fn);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }
  private drain() {
    this.scheduled = false;
    let n = 0;
    for (const [k, fn] of this.queue) {
      this.queue.delete(k);
      try {
        fn();
      } catch (e) {
        console.error("sim controller error", k, e);
      }
      if (++n >= 2000 && this.queue.size) {
        this.scheduled = true;
        setImmediate(() => this.drain());
        return;
      }
    }
  }
  /** Run fn at the next tick, once per key however often it is asked for: controllers that
   *  recompute status from many objects use this so a burst of 1,000 pod events costs one sync. */
  coalesce(key: string, fn: () => void) {
    if (!this.stopped && !this.soon.has(key)) this.soon.set(key, fn);
  }
  private soon = new Map<string, () => void>();

  private tick() {
    const now = Date.now();
    if (this.soon.size) {
      const batch = this.soon;
      this.soon = new Map();
      for (const [k, fn] of batch)
        try {
          fn();
        } catch (e) {
          console.error("sim controller error", k, e);
        }
    }
    let n = 0;
    while (this.heap.length && this.heap[0].at <= now && n++ < 20000) {
      const t = this.pop()!;
      try {
        t.fn();
      } catch (e) {
        console.error("sim timer error", e);
      }
    }
    for (const f of this.periodic)
      try {
        f(now);
      } catch (e) {
        console.error("sim periodic error", e);
      }
  }
  periodic: ((now: number) => void)[] = [];
  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.heap = [];
    this.queue.clear();
    this.soon.clear();
  }
  /** Wait until the work queue is empty (tests). */
  async idle() {
    while (this.queue.size || this.scheduled || this.soon.size) await new Promise((r) => setTimeout(r, this.tickMs));
  }

  private push(t: Task) {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].at <= h[i].at) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  private pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && h[l].at < h[m].at) m = l;
        if (r < h.length && h[r].at < h[m].at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
