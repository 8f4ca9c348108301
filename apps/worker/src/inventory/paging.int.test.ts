// The inventory lists in pages (limit/continue) and writes each page as it arrives, against the simulator:
// a list of several pages is stored whole, its first rows are stored before its last page is served, and a
// continue token that expires while paging (410) starts the list again.
import type { Cluster, Db } from "@capstan/db";
import type { Sim } from "@capstan/sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startInventorySync } from "../inventory";
import { simulatedWorld, waitFor } from "../testing";
import { pods } from "./pods";

const PODS = 60,
  PAGE = 7;
let sim: Sim;
let db: Db;
let cluster: Cluster;
const store = () => sim.clusters[0]!.store;
const simPods = () => store().count("pods");
const listsServed = () => sim.clusters[0]!.api.requests.snapshot().get("GET pods") ?? 0;

beforeAll(async () => {
  process.env.CAPSTAN_INFORMER_PAGE_SIZE = String(PAGE);
  // A short event log, so that a test can move it past a list's revision (the simulator's compaction).
  ({ sim, db } = await simulatedWorld({ nodes: 2, watchHistory: 1_000 }));
  cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  store().create("namespaces", { metadata: { name: "paged" } });
  for (let i = 0; i < PODS; i++)
    store().create("pods", {
      metadata: { name: `p-${String(i).padStart(2, "0")}`, namespace: "paged" },
      spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
    });
}, 120_000);

beforeEach(() => db.pod.deleteMany());
afterEach(() => sim.faults.clear());
afterAll(async () => {
  delete process.env.CAPSTAN_INFORMER_PAGE_SIZE;
  await sim?.stop();
});

describe("the inventory's paged list of pods", { timeout: 60_000 }, () => {
  it("stores every pod of a list that spans several pages", async () => {
    const errors: string[] = [];
    const before = listsServed();
    const sync = startInventorySync(db, cluster, (m) => errors.push(m), [pods]);
    try {
      await waitFor(
        "every pod stored",
        () => db.pod.count(),
        (n) => n === simPods(),
        30_000,
      );
    } finally {
      await sync.stop();
    }
    expect(await db.pod.count({ where: { namespace: "paged" } })).toBe(PODS);
    expect(listsServed() - before).toBeGreaterThanOrEqual(Math.ceil(simPods() / PAGE));
    expect(errors).toEqual([]);
  });

  it("stores the first pages' pods before the last page is served", async () => {
    // Every page after the first waits at the gate until the first page's rows are counted.
    const release = sim.faults.hold("dc1-c1", (url) => url.pathname.endsWith("/pods") && url.searchParams.has("continue"));
    const sync = startInventorySync(db, cluster, () => undefined, [pods]);
    try {
      const firstPage = await waitFor(
        "the first page stored",
        () => db.pod.count(),
        (n) => n > 0,
        30_000,
      );
      // Stored while later pages could not have been served yet: a list that stores all or none never shows this.
      expect(firstPage).toBeLessThan(simPods());
      release();
      await waitFor(
        "every pod stored",
        () => db.pod.count(),
        (n) => n === simPods(),
        30_000,
      );
    } finally {
      release();
      await sync.stop();
    }
  });

  it("lists again from the first page when its continue token expires (410) while paging", async () => {
    sim.faults.set("dc1-c1", { latencyMs: 300 });
    const log: string[] = [];
    const sync = startInventorySync(db, cluster, (m) => log.push(m), [pods]);
    try {
      await waitFor(
        "the first page stored",
        () => db.pod.count(),
        (n) => n > 0,
        30_000,
      );
      // More changes than the event log keeps: the list's revision is compacted away.
      for (let i = 0; i < 1_100; i++) store().create("configmaps", { metadata: { name: `churn-${i}`, namespace: "paged" } });
      await waitFor(
        "every pod stored",
        () => db.pod.count(),
        (n) => n === simPods(),
        30_000,
      );
    } finally {
      await sync.stop();
    }
    expect(log.filter((m) => m.includes("expired while paging"))).toHaveLength(1);
    expect(await db.pod.count({ where: { namespace: "paged" } })).toBe(PODS);
  });
});
