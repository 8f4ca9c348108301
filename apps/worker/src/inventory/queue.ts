// One keyed queue per cluster, shared by the inventory's watches of every kind.

/**
 * Runs work per object key: work for one key runs in order (a later status must not be overwritten by an
 * earlier one whose write happened to finish last); different keys proceed in parallel. A failed write (the
 * database busy or away) is tried again after `retryMs`, unless newer work for the key came meanwhile.
 */
export class KeyedQueue {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly latest = new Map<string, object>();
  private stopped = false;

  constructor(
    private readonly onFailure: (key: string, e: unknown) => void,
    private readonly retryMs = 2_000,
  ) {}

  /**
   * Queues `work` on `item` under `key`. Resolves once this first attempt has ended, stored or failed (a
   * failure is logged and retried by itself), so that a lister can wait for one page before the next.
   */
  add(key: string, item: object, work: () => Promise<unknown>): Promise<void> {
    this.latest.set(key, item);
    let settled!: () => void;
    const attempt = new Promise<void>((r) => (settled = r));
    const next = (this.chains.get(key) ?? Promise.resolve())
      // A stopped queue starts nothing more: its sync was stopped because another worker took the cluster
      // over, or the cluster is gone, and a late write would overwrite what is true now.
      .then(() => (this.stopped ? undefined : work()))
      .then(
        () => this.latest.get(key) === item && this.latest.delete(key),
        (e) => {
          this.onFailure(key, e);
          setTimeout(() => !this.stopped && this.latest.get(key) === item && void this.add(key, item, work), this.retryMs).unref();
        },
      )
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
        settled();
      });
    this.chains.set(key, next);
    return attempt;
  }

  /**
   * Starts no more work and no retries. Resolves once the work already running has ended (a database
   * write cannot be taken back halfway), so that a caller can hand the cluster on knowing nothing more
   * will be written.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.chains.values()]);
  }
}
