// A cluster is reconciled by one worker at a time. The worker holds a session-level advisory lock on a
// connection of its own while it has work for the cluster: taken when its first job for the cluster
// starts, released when its last one ends. Jobs of one cluster run side by side in the worker holding
// it (each object has one job at a time, by job key), while other workers wait. If the worker dies,
// PostgreSQL ends the session and the lock is free at once (graphile-worker's named queues would stay
// locked for hours after a crash).
import { advisoryKey } from "@capstan/db/advisory-lock";
import type pg from "pg";

const key = (clusterId: string) => advisoryKey("reconcile", clusterId);

interface Lease {
  /** Jobs using or waiting for the lease; counted synchronously so a lease is never freed under one. */
  users: number;
  conn: Promise<pg.PoolClient>;
}

export class ClusterLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly pool: pg.Pool) {
    // A session ended under a held lease (database restart, terminated backend) must not crash the
    // worker; the lease is lost with it, and its release drops the connection.
    pool.on("connect", (conn) => conn.on("error", () => undefined));
  }

  async run<T>(clusterId: string, work: () => Promise<T>): Promise<T> {
    let lease = this.leases.get(clusterId);
    if (!lease) {
      lease = { users: 0, conn: this.acquire(clusterId) };
      this.leases.set(clusterId, lease);
    }
    lease.users++;
    try {
      await lease.conn;
      return await work();
    } finally {
      if (--lease.users === 0) {
        this.leases.delete(clusterId);
        await this.release(clusterId, lease);
      }
    }
  }

  private async acquire(clusterId: string): Promise<pg.PoolClient> {
    const conn = await this.pool.connect();
    try {
      await conn.query("SELECT pg_advisory_lock($1::bigint)", [key(clusterId)]);
      return conn;
    } catch (e) {
      conn.release(e as Error);
      throw e;
    }
  }

  private async release(clusterId: string, lease: Lease): Promise<void> {
    const conn = await lease.conn.catch(() => undefined);
    if (!conn) return; // never acquired
    try {
      await conn.query("SELECT pg_advisory_unlock($1::bigint)", [key(clusterId)]);
      conn.release();
    } catch (e) {
      conn.release(e as Error); // a broken session: dropping it frees the lock
    }
  }
}
