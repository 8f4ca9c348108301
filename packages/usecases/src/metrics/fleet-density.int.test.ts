// The fleet's density: used (the last five minutes' points of the pods on the nodes) against the same pods'
// requests against allocatable, per cluster and per zone, with the nodes' overhead beside it and figures
// small enough to add up by hand; who may read it.
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
  // Every node may allocate 4 cores and 16,000 MiB. Its inventory "requested" is left at 0: the figures come
  // from the pods themselves.
  const node = (clusterId: string, name: string, zone: string) => ({
    clusterId,
    name,
    zone,
    status: "ONLINE" as const,
    ready: true,
    allocCpuMillis: 4000,
    allocMemoryMiB: 16_000,
  });
  await db.node.createMany({
    data: [node(c1, "a1", "default"), node(c1, "a2", "cicd"), node(c1, "a3", "default"), node(c2, "b1", "default")],
  });
  const storefront = await db.application.findFirstOrThrow({ where: { name: "storefront", system: { name: "shop" } } });
  const group = async (name: string, clusterId: string) =>
    db.group.create({
      data: {
        applicationId: storefront.id,
        name,
        clusterId,
        dataCentreId: (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).dataCentreId,
        imageTag: "1",
        replicas: 1,
        cpuMillis: 100,
        memoryMiB: 64,
      },
    });
  const [web, api] = [(await group("web", c1)).id, (await group("api", c2)).id];
  const pod = (clusterId: string, groupId: string | null, name: string, nodeName: string | null, phase: string, cpuMillis: number, memoryMiB: number) => ({
    clusterId,
    namespace: "shop",
    name,
    uid: name,
    groupId,
    nodeName,
    phase,
    cpuMillis,
    memoryMiB,
  });
  await db.pod.createMany({
    data: [
      pod(c1, web, "web-1", "a1", "Running", 1000, 2048),
      pod(c1, web, "web-2", "a1", "Running", 1000, 2048),
      pod(c1, web, "web-3", "a2", "Running", 2000, 4096),
      // bound but not started: its request counts, it has no points (not measured)
      pod(c1, web, "web-5", "a3", "Pending", 1000, 2048),
      // finished, and not yet bound: neither counts
      pod(c1, web, "web-4", "a2", "Succeeded", 1000, 1000),
      pod(c1, web, "web-6", null, "Pending", 9999, 9999),
      pod(c2, api, "api-1", "b1", "Running", 500, 1024),
      // a pod of no group (Capstan scrapes only its groups' pods): requested, not measured
      pod(c2, null, "lb-1", "b1", "Running", 100, 64),
    ],
  });
  const at = (secondsAgo: number, resolution = 15) => ({ resolution, at: ago(secondsAgo) });
  const podPoint = (groupId: string, pod: string, secondsAgo: number, cpuMillis: number, memoryMiB: number, resolution = 15) => ({
    groupId,
    pod,
    ...at(secondsAgo, resolution),
    cpuMillis,
    memoryMiB,
  });
  await db.podMetricPoint.createMany({
    data: [
      // web-1: means 200m and 512 MiB in the window
      podPoint(web, "web-1", 60, 100, 512),
      podPoint(web, "web-1", 30, 300, 512),
      // …and figures that must not count: before the window, a minute point inside it, another group's
      // pod of the same name, a finished pod
      podPoint(web, "web-1", 6 * 60, 9999, 9999),
      podPoint(web, "web-1", 120, 9999, 9999, 60),
      podPoint(api, "web-1", 30, 9999, 9999),
      podPoint(web, "web-4", 15, 9999, 9999),
      podPoint(web, "web-2", 45, 100, 1024),
      podPoint(web, "web-3", 45, 500, 256),
      podPoint(api, "api-1", 15, 300, 100),
    ],
  });
  const nodePoint = (clusterId: string, node: string, secondsAgo: number, cpuMillis: number, memoryMiB: number, resolution = 15) => ({
    clusterId,
    node,
    ...at(secondsAgo, resolution),
    cpuMillis,
    memoryMiB,
  });
  // The nodes' own usage: their pods' and their system daemons'. As the simulator's, far above the pods'.
  await db.nodeMetricPoint.createMany({
    data: [
      // a1: means 800m and 2048 MiB, its pods 300m and 1536 MiB: 500m and 512 MiB overhead
      nodePoint(c1, "a1", 60, 700, 2048),
      nodePoint(c1, "a1", 30, 900, 2048),
      nodePoint(c1, "a1", 6 * 60, 9999, 9999),
      // a2: 600m and 300 MiB, its pod 500m and 256 MiB
      nodePoint(c1, "a2", 45, 600, 300),
      // a3 has no points; b1: 450m and 200 MiB, its measured pod 300m and 100 MiB
      nodePoint(c2, "b1", 15, 450, 200),
    ],
  });
});

describe("the fleet's density", () => {
  it("sets the pods' mean use over the window against the same pods' requests and the nodes' allocatable, per cluster and per zone", async () => {
    const d = await getFleetDensity(world.as.ops, now);
    expect(d.windowSeconds).toBe(300);
    expect(d.generatedAt).toBe(now.toISOString());
    expect(d.clusters).toEqual([
      {
        dataCentre: "dc1",
        cluster: "dc1-c1",
        nodes: 3,
        // web-1, web-2, web-3 measured; web-5 not
        pods: 4,
        measured: 3,
        // used 200 + 100 + 500; overhead a1 800 − 300, a2 600 − 500; requested 1000 + 1000 + 2000 + 1000
        cpuMillis: { used: 800, overhead: 600, requested: 5000, allocatable: 12_000 },
        // used 512 + 1024 + 256; overhead a1 2048 − 1536, a2 300 − 256; requested 2048 + 2048 + 4096 + 2048
        memoryMiB: { used: 1792, overhead: 556, requested: 10_240, allocatable: 48_000 },
      },
      {
        dataCentre: "dc2",
        cluster: "dc2-c1",
        nodes: 1,
        pods: 2,
        measured: 1,
        // overhead 450 − 300; requested 500 + 100 (lb-1)
        cpuMillis: { used: 300, overhead: 150, requested: 600, allocatable: 4000 },
        memoryMiB: { used: 100, overhead: 100, requested: 1088, allocatable: 16_000 },
      },
    ]);
    // zones across clusters: default is a1, a3 and b1
    expect(d.zones).toEqual([
      {
        zone: "cicd",
        nodes: 1,
        pods: 1,
        measured: 1,
        cpuMillis: { used: 500, overhead: 100, requested: 2000, allocatable: 4000 },
        memoryMiB: { used: 256, overhead: 44, requested: 4096, allocatable: 16_000 },
      },
      {
        zone: "default",
        nodes: 3,
        pods: 5,
        measured: 3,
        cpuMillis: { used: 600, overhead: 650, requested: 3600, allocatable: 12_000 },
        memoryMiB: { used: 1636, overhead: 612, requested: 7232, allocatable: 48_000 },
      },
    ]);
  });

  it("is read by platform admins and ops, as the fleet overview; others are refused", async () => {
    expect(await outcome(() => getFleetDensity(world.as.platformAdmin))).toBe("ok");
    expect(await outcome(() => getFleetDensity(world.as.developer))).toBe(403);
    expect(await outcome(() => getFleetDensity(world.as.viewer))).toBe(403);
  });
});
