// One reconcile at a time per cluster, across every worker: a transaction-scoped advisory lock on a
// connection of its own. If the worker dies, PostgreSQL ends the session and the lock is free at once
// (graphile-worker's named queues would stay locked for hours after a crash).
import { createHash } from "node:crypto";
import type pg from "pg";

const key = (clusterId: string) => createHash("sha256").update(`reconcile:${clusterId}`).digest().readBigInt64BE(0).toString();

export async function withClusterLock<T>(pool: pg.Pool, clusterId: string, work: () => Promise<T>): Promise<T> {
  const conn = await pool.connect();
  try {
    await conn.query("BEGIN");
    await conn.query("SELECT pg_advisory_xact_lock($1::bigint)", [key(clusterId)]);
    try {
      return await work();
    } finally {
      await conn.query("COMMIT");
    }
  } finally {
    conn.release();
  }
}
