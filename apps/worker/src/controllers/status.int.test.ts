// The status every controller writes back, against the simulator: a fault on a cluster or a registry makes
// the failure appear on the object a user looks at (the system page per cluster and per data centre, the
// node), with its attempts counting up, and a success after recovery clears it.
import { kinds, reconcile } from "@capstan/db/kinds";
import { initChecksFromEnv } from "@capstan/domain";
import type { Sim } from "@capstan/sim";
import { getNode, getSystem, listNodes } from "@capstan/usecases";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../../packages/usecases/src/testing/fixtures";
import { ClusterLeases } from "../cluster-lock";
import { ClusterSlots } from "../job-limits";
import { failureOf } from "./failure";
import { simulatedWorld } from "../testing";
import { controllers } from "./index";
import { statusWriter } from "./status";

let sim: Sim;
let world: World;
let url: string;
let pool: pg.Pool;
let env: Awaited<ReturnType<typeof simulatedWorld>>;
let runJobs: () => Promise<void>;

beforeAll(async () => {
  env = await simulatedWorld({ nodes: 2 });
  ({ sim, world, url } = env);
  pool = new pg.Pool({ connectionString: url, max: 2 });
  const runtime = { db: world.db, leases: new ClusterLeases(pool), slots: new ClusterSlots(2), timeoutMs: 10_000, log: () => {} };
  const taskList = Object.fromEntries(controllers(async () => initChecksFromEnv({})).map((c) => [c.task, c.taskFor(runtime)]));
  runJobs = () => runOnce({ connectionString: url, logger: new Logger(() => () => {}), taskList });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await sim?.stop();
});

/** Drops every queued job: each test requests exactly the reconciles it runs. */
const clearJobs = () => world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
const failures = async () => (await getSystem(world.as.viewer, "shop")).reconcileFailures;
const since = (iso: string | null) => Date.now() - new Date(iso ?? 0).getTime();

describe("status written back by every controller", () => {
  it("a system's namespace: a failing cluster shows on the system page, counted per attempt, and clears on recovery", async () => {
    await clearJobs();
    const [system, cluster] = await Promise.all([world.db.system.findUniqueOrThrow({ where: { name: "shop" } }), world.db.cluster.findFirstOrThrow()]);
    const ref = { systemId: system.id, clusterId: cluster.id };
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    try {
      await reconcile.system(world.db, ref);
      await runJobs();
      const once = await failures();
      expect(once.namespaces).toEqual([
        { cluster: "dc1-c1", lastError: expect.stringMatching(/\S/), lastErrorReason: "InternalError", lastErrorAt: expect.any(String), failedAttempts: 1 },
      ]);
      expect(since(once.namespaces[0]!.lastErrorAt)).toBeLessThan(60_000);
      expect(once.projects).toEqual([]); // Harbor answered: the project is fine

      await reconcile.system(world.db, ref); // a new request runs at once, in place of the backoff
      await runJobs();
      expect((await failures()).namespaces).toMatchObject([{ cluster: "dc1-c1", lastErrorReason: "InternalError", failedAttempts: 2 }]);
    } finally {
      sim.faults.clear("dc1-c1");
    }
    await reconcile.system(world.db, ref);
    await runJobs();
    expect((await failures()).namespaces).toEqual([]);
    expect(await world.db.systemNamespaceStatus.findUniqueOrThrow({ where: { systemId_clusterId: ref } })).toMatchObject({
      failedAttempts: 0,
      lastError: null,
      lastErrorReason: null,
      lastErrorAt: null,
    });
  });

  it("a system's Harbor project: a failing registry shows per data centre, and clears on recovery", async () => {
    await clearJobs();
    const [system, dc] = await Promise.all([world.db.system.findUniqueOrThrow({ where: { name: "shop" } }), world.db.dataCentre.findFirstOrThrow()]);
    const ref = { systemId: system.id, dataCentreId: dc.id };
    sim.faults.set("dc1", { errorRate: 1, errorCode: 500 });
    try {
      await reconcile.projects(world.db, [ref]);
      await runJobs();
      const once = await failures();
      expect(once.projects).toEqual([
        {
          dataCentre: "dc1",
          lastError: expect.stringMatching(/^the registry answered 500 to /),
          lastErrorReason: "InternalError",
          lastErrorAt: expect.any(String),
          failedAttempts: 1,
        },
      ]);
      expect(once.namespaces).toEqual([]);
      await reconcile.projects(world.db, [ref]);
      await runJobs();
      expect((await failures()).projects).toMatchObject([{ dataCentre: "dc1", failedAttempts: 2 }]);
    } finally {
      sim.faults.clear("dc1");
    }
    await reconcile.projects(world.db, [ref]);
    await runJobs();
    expect((await failures()).projects).toEqual([]);
  });

  it("records nothing, and does not fail, for an object gone while its reconcile ran", async () => {
    const cluster = await world.db.cluster.findFirstOrThrow();
    const gone = { systemId: "00000000-0000-4000-8000-000000000000", clusterId: cluster.id };
    const writer = statusWriter<typeof gone>({ table: "SystemNamespaceStatus", row: (p) => p, ownTable: true });
    await writer.failed(world.db, gone, failureOf(new Error("boom")));
    expect(await world.db.systemNamespaceStatus.count({ where: { systemId: gone.systemId } })).toBe(0);
  });

  it("a node: a failing cluster shows on the node (page and list), counted per attempt, and clears on recovery", async () => {
    await clearJobs();
    const cluster = await world.db.cluster.findFirstOrThrow();
    const name = (await env.k8s.core.listNode()).items[0]!.metadata!.name!;
    // The row the inventory would have written (no inventory runs here).
    const node = await world.db.node.upsert({
      where: { clusterId_name: { clusterId: cluster.id, name } },
      create: { clusterId: cluster.id, name, status: "ONLINE" },
      update: {},
    });
    const shown = () => getNode(world.as.ops, "dc1-c1", name);
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    try {
      await kinds.node.request(world.db, { nodeId: node.id, clusterId: cluster.id });
      await runJobs();
      const once = await shown();
      expect(once).toMatchObject({ lastError: expect.stringMatching(/\S/), lastErrorReason: "InternalError", failedAttempts: 1 });
      expect(since(once.lastErrorAt)).toBeLessThan(60_000);
      await reconcile.node(world.db, node);
      await runJobs();
      expect(await shown()).toMatchObject({ lastErrorReason: "InternalError", failedAttempts: 2 });
      const listed = (await listNodes(world.as.ops, { cluster: "dc1-c1", pageSize: 100 })).items.find((n) => n.name === name);
      expect(listed).toMatchObject({ lastErrorReason: "InternalError", failedAttempts: 2 });
    } finally {
      sim.faults.clear("dc1-c1");
    }
    await reconcile.node(world.db, node);
    await runJobs();
    expect(await shown()).toMatchObject({ lastError: null, lastErrorReason: null, lastErrorAt: null, failedAttempts: 0 });
  });
});
