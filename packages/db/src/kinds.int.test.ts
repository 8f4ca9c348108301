// A reconcile requested for later (runAt) waits until then, and a request for later never puts off one
// already waiting to run sooner (keepRunAt), against graphile-worker's own add_jobs in a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { kinds } from "./kinds";

describe("a kind's request", () => {
  it("runs at runAt, and keepRunAt keeps an earlier waiting time", async () => {
    const { db } = await testDatabase();
    const runAt = async () =>
      (await db.$queryRaw<{ run_at: Date }[]>`SELECT run_at FROM graphile_worker.jobs WHERE key = 'lb:a'`).map((j) => j.run_at.getTime());
    const p = { loadBalancerId: "a", clusterId: "c" };
    const later = new Date(Date.now() + 60_000);
    await kinds.loadBalancer.request(db, p, { runAt: later });
    expect(await runAt()).toEqual([later.getTime()]);
    // Asked again now (a use case's change): it runs now, not in a minute.
    await kinds.loadBalancer.request(db, p);
    const [now] = await runAt();
    expect(now!).toBeLessThan(Date.now() + 1_000);
    // The controller asking to look again later leaves that waiting job's time alone.
    await kinds.loadBalancer.request(db, p, { runAt: later, keepRunAt: true });
    expect(await runAt()).toEqual([now]);
    await db.$disconnect();
  });
});
