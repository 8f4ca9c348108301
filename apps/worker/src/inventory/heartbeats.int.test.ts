// Nodes seen again with nothing changed but their heartbeat: lastSeenAt and resourceVersion refreshed at
// most once a minute, in one statement for many nodes, with no other column or history touched.
import type { Db } from "@capstan/db";
import { ClusterClient } from "@capstan/orchestrator";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startInventorySync } from "../inventory";
import { simulatedWorld, waitFor } from "../testing";

describe("known nodes seen again unchanged", { timeout: 120_000 }, () => {
  let sim: Sim;
  let db: Db;
  beforeAll(async () => {
    ({ sim, db } = await simulatedWorld({ nodes: 4, timings: { startMs: 0, probeScale: 0 } }));
  }, 120_000);
  afterAll(async () => {
    vi.useRealTimers();
    await sim?.stop();
  });

  it("refresh lastSeenAt and resourceVersion once a minute has passed, and nothing else", async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    const client = new ClusterClient(sim.dataCentres[0]!.clusters[0]!.kubeconfig());
    const errors: string[] = [];
    const sync = startInventorySync(db, cluster, (m) => errors.push(m));
    try {
      await waitFor(
        "4 nodes",
        () => db.node.count(),
        (n) => n === 4,
        30_000,
      );
      const before = await db.node.findMany({ orderBy: { name: "asc" } });
      const transitions = await db.nodeTransition.count();
      // A change Capstan does not store (an annotation) within the minute: nothing is written.
      await client.patchNode(before[0]!.name, { metadata: { annotations: { "example.com/a": "1" } } });
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await db.node.findUniqueOrThrow({ where: { id: before[0]!.id } })).resourceVersion).toBe(before[0]!.resourceVersion);

      // A minute later, the same kind of change on every node is their heartbeat.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000, shouldAdvanceTime: true });
      const later = new Date();
      for (const n of before) await client.patchNode(n.name, { metadata: { annotations: { "example.com/a": "2" } } });
      const after = await waitFor(
        "every node's heartbeat",
        () => db.node.findMany({ orderBy: { name: "asc" } }),
        (rows) => rows.every((r) => r.lastSeenAt! >= later),
        15_000,
      );
      for (const [i, row] of after.entries()) {
        const { lastSeenAt, resourceVersion, updatedAt, ...rest } = row;
        const { lastSeenAt: _l, resourceVersion: rvBefore, updatedAt: _u, ...restBefore } = before[i]!;
        expect(rest).toEqual(restBefore);
        expect(Number(resourceVersion)).toBeGreaterThan(Number(rvBefore));
        expect(lastSeenAt!.getTime()).toBeLessThan(later.getTime() + 15_000);
        expect(updatedAt.getTime()).toBeGreaterThan(before[i]!.updatedAt.getTime());
      }
      expect(await db.nodeTransition.count()).toBe(transitions);
      expect(errors).toEqual([]);
    } finally {
      vi.useRealTimers();
      await sync.stop();
    }
  });
});
