// Rolling changes at a system's quota, end to end: use cases → worker → simulated cluster, whose
// ResourceQuota mirrors the quota exactly. Every change either completes or is refused up front with
// a 409 naming the shortfall; a rollout stuck for a reason Capstan cannot avoid says why on the group.
import { reconcile } from "@capstan/db/kinds";
import type { Sim } from "@capstan/sim";
import { createGroup, getGroup, restartGroup, rollbackGroup, rolloutGroup, setSystemQuota, updateGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let k8s: Awaited<ReturnType<typeof simulatedWorld>>["k8s"];
let worker: Awaited<ReturnType<typeof startWorker>>;
const dev = () => world.as.developer;

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world, k8s } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, log: () => {} });
  await admitNodes(world, 6);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

const group = (name: string) => getGroup(dev(), "shop", "storefront", name);
const quota = (cpu: string) => setSystemQuota(world.as.departmentAdmin, "shop", "dc1", { cpu, memory: "16Gi", gpu: 0, instances: 40 });
const mirrored = (cpu: string) =>
  waitFor(
    `the ResourceQuota at ${cpu} CPU`,
    () => k8s.core.readNamespacedResourceQuota({ name: "capstan-quota", namespace: "shop" }).catch(() => null),
    (q) => q?.spec?.hard?.["requests.cpu"] === cpu,
  );
/** Converged: every pod of the latest revision, ready, and none of `old` left. */
const rolled = (name: string, old: Set<string>, replicas: number) =>
  waitFor(
    `${name} rolled`,
    () => group(name),
    (g) =>
      g.phase === "AVAILABLE" &&
      g.observedGeneration === g.generation &&
      g.updatedReplicas === replicas &&
      g.pods.length === replicas &&
      g.pods.every((p) => p.ready && !old.has(p.name)),
    60_000,
  );
const podNames = async (name: string) => new Set((await group(name)).pods.map((p) => p.name));

describe("rolling changes at the quota", () => {
  it("a 1-replica group filling the CPU quota exactly restarts, rolls out, and rolls back", { timeout: 120_000 }, async () => {
    const strategy = async () => (await k8s.apps.readNamespacedDeployment({ name: "storefront-solo", namespace: "shop" })).spec?.strategy;
    await quota("1");
    await createGroup(dev(), "shop", "storefront", { name: "solo", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "500m", memory: "256Mi" });
    await rolled("solo", new Set(), 1);
    expect(await strategy()).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } }); // room to surge
    await quota("500m");
    await mirrored("500m");

    await restartGroup(dev(), "shop", "storefront", "solo");
    await rolled("solo", await podNames("solo"), 1);
    expect(await strategy()).toEqual({ type: "Recreate" }); // no room for a second pod: stop, then start

    await rolloutGroup(dev(), "shop", "storefront", "solo", { image: "1.1" });
    let g = await rolled("solo", await podNames("solo"), 1);
    expect(g.imageTag).toBe("1.1");
    await rollbackGroup(dev(), "shop", "storefront", "solo", { revision: 1 });
    g = await rolled("solo", await podNames("solo"), 1);
    expect(g.imageTag).toBe("1.0");
    expect(g.statusReason).toBeNull();
  });

  it("a multi-replica group at quota beside another: update and restart replace one pod at a time", { timeout: 120_000 }, async () => {
    await quota("2");
    await createGroup(dev(), "shop", "storefront", { name: "trio", dataCentre: "dc1", imageTag: "1.0", replicas: 3, cpu: "500m", memory: "256Mi" });
    await mirrored("2");
    await rolled("trio", new Set(), 3);

    const { version } = await group("trio");
    await updateGroup(dev(), "shop", "storefront", "trio", { imageTag: "1.1", version });
    await rolled("trio", await podNames("trio"), 3);
    const d = await k8s.apps.readNamespacedDeployment({ name: "storefront-trio", namespace: "shop" });
    expect(d.spec?.strategy).toMatchObject({ type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(d.spec?.template.spec?.containers[0]?.image).toMatch(new RegExp(`@${(await group("trio")).imageDigest}$`));

    await restartGroup(dev(), "shop", "storefront", "trio");
    await rolled("trio", await podNames("trio"), 3);
    // the 1-replica neighbour, with the quota now held by both
    await restartGroup(dev(), "shop", "storefront", "solo");
    await rolled("solo", await podNames("solo"), 1);
  });

  it("refuses up front, naming the shortfall, a change that can never complete: a quota below what is in use", async () => {
    // setSystemQuota refuses to go below use; as if the quota were lowered while the groups grew
    const shop = await world.db.system.findUniqueOrThrow({ where: { name: "shop" } });
    await world.db.systemQuota.updateMany({ where: { systemId: shop.id }, data: { cpuMillis: 1500 } });
    const refused = await restartGroup(dev(), "shop", "storefront", "trio").catch((e) => e);
    expect(refused).toMatchObject({ status: 409, fields: { cpu: "CPU: asked 1.5 cores, 1 core free" } });
    expect(refused.message).toContain('the quota of system "shop" in dc1 has no room to replace its pods there');
    expect(await group("trio")).toMatchObject({ revision: 3 }); // nothing written
  });

  it("a rollout stuck for a reason Capstan cannot avoid says why on the group: reason and message", { timeout: 120_000 }, async () => {
    // A restart accepted just before the quota went below use (the race the 409 cannot see).
    await worker.addJob("resync", {}, { jobKey: "resync" });
    await mirrored("1500m");
    const row = await world.db.group.findFirstOrThrow({ where: { name: "trio" } });
    await world.db.group.update({ where: { id: row.id }, data: { restartedAt: new Date(), generation: { increment: 1 }, revision: { increment: 1 } } });
    await reconcile.group(world.db, row);
    const g = await waitFor(
      "the reason on the group",
      () => group("trio"),
      (g) => g.statusReason !== null,
      30_000,
    );
    expect(g).toMatchObject({
      phase: "DEGRADED", // FailedCreate: something is wrong, not a healthy transition
      statusReason: "FailedCreate",
      statusMessage: expect.stringMatching(
        /is forbidden: exceeded quota: capstan-quota, requested: requests\.cpu=500m, used: requests\.cpu=\S+, limited: requests\.cpu=1500m$/,
      ),
    });
    expect(g.lastError).toBe(`FailedCreate: ${g.statusMessage}`);
    // room again: the rollout completes and the reason goes
    await quota("4");
    await rolled("trio", new Set(), 3);
    await waitFor(
      "the reason to go",
      () => group("trio"),
      (g) => g.statusReason === null && g.statusMessage === null && g.lastError === null,
    );
  });
});
