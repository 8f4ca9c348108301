// The fleet overview: counts and capacity per cluster and zone, stuck and NotReady nodes, recent moves.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { getFleetOverview, registerCluster, registerDataCentre } from "../index";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";

let world: World;
const HOUR = 3_600_000;
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  for (const dc of ["dc1", "dc2"]) {
    await registerDataCentre(world.as.platformAdmin, {
      name: dc,
      displayName: dc,
      region: "r",
      harborUrl: "http://h.test",
      harborUsername: "a",
      harborPassword: "p",
    });
    await registerCluster(world.as.platformAdmin, { name: `${dc}-c1`, dataCentre: dc, kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  }
  const id = async (name: string) => (await db.cluster.findUniqueOrThrow({ where: { name } })).id;
  const [c1, c2] = [await id("dc1-c1"), await id("dc2-c1")];
  const node = (clusterId: string, name: string, status: "INIT" | "WAIT" | "ONLINE" | "OFFLINE", zone: string, extra: object = {}) => ({
    clusterId,
    name,
    status,
    zone,
    ready: true,
    statusChangedAt: ago(60_000),
    capacityCpuMillis: 16_000,
    allocCpuMillis: 15_000,
    requestedCpuMillis: 5_000,
    capacityMemoryMiB: 65_536,
    allocMemoryMiB: 60_000,
    requestedMemoryMiB: 10_000,
    capacityGpu: 0,
    allocGpu: 0,
    requestedGpu: 0,
    ...extra,
  });
  await db.node.createMany({
    data: [
      node(c1, "a1", "ONLINE", "default"),
      node(c1, "a2", "ONLINE", "default", { ready: false }),
      node(c1, "a3", "ONLINE", "cicd", { capacityGpu: 4, allocGpu: 4, requestedGpu: 1 }),
      node(c1, "a4", "INIT", "cicd", { statusChangedAt: ago(HOUR) }), // INIT allows 30 min: stuck
      node(c2, "b1", "WAIT", "default", { statusChangedAt: ago(2 * HOUR) }), // WAIT allows a day: fine
      node(c2, "b2", "OFFLINE", "default", { statusChangedAt: ago(8 * 24 * HOUR), ready: false }), // stuck and NotReady
    ],
  });
  const b2 = await db.node.findFirstOrThrow({ where: { name: "b2" } });
  const ops = await db.user.findUniqueOrThrow({ where: { email: "ops@capstan.test" } });
  await db.nodeTransition.createMany({
    data: [
      { nodeId: b2.id, from: null, to: "INIT", reason: "appeared", createdAt: ago(9 * 24 * HOUR) },
      { nodeId: b2.id, from: "ONLINE", to: "OFFLINE", reason: "disk swap", actorId: ops.id, createdAt: ago(8 * 24 * HOUR) },
    ],
  });
});

describe("getFleetOverview", () => {
  it("counts nodes by status, cluster and zone, and sums capacity", async () => {
    const o = await getFleetOverview(world.as.ops, now);
    expect(o.total).toMatchObject({ nodes: 6, byStatus: { INIT: 1, WAIT: 1, ONLINE: 3, OFFLINE: 1 }, notReady: 2, stuck: 2, attention: 3 });
    expect(o.total.capacity.cpu).toEqual({ capacity: 96_000, allocatable: 90_000, requested: 30_000 });
    expect(o.total.capacity.gpu).toEqual({ capacity: 4, allocatable: 4, requested: 1 });
    expect(o.clusters.map((c) => [c.dataCentre, c.cluster, c.nodes])).toEqual([
      ["dc1", "dc1-c1", 4],
      ["dc2", "dc2-c1", 2],
    ]);
    expect(o.clusters[0]!.zones.map((z) => [z.zone, z.byStatus])).toEqual([
      ["cicd", { INIT: 1, WAIT: 0, ONLINE: 1, OFFLINE: 0 }],
      ["default", { INIT: 0, WAIT: 0, ONLINE: 2, OFFLINE: 0 }],
    ]);
    expect(o.zones.map((z) => [z.zone, z.nodes, z.capacity.memory.allocatable])).toEqual([
      ["cicd", 2, 120_000],
      ["default", 4, 240_000],
    ]);
  });

  it("lists stuck and NotReady nodes longest first with their last transition, and the latest moves", async () => {
    const o = await getFleetOverview(world.as.ops, now);
    expect(o.attention.map((a) => [a.name, a.ready, a.stuckForMs !== null])).toEqual([
      ["b2", false, true],
      ["a4", true, true],
      ["a2", false, false],
    ]);
    expect(o.attention[0]!.lastTransition).toMatchObject({ by: "ops", reason: "disk swap", at: ago(8 * 24 * HOUR).toISOString() });
    expect(o.attention[1]!.lastTransition).toBeNull();
    expect(o.recentTransitions).toEqual([
      {
        cluster: "dc2-c1",
        node: "b2",
        from: "ONLINE",
        to: "OFFLINE",
        reason: "disk swap",
        result: "PENDING",
        by: "ops",
        at: ago(8 * 24 * HOUR).toISOString(),
      },
      { cluster: "dc2-c1", node: "b2", from: null, to: "INIT", reason: "appeared", result: "PENDING", by: null, at: ago(9 * 24 * HOUR).toISOString() },
    ]);
  });

  it("is for platform admins and ops only", async () => {
    await expect(getFleetOverview(world.as.platformAdmin)).resolves.toMatchObject({ total: { nodes: 6 } });
    await expect(getFleetOverview(world.as.departmentAdmin)).rejects.toMatchObject({ status: 403 });
    await expect(getFleetOverview(world.as.developer)).rejects.toMatchObject({ status: 403 });
  });
});
