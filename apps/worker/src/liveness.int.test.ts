// A dead worker's jobs are freed within seconds; a live worker's are left alone (liveness.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { livenessKey, WorkerLiveness } from "./liveness";

let url: string;
let sql: pg.Client;
let other: pg.Client;
let liveness: WorkerLiveness;
/** Warnings this process printed (pg's deprecations among them), from the first test on. */
const warnings: string[] = [];
process.on("warning", (w) => warnings.push(w.message));

beforeAll(async () => {
  ({ url } = await testDatabase());
  sql = new pg.Client({ connectionString: url });
  other = new pg.Client({ connectionString: url });
  await Promise.all([sql.connect(), other.connect()]);
  liveness = await WorkerLiveness.start(url, { log: () => {}, reapEverySeconds: 3600 });
});

afterAll(async () => {
  await liveness?.stop();
  await Promise.all([sql?.end(), other?.end()]);
});

/** A job locked by `workerId` `secondsAgo` seconds ago; resolves to its id. */
async function lockedJob(workerId: string, secondsAgo: number): Promise<string> {
  const { rows } = await sql.query<{ id: string }>("SELECT id FROM graphile_worker.add_job('resync', '{}'::json)");
  const id = rows[0]!.id;
  await sql.query("UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - make_interval(secs => $3) WHERE id = $1", [
    id,
    workerId,
    secondsAgo,
  ]);
  return id;
}

const lockedBy = async (id: string) =>
  (await sql.query<{ locked_by: string | null }>("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1", [id])).rows[0]!.locked_by;

describe("worker liveness", () => {
  it("computes the liveness key in SQL as advisoryKey does in TypeScript", async () => {
    await other.query("SELECT pg_advisory_lock($1::bigint)", [livenessKey("worker-alive")]);
    const dead = await lockedJob("worker-gone", 10);
    const alive = await lockedJob("worker-alive", 10);
    expect(await liveness.reapOnce()).toEqual(["worker-gone"]);
    expect(await lockedBy(dead)).toBeNull();
    expect(await lockedBy(alive)).toBe("worker-alive");
    // The live worker dies: its session ends, and with it the lock.
    await other.query("SELECT pg_advisory_unlock_all()");
    expect(await liveness.reapOnce()).toEqual(["worker-alive"]);
    expect(await lockedBy(alive)).toBeNull();
  });

  it("leaves a job just locked alone, its worker may not hold its lock yet", async () => {
    const fresh = await lockedJob("worker-starting", 0);
    expect(await liveness.reapOnce()).toEqual([]);
    expect(await lockedBy(fresh)).toBe("worker-starting");
  });

  it("holds its own workers' locks, and hands their jobs back on request", async () => {
    liveness.hold("worker-mine");
    const mine = await lockedJob("worker-mine", 10);
    expect(await liveness.reapOnce()).not.toContain("worker-mine");
    expect(await lockedBy(mine)).toBe("worker-mine");
    await liveness.handBack();
    expect(await lockedBy(mine)).toBeNull();
  });

  it("uses its connection one query at a time, even for a burst of holds beside a reap", async () => {
    // graphile-worker creates its workers together: their holds arrive at once, and a reap may be running
    const burst = await WorkerLiveness.start(url, { log: () => {}, reapEverySeconds: 3600 });
    try {
      for (const id of ["w-1", "w-2", "w-3", "w-4"]) burst.hold(id);
      await burst.reapOnce();
      // the four locks are held: another session cannot take them
      const { rows } = await sql.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(k) AS ok FROM unnest($1::bigint[]) AS k", [
        ["w-1", "w-2", "w-3", "w-4"].map(livenessKey),
      ]);
      expect(rows.map((r) => r.ok)).toEqual([false, false, false, false]);
    } finally {
      await burst.stop();
    }
    // pg 8.16 warns (once per process) when a query is queued on a client while another runs; pg 9 refuses it
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });
});
