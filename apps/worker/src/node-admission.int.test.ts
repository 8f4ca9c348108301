// New nodes entering INIT in batches, against a real PostgreSQL: each with its transition and reconcile
// request exactly once, whether a batch is re-run or two syncs enter the same nodes at the same time; and
// through the inventory itself, a simulated cluster of 500 new nodes synced, then synced again.
import type { Db } from "@capstan/db";
import { registerCluster, registerDataCentre } from "@capstan/usecases";
import type { V1Node } from "@kubernetes/client-node";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { buildWorld, kubeconfigFor } from "../../../packages/usecases/src/testing/fixtures";
import { startInventorySync, nodeFields } from "./inventory";
import { APPEARED, enterInit } from "./node-admission";
import { simulatedWorld, waitFor } from "./testing";

const node = (name: string, cpu = "16"): V1Node => ({
  metadata: { name, labels: { zone: "default", "kubernetes.io/hostname": name }, resourceVersion: "1" },
  status: {
    capacity: { cpu, memory: "64Gi", pods: "110" },
    allocatable: { cpu, memory: "64Gi", pods: "110" },
    conditions: [{ type: "Ready", status: "True" }],
  },
});
const batch = (names: string[]) => names.map((name) => ({ name, data: nodeFields(node(name)) }));
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);

/** Reconcile-node jobs by key, as graphile-worker holds them. */
async function nodeJobs(db: Db) {
  return db.$queryRaw<{ key: string; payload: { nodeId: string; clusterId: string }; max_attempts: number }[]>`
    SELECT j.key, j.payload, j.max_attempts FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = 'reconcile-node'`;
}

describe("enterInit, in batches", () => {
  let db: Db;
  let clusterId: string;
  beforeAll(async () => {
    ({ db } = await testDatabase());
    const world = await buildWorld(db);
    await registerDataCentre(world.as.platformAdmin, {
      name: "dc1",
      displayName: "DC 1",
      region: "r1",
      harborUrl: "http://harbor.invalid",
      harborUsername: "admin",
      harborPassword: "unused",
    });
    await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
    ({ id: clusterId } = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } }));
  });
  afterAll(() => db?.$disconnect());

  it("enters 500 new nodes in INIT, each with its transition by the system and a reconcile request; again, nothing", async () => {
    const nodes = batch(names("big", 500));
    const start = Date.now();
    expect(await enterInit(db, clusterId, nodes)).toEqual(nodes.map(() => true));
    const byName = new Map(nodes.map((n) => [n.name, n.data]));

    const rows = await db.node.findMany({ where: { clusterId, name: { startsWith: "big-" } }, include: { transitions: true } });
    expect(rows).toHaveLength(500);
    for (const r of rows) {
      expect(r).toMatchObject({ status: "INIT", zone: "default", ready: true, capacityCpuMillis: 16_000, allocPods: 110, resourceVersion: "1" });
      expect(r.transitions).toEqual([
        expect.objectContaining({ from: null, to: "INIT", actorId: null, jobId: null, reason: APPEARED, result: "PENDING", detail: null, finishedAt: null }),
      ]);
      // Every field as nodeFields gave it, and the times as Prisma keeps them (UTC, now).
      const { lastSeenAt, ...fields } = byName.get(r.name)!;
      expect(r).toMatchObject({
        ...(JSON.parse(JSON.stringify(fields)) as object),
        requestedCpuMillis: 0,
        podCount: 0,
        version: 1,
        desiredLabels: null,
        checkResults: null,
      });
      expect(r.lastSeenAt).toEqual(lastSeenAt);
      for (const t of [r.createdAt, r.updatedAt, r.statusChangedAt, r.transitions[0]!.createdAt]) expect(Math.abs(t.getTime() - start)).toBeLessThan(60_000);
    }
    const jobs = new Map((await nodeJobs(db)).map((j) => [j.key, j]));
    for (const r of rows) expect(jobs.get(`node:${r.id}`)).toMatchObject({ payload: { nodeId: r.id, clusterId }, max_attempts: 1000 });

    const before = { nodes: await db.node.count(), transitions: await db.nodeTransition.count(), jobs: (await nodeJobs(db)).length };
    expect(await enterInit(db, clusterId, nodes)).toEqual(nodes.map(() => false));
    expect({ nodes: await db.node.count(), transitions: await db.nodeTransition.count(), jobs: (await nodeJobs(db)).length }).toEqual(before);
  });

  it("two syncs entering overlapping nodes at once neither fail nor enter a node twice", async () => {
    const all = names("both", 450);
    const [a, b] = await Promise.all([enterInit(db, clusterId, batch(all.slice(0, 300))), enterInit(db, clusterId, batch(all.slice(150).reverse()))]);
    expect([...a, ...b].filter(Boolean)).toHaveLength(450);
    expect(await db.node.count({ where: { name: { startsWith: "both-" } } })).toBe(450);
    expect(await db.nodeTransition.count({ where: { node: { name: { startsWith: "both-" } } } })).toBe(450);
  });

  it("a name given twice in one batch is entered once", async () => {
    const twice = batch(["twice-1", "twice-1"]);
    expect(await enterInit(db, clusterId, twice)).toEqual([true, false]);
    expect(await db.nodeTransition.count({ where: { node: { name: "twice-1" } } })).toBe(1);
  });
});

describe("the inventory's first sync of a cluster of 500 new nodes", { timeout: 120_000 }, () => {
  let sim: Sim;
  let db: Db;
  beforeAll(async () => {
    ({ sim, db } = await simulatedWorld({ nodes: 500, timings: { startMs: 0, probeScale: 0 } }));
  }, 120_000);
  afterAll(() => sim?.stop());

  it("enters every node in INIT with its transition; a second sync of the same cluster enters none", async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    const errors: string[] = [];
    let sync = startInventorySync(db, cluster, (m) => errors.push(m));
    try {
      await waitFor(
        "500 nodes in INIT",
        () => db.node.count({ where: { status: "INIT" } }),
        (n) => n === 500,
        60_000,
      );
      await waitFor(
        "500 transitions",
        () => db.nodeTransition.count(),
        (n) => n === 500,
        10_000,
      );
    } finally {
      await sync.stop();
    }
    expect(await db.nodeTransition.count({ where: { from: null, to: "INIT", actorId: null, reason: APPEARED } })).toBe(500);
    expect(new Set((await nodeJobs(db)).map((j) => j.key)).size).toBe(500);
    expect(errors).toEqual([]);

    // A fresh sync (a restarted worker) sees the same 500 nodes: updates, no new rows or history.
    const seenBefore = await db.node.aggregate({ _max: { lastSeenAt: true } });
    sync = startInventorySync(db, cluster, (m) => errors.push(m));
    try {
      await waitFor(
        "the nodes to be seen again",
        () => db.node.aggregate({ _min: { lastSeenAt: true } }),
        (a) => a._min.lastSeenAt! > seenBefore._max.lastSeenAt!,
        60_000,
      );
    } finally {
      await sync.stop();
    }
    expect(await db.node.count()).toBe(500);
    expect(await db.nodeTransition.count()).toBe(500);
    expect(errors).toEqual([]);
  });
});
