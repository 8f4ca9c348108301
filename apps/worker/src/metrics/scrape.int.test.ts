// A scrape writes each group pod's and node's usage from the simulator's metrics.k8s.io; raising the load
// model raises what is scraped; one worker takes each window; a cluster that fails is marked and does not
// stop the others.
import { createGroup, registerCluster } from "@capstan/usecases";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "../testing";
import { startWorker } from "../worker";
import { scrapeRound } from "./scrape";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
let groupId: string;
const WINDOW = 15_000;
const t0 = Math.floor(Date.now() / WINDOW) * WINDOW + 10 * WINDOW;

beforeAll(async () => {
  const env = await simulatedWorld({ clustersPerDc: 2, nodes: 3, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  await registerCluster(world.as.platformAdmin, { name: "dc1-c2", dataCentre: "dc1", kubeconfig: sim.clusters[1]!.kubeconfig() });
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
  await createGroup(world.as.developer, "shop", "storefront", {
    name: "web",
    dataCentre: "dc1",
    imageTag: "1.0",
    replicas: 2,
    cpu: "100m",
    memory: "128Mi",
  });
  const g = await waitFor(
    "the group available",
    () => world.db.group.findFirstOrThrow({ where: { name: "web" } }),
    (x) => x.phase === "AVAILABLE",
    40_000,
  );
  groupId = g.id;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

const podPoints = (ms: number) => world.db.podMetricPoint.findMany({ where: { groupId, resolution: 15, at: new Date(ms) }, orderBy: { pod: "asc" } });

describe("the metrics scrape", () => {
  it("writes a 15-second point per group pod and per node, once per window", { timeout: 30_000 }, async () => {
    const clusterOfGroup = (await world.db.group.findUniqueOrThrow({ where: { id: groupId }, include: { cluster: true } })).cluster.name;
    const r = await scrapeRound(world.db, t0 + 3_000);
    expect(r.get(clusterOfGroup)).toEqual({ pods: 2, nodes: 3 });
    const points = await podPoints(t0);
    expect(points.map((p) => p.pod)).toEqual((await world.db.pod.findMany({ where: { groupId }, orderBy: { name: "asc" } })).map((p) => p.name));
    // idle: a fifth of the 100m request, ±5 %; memory half of 128Mi
    for (const p of points) {
      expect(p.cpuMillis).toBeGreaterThan(18);
      expect(p.cpuMillis).toBeLessThan(22);
      expect(p.memoryMiB).toBeGreaterThan(60);
      expect(p.memoryMiB).toBeLessThan(68);
    }
    expect(await world.db.nodeMetricPoint.count({ where: { resolution: 15, at: new Date(t0) } })).toBe(6);
    const status = await world.db.metricsScrape.findMany();
    expect(status.map((s) => [s.failedAttempts, s.lastError])).toEqual([
      [0, null],
      [0, null],
    ]);
    // another worker (or this one again) in the same window finds it taken
    expect((await scrapeRound(world.db, t0 + 9_000)).size).toBe(0);
  });

  it("follows the load model: raising a group's load raises its scraped usage", { timeout: 30_000 }, async () => {
    const cluster = (await world.db.group.findUniqueOrThrow({ where: { id: groupId }, include: { cluster: true } })).cluster.name;
    sim.faults.setLoad(cluster, "shop", "capstan.io/group=web", { cpu: 1.5 });
    await scrapeRound(world.db, t0 + WINDOW);
    const points = await podPoints(t0 + WINDOW);
    expect(points).toHaveLength(2);
    for (const p of points) expect(p.cpuMillis).toBeGreaterThan(140);
    sim.faults.clearLoad(cluster);
  });

  it("marks a cluster that fails and still scrapes the others", { timeout: 30_000 }, async () => {
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    try {
      const r = await scrapeRound(world.db, t0 + 2 * WINDOW);
      expect(r.get("dc1-c1")).toBe("InternalError");
      expect(r.get("dc1-c2")).toMatchObject({ nodes: 3 });
      const c1 = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
      const s = await world.db.metricsScrape.findUniqueOrThrow({ where: { clusterId: c1.id } });
      expect(s).toMatchObject({ lastErrorReason: "InternalError", failedAttempts: 1 });
      expect(s.lastError).toBeTruthy();
    } finally {
      sim.faults.clear("dc1-c1");
    }
    await scrapeRound(world.db, t0 + 3 * WINDOW);
    const c1 = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    expect(await world.db.metricsScrape.findUniqueOrThrow({ where: { clusterId: c1.id } })).toMatchObject({ lastError: null, failedAttempts: 0 });
  });
});
