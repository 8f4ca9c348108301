// Cluster leases against a real PostgreSQL: one worker runs a cluster's jobs side by side; another
// worker's job for that cluster waits until the first worker has none left; a dead session frees it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { ClusterLeases } from "./cluster-lock";

let pools: pg.Pool[];
beforeAll(async () => {
  const { url } = await testDatabase();
  pools = [new pg.Pool({ connectionString: url, max: 4 }), new pg.Pool({ connectionString: url, max: 4 })];
});
afterAll(() => Promise.all(pools.map((p) => p.end())));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("cluster leases", () => {
  it("let one worker run a cluster's jobs together while another worker waits", async () => {
    const [a, b] = pools.map((p) => new ClusterLeases(p)) as [ClusterLeases, ClusterLeases];
    const log: string[] = [];
    const job = (who: string, ms: number) => async () => {
      log.push(`${who} start`);
      await sleep(ms);
      log.push(`${who} end`);
    };
    const first = Promise.all([a.run("c1", job("a1", 300)), sleep(20).then(() => a.run("c1", job("a2", 100)))]);
    // b asks once a holds the lease (opening a connection can take long on a loaded machine).
    while (!log.includes("a1 start")) await sleep(5);
    const other = b.run("c1", job("b1", 10));
    const elsewhere = b.run("c2", job("b-c2", 10)); // another cluster is not held up
    await Promise.all([first, other, elsewhere]);
    expect(log.indexOf("a2 start")).toBeLessThan(log.indexOf("a1 end")); // side by side in the holder
    expect(log.indexOf("b1 start")).toBeGreaterThan(log.indexOf("a2 end")); // b waited for a's last job
    expect(log.indexOf("b-c2 end")).toBeLessThan(log.indexOf("a1 end"));
  });

  it("are free again once the holding session dies", async () => {
    const { url } = await testDatabase();
    const dying = new pg.Pool({ connectionString: url, max: 1 });
    let release!: () => void;
    const running = new ClusterLeases(dying).run("c3", () => new Promise<void>((r) => (release = r)));
    await sleep(200);
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const { rows } = await watcher.query(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(rows).toHaveLength(1);
    await watcher.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    await watcher.end();
    const next = new pg.Pool({ connectionString: url, max: 1 });
    await new ClusterLeases(next).run("c3", async () => undefined); // would hang if the lock outlived its session
    await next.end();
    release();
    await running;
    await dying.end();
  });
});
