// Autoscaling a group within its quota: set, changed and turned off through use cases, audited, with
// optimistic concurrency; the quota holds an autoscaled group at maxReplicas, and a manual scale of an
// autoscaled group is refused with a reason that says to change min/max.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, getGroup, rolloutGroup, scaleGroup, setGroupAutoscaling, stopGroupAutoscaling } from "../index";
import { systemUsage } from "../quotas/quota-usage";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const dev = () => world.as.developer;
const web = ["shop", "storefront", "web"] as const;
// 500m per pod under a 4-core quota: at most 8 pods of the system.
const spec = { dataCentre: "dc1", imageTag: "1.0", cpu: "500m", memory: "256Mi" };
const usedPods = async () => {
  const s = await world.db.system.findUniqueOrThrow({ where: { name: "shop" } });
  const dc = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  return (await systemUsage(world.db, s.id, dc.id)).instances;
};

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world, { quota: { cpu: "4", memory: "8Gi", gpu: 0, instances: 20 } });
  await createGroup(dev(), "shop", "storefront", { name: "web", replicas: 2, ...spec });
});

describe("autoscaling a group", () => {
  it("holds the group at maxReplicas in the quota, brings its count into range, and is audited", async () => {
    const g = await getGroup(dev(), ...web);
    const on = await setGroupAutoscaling(dev(), ...web, { minReplicas: 3, maxReplicas: 6, cpuUtilisation: 70, version: g.version });
    expect(on).toMatchObject({
      replicas: 3,
      autoscaling: { minReplicas: 3, maxReplicas: 6, cpuUtilisation: 70, behaviour: "default" },
      version: g.version + 1,
    });
    expect(await usedPods()).toBe(6);
    expect(await world.db.auditEvent.findFirst({ where: { action: "group.autoscale" } })).toMatchObject({
      actorEmail: "dev@capstan.test",
      targetId: "shop/storefront/web",
      before: { replicas: 2, autoscaling: null },
      after: { replicas: 3, minReplicas: 3, maxReplicas: 6 },
    });
  });

  it("refuses a maxReplicas the quota cannot hold with 409 naming the resource, as a scale is refused", async () => {
    const g = await getGroup(dev(), ...web);
    const refusal = await setGroupAutoscaling(dev(), ...web, { minReplicas: 3, maxReplicas: 9, cpuUtilisation: 70, version: g.version }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toMatchObject({
      status: 409,
      reason: "quota_exceeded",
      params: { system: "shop", dataCentre: "dc1", askCpu: "500m" },
      fields: { cpu: expect.stringContaining("CPU") },
    });
    expect((await getGroup(dev(), ...web)).autoscaling).toMatchObject({ maxReplicas: 6 });
    // a new group cannot take what the autoscaled one holds: 6 × 500m of 4 cores leaves 1 core
    await expect(createGroup(dev(), "shop", "storefront", { name: "api", replicas: 3, ...spec })).rejects.toMatchObject({
      status: 409,
      reason: "quota_exceeded",
    });
  });

  it("refuses a manual scale of an autoscaled group with 409 saying to change min/max", async () => {
    const refusal = await scaleGroup(dev(), ...web, { replicas: 4 }).catch((e: { status: number; reason: string; message: string }) => e);
    expect(refusal).toMatchObject({ status: 409, reason: "group_autoscaled", params: { group: "web", minReplicas: 3, maxReplicas: 6 } });
    expect((refusal as { message: string }).message).toMatch(/change its minimum or maximum/);
  });

  it("refuses a stale version, and the quota keeps holding maxReplicas through a rollout", async () => {
    await expect(setGroupAutoscaling(dev(), ...web, { minReplicas: 1, maxReplicas: 4, cpuUtilisation: 50, version: 1 })).rejects.toMatchObject({
      status: 409,
      code: "stale_version",
    });
    await rolloutGroup(dev(), ...web, { image: "1.1" });
    expect(await usedPods()).toBe(6);
  });

  it("changes the range and behaviour, lowering what the quota holds", async () => {
    const g = await getGroup(dev(), ...web);
    const behaviour = { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: 15 };
    const changed = await setGroupAutoscaling(dev(), ...web, { minReplicas: 1, maxReplicas: 4, memoryUtilisation: 80, behaviour, version: g.version });
    expect(changed.autoscaling).toEqual({ minReplicas: 1, maxReplicas: 4, memoryUtilisation: 80, behaviour });
    expect(await usedPods()).toBe(4);
  });

  it("turns off, keeping the count the autoscaler set; then a manual scale works again", async () => {
    await world.db.group.updateMany({ where: { name: "web" }, data: { replicas: 2 } }); // as the HPA's watch writes it
    const g = await getGroup(dev(), ...web);
    const off = await stopGroupAutoscaling(dev(), ...web, { version: String(g.version) });
    expect(off).toMatchObject({ autoscaling: null, autoscalingStatus: null, replicas: 2 });
    expect(await usedPods()).toBe(2);
    expect(await world.db.auditEvent.findFirst({ where: { action: "group.autoscale-off" } })).toMatchObject({
      before: { autoscaling: { maxReplicas: 4 } },
      after: { replicas: 2 },
    });
    await expect(stopGroupAutoscaling(dev(), ...web, {})).resolves.toMatchObject({ autoscaling: null }); // idempotent
    await expect(scaleGroup(dev(), ...web, { replicas: 3 })).resolves.toMatchObject({ replicas: 3 });
  });

  it("may be given when a group is created: its count starts in range and the quota holds maxReplicas", async () => {
    const g = await createGroup(dev(), "shop", "storefront", {
      name: "batch",
      replicas: 1,
      ...spec,
      autoscaling: { minReplicas: 2, maxReplicas: 3, cpuUtilisation: 60, behaviour: "fast" },
    });
    expect(g).toMatchObject({ replicas: 2, autoscaling: { maxReplicas: 3, behaviour: "fast" } });
    expect(await usedPods()).toBe(3 + 3);
    await expect(
      createGroup(dev(), "shop", "storefront", { name: "burst", replicas: 1, ...spec, autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilisation: 60 } }),
    ).rejects.toMatchObject({ status: 409, reason: "quota_exceeded", fields: { cpu: "CPU: asked 1.5 cores, 1 core free" } });
  });

  it("is refused to viewers", async () => {
    const g = await getGroup(dev(), ...web);
    await expect(
      setGroupAutoscaling(world.as.viewer, ...web, { minReplicas: 1, maxReplicas: 2, cpuUtilisation: 50, version: g.version }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});
