// A reconcile requested for later (runAt) waits until then, and a request for later never puts off one
// already waiting to run sooner (keepRunAt), against graphile-worker's own add_jobs in a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { jobRequestId, kinds, reconcile } from "./kinds";
import { withRequestId } from "./request-context";

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

  it("carries the id of the request that queued it, for the worker's log line, and none outside a request", async () => {
    const { db } = await testDatabase();
    const payload = async (key: string) =>
      (await db.$queryRaw<{ payload: unknown }[]>`SELECT payload FROM graphile_worker._private_jobs WHERE key = ${key}`)[0]?.payload;
    await withRequestId("req-1", () => kinds.loadBalancer.request(db, { loadBalancerId: "r", clusterId: "c" }));
    expect(await payload("lb:r")).toEqual({ loadBalancerId: "r", clusterId: "c", requestId: "req-1" });
    expect(jobRequestId(await payload("lb:r"))).toBe("req-1");
    await kinds.group.request(db, { groupId: "g", clusterId: "c" });
    expect(await payload("group:g")).toEqual({ groupId: "g", clusterId: "c" });
    expect(jobRequestId(await payload("group:g"))).toBeUndefined();
    // and a kind's own schema still reads the payload as before
    expect(kinds.loadBalancer.payload.parse(await payload("lb:r"))).toEqual({ loadBalancerId: "r", clusterId: "c" });
    await withRequestId("req-2", () => reconcile.initNodes(db));
    await db.$disconnect();
  });
});
