// Deleting a system is reconciled: its namespace (pull Secret, quota, limits, policy) leaves the cluster,
// its pull robot leaves Harbor, its project too when empty (kept, and audited, when it holds images), and
// only then its rows. Idempotent, and carried on by the next worker when one stops mid-way. Namespaces
// whose system no longer exists are found by the resync. Against the simulator and a real PostgreSQL.
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import type { Sim } from "@capstan/sim";
import { createSystem, deleteSystem, listSystems, setSystemQuota } from "@capstan/usecases";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { outcome } from "../../../packages/usecases/src/testing/fixtures";
import { clientCount, clientFor } from "./clients";
import { deleteSystemEverywhere } from "./controllers/system/finalize";
import { reconcileSystem, systemRunCount } from "./controllers/system/reconcile";
import { simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let env: Awaited<ReturnType<typeof simulatedWorld>>;
let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let clusterId: string;
const admin = () => world.as.departmentAdmin;
const start = () => startWorker(world.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
const registry = () => sim.dataCentres[0]!.registry;
const quota = { cpu: "1", memory: "1Gi", gpu: 0, instances: 5 };

/** A system put in place in the cluster and in Harbor, as its first group's reconcile would. */
async function placedSystem(name: string) {
  await createSystem(admin(), { name, displayName: name, department: "retail" });
  await setSystemQuota(world.as.platformAdmin, name, "dc1", quota);
  const system = await world.db.system.findUniqueOrThrow({ where: { name } });
  await reconcileSystem(world.db, { systemId: system.id, clusterId });
  const { core, net } = env.k8s;
  await core.readNamespacedSecret({ name: "capstan-registry", namespace: name });
  expect((await core.listNamespacedResourceQuota({ namespace: name })).items.length).toBeGreaterThan(0);
  expect((await net.listNamespacedNetworkPolicy({ namespace: name })).items.length).toBeGreaterThan(0);
  expect([...registry().robots.values()].some((r) => r.name === `robot$${name}+capstan-pull`)).toBe(true);
  return system;
}

const namespaceGone = async (name: string) =>
  await env.k8s.core.readNamespace({ name }).then(
    () => false,
    (e: { code?: number }) => e.code === 404,
  );
const systemRow = (name: string) => world.db.system.findUnique({ where: { name } });

beforeAll(async () => {
  process.env.CAPSTAN_CALL_TIMEOUT_SECONDS = "1";
  process.env.CAPSTAN_JOB_TIMEOUT_SECONDS = "4";
  env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  clusterId = (await world.db.cluster.findFirstOrThrow()).id;
  // Room in the retail department's quota for the systems made here.
  await setSystemQuota(world.as.platformAdmin, "shop", "dc1", { cpu: "32", memory: "64Gi", gpu: 4, instances: 100, version: 1 });
  worker = await start();
}, 60_000);

afterEach(() => sim.faults.clear());

afterAll(async () => {
  delete process.env.CAPSTAN_CALL_TIMEOUT_SECONDS;
  delete process.env.CAPSTAN_JOB_TIMEOUT_SECONDS;
  await worker?.stop();
  await sim?.stop();
});

describe("deleting a system", () => {
  it(
    "removes the namespace, its Secret, quota and policy, the robot and the empty project, then the rows; a worker stopped mid-way is carried on by the next",
    { timeout: 120_000 },
    async () => {
      const system = await placedSystem("gone");
      expect(systemRunCount(system.id)).toBe(1);
      // The cluster hangs: the deletion cannot finish, and stays pending.
      sim.faults.set("dc1-c1", { answer: "blackHole" });
      await deleteSystem(admin(), "gone");
      // Pending: hidden from every request, and its name is not free yet.
      expect((await listSystems(admin(), {})).items.map((s) => s.name)).not.toContain("gone");
      expect(await outcome(() => deleteSystem(admin(), "gone"))).toBe(404);
      const again = await createSystem(admin(), { name: "gone", displayName: "again", department: "retail" }).catch(
        (e: { status: number; message: string }) => e,
      );
      expect(again).toMatchObject({ status: 409, message: expect.stringContaining(`System "gone" is still being deleted`) });
      await new Promise((r) => setTimeout(r, 2_000)); // an attempt has met the hung cluster
      expect(await systemRow("gone")).not.toBeNull();

      // The worker stops mid-way; another one finishes once the cluster answers again.
      await worker!.stop();
      worker = await start();
      sim.faults.clear("dc1-c1");
      await worker.addJob("resync", {}, { jobKey: "resync" });
      await waitFor(
        "the system's rows gone",
        () => systemRow("gone"),
        (s) => s === null,
        60_000,
      );
      expect(await namespaceGone("gone")).toBe(true); // with it the pull Secret, ResourceQuota, LimitRange, NetworkPolicy
      expect(registry().projects.has("gone")).toBe(false);
      expect([...registry().robots.values()].some((r) => r.name.startsWith("robot$gone+"))).toBe(false);
      expect(await world.db.systemPullRobot.count({ where: { systemId: system.id } })).toBe(0);
      expect(systemRunCount(system.id)).toBe(0); // what the worker remembered of it went too
      // A reconcile requested before the deletion and run after it (a retry, a queued job) finds nothing
      // to put in place, and must not leave a memory of the system behind.
      await reconcileSystem(world.db, { systemId: system.id, clusterId });
      expect(systemRunCount(system.id)).toBe(0);

      // Idempotent: running it again, or after the rows went, changes nothing and throws nothing.
      await deleteSystemEverywhere(world.db, { systemId: system.id });
      // The name is free again.
      await createSystem(admin(), { name: "gone", displayName: "again", department: "retail" });
    },
  );

  it("keeps a project that still holds images, says so in the audit log, and removes its robot", { timeout: 60_000 }, async () => {
    await placedSystem("kept");
    const dc = sim.dataCentres[0]!;
    await pushMinimalImage(dc.registryInfo.url, dc.registryInfo, "kept/app", "1.0");
    await deleteSystem(admin(), "kept");
    await waitFor(
      "the system's rows gone",
      () => systemRow("kept"),
      (s) => s === null,
      30_000,
    );
    expect(await namespaceGone("kept")).toBe(true);
    expect(registry().projects.has("kept")).toBe(true);
    expect(await new HarborClient(dc.registryInfo.url, dc.registryInfo.username, dc.registryInfo.password).listTags("kept", "app")).toHaveLength(1);
    expect([...registry().robots.values()].some((r) => r.name.startsWith("robot$kept+"))).toBe(false);
    const event = await world.db.auditEvent.findFirstOrThrow({ where: { action: "system.delete.project-kept", targetName: "kept" } });
    expect(event.after).toMatchObject({ dataCentres: ["dc1"] });
  });

  it("the resync deletes Capstan namespaces whose system no longer exists, and leaves the others", { timeout: 60_000 }, async () => {
    const labels = { "app.kubernetes.io/managed-by": "capstan", "capstan.io/system": "ghost" };
    await env.k8s.core.createNamespace({ body: { metadata: { name: "ghost", labels } } });
    await env.k8s.core.createNamespace({ body: { metadata: { name: "not-ours" } } });
    await reconcileSystem(world.db, { systemId: (await systemRow("shop"))!.id, clusterId });
    await worker!.addJob("resync", {}, { jobKey: "resync" });
    await waitFor(
      "the orphan namespace gone",
      () => namespaceGone("ghost"),
      (gone) => gone,
      30_000,
    );
    expect(await namespaceGone("not-ours")).toBe(false);
    expect(await namespaceGone("shop")).toBe(false);
  });

  it("the resync drops the client of a cluster that was removed", async () => {
    const extra = await world.db.cluster.create({
      data: {
        ...(await world.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })),
        id: undefined,
        name: "dc1-old",
        createdAt: undefined,
        updatedAt: undefined,
        lastErrorParams: undefined,
      },
    });
    clientFor(extra);
    const before = clientCount();
    await world.db.cluster.delete({ where: { id: extra.id } });
    await worker!.addJob("resync", {}, { jobKey: "resync" });
    await waitFor(
      "the client evicted",
      async () => clientCount(),
      (n) => n === before - 1,
      15_000,
    );
  });
});
