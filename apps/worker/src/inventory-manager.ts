// Runs one inventory sync per cluster across all workers: a worker syncs a cluster only while it holds
// that cluster's PostgreSQL advisory lock, so several workers share the clusters without duplicates.
import { createHash } from "node:crypto";
import type { Db } from "@capstan/db";
import pg from "pg";
import { type InventorySync, startInventorySync } from "./inventory";

const lockKey = (clusterId: string) => createHash("sha256").update(`inventory:${clusterId}`).digest().readBigInt64BE(0).toString();

export function manageInventory(db: Db, url: string, log: (msg: string) => void, everyMs = 5_000) {
  const running = new Map<string, { version: number; sync: InventorySync }>();
  // Session-level advisory locks live as long as this one connection.
  const lockConn = new pg.Client({ connectionString: url });
  let stopped = false;

  async function tick() {
    const clusters = await db.cluster.findMany();
    for (const c of clusters) {
      const current = running.get(c.id);
      if (current?.version === c.version) continue;
      if (current) current.sync.stop(); // the kubeconfig changed: start again with the new one
      else {
        const { rows } = await lockConn.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [lockKey(c.id)]);
        if (!rows[0]?.ok) continue; // another worker syncs this cluster
      }
      log(`inventory: watching ${c.name}`);
      running.set(c.id, { version: c.version, sync: startInventorySync(db, c, log) });
    }
    for (const [id, r] of running)
      if (!clusters.some((c) => c.id === id)) {
        r.sync.stop();
        running.delete(id);
        await lockConn.query("SELECT pg_advisory_unlock($1::bigint)", [lockKey(id)]);
      }
  }

  const loop = async () => {
    await lockConn.connect();
    while (!stopped) {
      await tick().catch((e) => log(`inventory: ${(e as Error).message}`));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  const done = loop();
  return {
    async stop() {
      stopped = true;
      for (const r of running.values()) r.sync.stop();
      await done.catch(() => undefined);
      await lockConn.end();
    },
  };
}
