// The fleet's density: used (the last five minutes' node points) against requested against allocatable, per
// cluster and per zone, with figures small enough to add up by hand; who may read it.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { getFleetDensity, registerCluster, registerDataCentre } from "../index";
import { buildWorld, kubeconfigFor, outcome, type World } from "../testing/fixtures";

let world: World;
const now = new Date(Math.floor(Date.now() / 15_000) * 15_000);
const ago = (s: number) => new Date(now.getTime() - s * 1000);

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
  // Every node may allocate 4 cores and 16,000 MiB; they request different amounts.
  const node = (clusterId: string, name: string, zone: string, requestedCpuMillis: number, requestedMemoryMiB: number) => ({
    clusterId,
    name,
    zone,
    status: "ONLINE" as const,
    ready: true,
    allocCpuMillis: 4000,
    allocMemoryMiB: 16_000,
    requestedCpuMillis,
    requestedMemoryMiB,
  });
  await db.node.createMany({
    data: [
      node(c1, "a1", "default", 3000, 8192),
      node(c1, "a2", "cicd", 2000, 4096),
      node(c1, "a3", "default", 1000, 2048),
      node(c2, "b1", "default", 500, 1024),
    ],
  });
  const point = (clusterId: string, node: string, secondsAgo: number, cpuMillis: number, memoryMiB: number, resolution = 15) => ({
    clusterId,
    node,
    resolution,
    at: ago(secondsAgo),
    cpuMillis,
    memoryMiB,
  });
  await db.nodeMetricPoint.createMany({
    data: [
      // a1: 1000m and 2000m, 1024 and 2048 MiB in the window (means 1500m, 1536 MiB)
      point(c1, "a1", 60, 1000, 1024),
      point(c1, "a1", 30, 2000, 2048),
      // …and figures that must not count: before the window, and a minute point inside it
      point(c1, "a1", 6 * 60, 9999, 9999),
      point(c1, "a1", 120, 9999, 9999, 60),
      point(c1, "a2", 45, 500, 256),
      // a3 has no points: not measured
      point(c2, "b1", 15, 300, 100),
    ],
  });
});

describe("the fleet's density", () => {
  it("sums each node's mean use over the window beside what is requested and allocatable, per cluster and per zone", async () => {
    const d = await getFleetDensity(world.as.ops, now);
    expect(d.windowSeconds).toBe(300);
    expect(d.generatedAt).toBe(now.toISOString());
    expect(d.clusters).toEqual([
      {
        dataCentre: "dc1",
        cluster: "dc1-c1",
        nodes: 3,
        measured: 2,
        // a1 1500 + a2 500; requested 3000 + 2000 + 1000
        cpuMillis: { used: 2000, requested: 6000, allocatable: 12_000 },
        // a1 1536 + a2 256; requested 8192 + 4096 + 2048
        memoryMiB: { used: 1792, requested: 14_336, allocatable: 48_000 },
      },
      {
        dataCentre: "dc2",
        cluster: "dc2-c1",
        nodes: 1,
        measured: 1,
        cpuMillis: { used: 300, requested: 500, allocatable: 4000 },
        memoryMiB: { used: 100, requested: 1024, allocatable: 16_000 },
      },
    ]);
    // zones across clusters: default is a1, a3 and b1
    expect(d.zones).toEqual([
      {
        zone: "cicd",
        nodes: 1,
        measured: 1,
        cpuMillis: { used: 500, requested: 2000, allocatable: 4000 },
        memoryMiB: { used: 256, requested: 4096, allocatable: 16_000 },
      },
      {
        zone: "default",
        nodes: 3,
        measured: 2,
        cpuMillis: { used: 1800, requested: 4500, allocatable: 12_000 },
        memoryMiB: { used: 1636, requested: 11_264, allocatable: 48_000 },
      },
    ]);
  });

  it("is read by platform admins and ops, as the fleet overview; others are refused", async () => {
    expect(await outcome(() => getFleetDensity(world.as.platformAdmin))).toBe("ok");
    expect(await outcome(() => getFleetDensity(world.as.developer))).toBe(403);
    expect(await outcome(() => getFleetDensity(world.as.viewer))).toBe(403);
  });
});
