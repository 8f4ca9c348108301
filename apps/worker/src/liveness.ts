// The hand-over of a dead worker's jobs. graphile-worker marks a job it runs with its worker id
// (locked_by, locked_at) and trusts that lock for 4 hours: a worker killed with SIGKILL (or whose node
// died) leaves its jobs locked that long, and nothing but a new request for the same object (a new job
// under its key) or the periodic resync gets them done. So each worker id of this process holds a session
// advisory lock (scope `worker-liveness`) on a connection of its own, which PostgreSQL frees when the
// session ends; and every few seconds each worker frees, with graphile-worker's force_unlock_workers, the
// jobs of worker ids whose liveness lock nobody holds. The cluster leases (cluster-lock.ts) and inventory
// locks (inventory-manager.ts) are session locks too, so the whole hand-over waits only on PostgreSQL
// noticing the session's end: at once when the process dies, and within DEAD_PEER_SECONDS when its
// machine or network does (the TCP keepalives below).
import { advisoryKey } from "@capstan/db/advisory-lock";
import pg from "pg";

/**
 * libpq-style startup options for a connection that holds session locks: PostgreSQL probes an idle client
 * after 5 s and gives up after 3 unanswered probes 2 s apart, so a dead peer's session (and its locks) ends
 * within about 11 s rather than the kernel's 2 hours (PostgreSQL's tcp_keepalives_* settings).
 */
export const DEAD_PEER_OPTIONS = "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3";
/** Seconds within which PostgreSQL ends the session of a client whose machine vanished (DEAD_PEER_OPTIONS). */
export const DEAD_PEER_SECONDS = 11;

/** The liveness lock key of a graphile-worker worker id (as a `$1::bigint` decimal string). */
export const livenessKey = (workerId: string) => advisoryKey("worker-liveness", workerId);

// advisoryKey("worker-liveness", locked_by) computed in SQL: the first 8 bytes of SHA-256, big-endian, signed.
const KEY_SQL = `('x' || substr(encode(sha256(convert_to('worker-liveness:' || locked_by, 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint`;

/**
 * Worker ids whose jobs are locked (for at least `minLockedSeconds`, so a worker that has just taken a job
 * has had time to hold its lock) while nobody holds their liveness lock. A bigint advisory key shows in
 * pg_locks as classid (high 32 bits), objid (low 32 bits) and objsubid 1.
 */
const DEAD_WORKERS_SQL = `
WITH candidates AS (
  SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
  WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)
), keyed AS (
  SELECT locked_by, ${KEY_SQL} AS k FROM candidates
)
SELECT locked_by FROM keyed WHERE NOT EXISTS (
  SELECT 1 FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid::bigint = ((keyed.k >> 32) & 4294967295) AND l.objid::bigint = (keyed.k & 4294967295)
)`;

export interface LivenessOptions {
  /** Seconds between looks for dead workers' jobs (2). */
  reapEverySeconds?: number;
  /** Seconds a job must have been locked before its worker may be judged dead (3). */
  minLockedSeconds?: number;
  log: (msg: string) => void;
}

/**
 * This process's liveness: holds the lock of each of its graphile-worker ids and, every `reapEverySeconds`,
 * frees the jobs of dead ones. Its connection is opened by `start` before the runner takes any job.
 */
export class WorkerLiveness {
  private readonly ids: string[] = [];
  private conn: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  /**
   * Every use of the connection, one after another: a pg client runs one query at a time, and queueing a
   * second while one runs is deprecated (pg 8.16) and goes in pg 9. Holds come in bursts (one per worker id).
   */
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly url: string,
    private readonly opts: LivenessOptions,
  ) {}

  static async start(url: string, opts: LivenessOptions): Promise<WorkerLiveness> {
    const liveness = new WorkerLiveness(url, opts);
    await liveness.connect();
    const every = (opts.reapEverySeconds ?? 2) * 1000;
    liveness.timer = setInterval(() => void liveness.reapOnce(), every);
    liveness.timer.unref();
    return liveness;
  }

  /** Holds `workerId`'s liveness lock from now on (called as graphile-worker creates each worker). */
  hold(workerId: string): void {
    this.ids.push(workerId);
    void this.serial((conn) => conn.query("SELECT pg_advisory_lock($1::bigint)", [livenessKey(workerId)])).catch(() => undefined);
  }

  /** Frees the jobs of dead workers once; resolves to their worker ids. */
  async reapOnce(): Promise<string[]> {
    const dead = await this.serial(async (conn) => {
      const { rows } = await conn.query<{ locked_by: string }>(DEAD_WORKERS_SQL, [this.opts.minLockedSeconds ?? 3]);
      const ids = rows.map((r) => r.locked_by);
      if (ids.length === 0) return ids;
      await conn.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [ids]);
      this.opts.log(`liveness: freed the jobs of ${ids.length} dead worker(s): ${ids.join(", ")}`);
      return ids;
    });
    return dead ?? [];
  }

  /**
   * Hands this process's locked jobs back to the queue (graphile-worker's force_unlock_workers on its own ids),
   * for a shutdown whose jobs did not finish in time; the process must exit right after, since its tasks still run.
   */
  async handBack(): Promise<void> {
    if (this.ids.length === 0) return;
    await this.serial((conn) => conn.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [this.ids]));
  }

  /** Stops looking and ends the connection, which frees the liveness locks. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.chain;
    await this.conn?.end().catch(() => undefined);
    this.conn = undefined;
  }

  /**
   * Runs `use` on the connection once everything queued before it has finished; undefined when there is no
   * connection (lost, being made again) or liveness has stopped. A failure is logged, and rejects the call.
   */
  private serial<T>(use: (conn: pg.Client) => Promise<T>): Promise<T | undefined> {
    const run = this.chain.then(() => (this.conn && !this.stopped ? use(this.conn) : undefined));
    this.chain = run.catch((e: Error) => this.opts.log(`liveness: ${e.message}`));
    return run;
  }

  private async connect(): Promise<void> {
    const conn = new pg.Client({ connectionString: this.url, options: DEAD_PEER_OPTIONS });
    conn.on("error", (e) => {
      // The session ended (database restart): the locks went with it. Take them again on a new one.
      this.opts.log(`liveness: connection lost (${e.message}); reconnecting`);
      if (this.conn === conn) this.conn = undefined;
      if (!this.stopped) setTimeout(() => void this.reconnect(), 1_000).unref();
    });
    await conn.connect();
    // The locks first, before anything else may use the connection (ids held meanwhile are in the loop too).
    for (const id of this.ids) await conn.query("SELECT pg_advisory_lock($1::bigint)", [livenessKey(id)]);
    this.conn = conn;
  }

  private async reconnect(): Promise<void> {
    if (this.stopped || this.conn) return;
    await this.connect().catch((e: Error) => {
      this.opts.log(`liveness: ${e.message}`);
      if (!this.stopped) setTimeout(() => void this.reconnect(), 1_000).unref();
    });
  }
}
