// Restart delays for informers whose list or watch failed, as client-go's reflector has them
// (k8s.io/client-go/tools/cache/reflector.go: wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)):
// the base delay starts at 800 ms and doubles up to 30 s; each delay adds up to as much again at random
// (jitter 1.0), so informers of many clusters that failed together do not retry together; and after two
// minutes without a failure the next one starts again from 800 ms.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Each delay is base × (1 + jitter × random()), as k8s.io/apimachinery's wait.Jitter. */
  jitter: number;
  /** A failure this long after the previous one starts again from `initialMs`. */
  resetAfterMs: number;
}

export const REFLECTOR_BACKOFF: BackoffOptions = { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1, resetAfterMs: 120_000 };

/** client-go's exponentialBackoffManagerImpl: `next()` is the delay before the next attempt, in milliseconds. */
export class Backoff {
  private base: number;
  private last = -Infinity;

  constructor(
    private readonly opts: BackoffOptions = REFLECTOR_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {
    this.base = opts.initialMs;
  }

  next(): number {
    const t = this.now();
    if (t - this.last > this.opts.resetAfterMs) this.base = this.opts.initialMs;
    this.last = t;
    const delay = this.base * (1 + this.opts.jitter * this.random());
    this.base = Math.min(this.opts.maxMs, this.base * this.opts.factor);
    // Whole milliseconds, rounded down as Go's time.Duration conversion truncates: the range is [base, 2 × base).
    return Math.floor(delay);
  }
}
