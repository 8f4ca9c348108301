// Runs one inventory sync per cluster across all workers: a worker syncs a cluster only while it holds
// that cluster's PostgreSQL advisory lock, so several workers share the clusters without duplicates.
import type { Db } from "@capstan/db";
import { advisoryKey } from "@capstan/db/advisory-lock";
import pg from "pg";
import { type InventorySync, startInventorySync } from "./inventory";
import { DEAD_PEER_OPTIONS } from "./liveness";
import type { InventoryWatch } from "./inventory/watch";

const lockKey = (clusterId: string) => advisoryKey("inventory", clusterId);

/** Runs, per cluster this worker holds, the inventory sync of `watches` (the worker's controllers' watches). */
export function manageInventory(db: Db, url: string, log: (msg: string) => void, everyMs = 5_000, watches?: InventoryWatch<never>[]) {
  const running = new Map<string, { version: number; sync: InventorySync }>();
  // Session-level advisory locks live as long as this one connection; when it drops, the locks are
  // gone, so every sync stops and the next tick reconnects and competes for the clusters again.
  let lockConn: pg.Client | undefined;
  let stopped = false;

  async function connection(): Promise<pg.Client> {
    if (lockConn) return lockConn;
    const client = new pg.Client({ connectionString: url, options: DEAD_PEER_OPTIONS });
    client.on("error", (e) => {
      log(`inventory: lock connection lost (${e.message}); releasing clusters`);
      if (lockConn === client) lockConn = undefined;
      for (const r of running.values()) void r.sync.stop();
      running.clear();
    });
    await client.connect();
    lockConn = client;
    return client;
  }

  async function tick() {
    const conn = await connection();
    const clusters = await db.cluster.findMany();
    for (const c of clusters) {
      const current = running.get(c.id);
      if (current?.version === c.version) continue;
      if (current)
        await current.sync.stop(); // the kubeconfig changed: start again with the new one
      else {
        const { rows } = await conn.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [lockKey(c.id)]);
        if (!rows[0]?.ok) continue; // another worker syncs this cluster
      }
      log(`inventory: watching ${c.name}`);
      running.set(c.id, { version: c.version, sync: startInventorySync(db, c, log, watches) });
    }
    for (const [id, r] of running)
      if (!clusters.some((c) => c.id === id)) {
        await r.sync.stop();
        running.delete(id);
        await conn.query("SELECT pg_advisory_unlock($1::bigint)", [lockKey(id)]);
      }
  }

  // The wait between looks ends early on stop, so a shutdown does not wait out the interval.
  let wake: (() => void) | undefined;
  const loop = async () => {
    while (!stopped) {
      await tick().catch((e) => log(`inventory: ${(e as Error).message}`));
      if (!stopped) await new Promise<void>((r) => setTimeout((wake = r), everyMs));
    }
  };
  const done = loop();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await Promise.all([...running.values()].map((r) => r.sync.stop()));
      await done.catch(() => undefined);
      await lockConn?.end().catch(() => undefined);
    },
  };
}
