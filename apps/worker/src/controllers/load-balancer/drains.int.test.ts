// A drain's end is the controller's own change: the member or pod goes OUT and the balancer's history says so
// (an audit event by Capstan), once; a backend put back meanwhile is neither changed nor audited.
import { createGroup, createLoadBalancer, listLoadBalancerHistory, putBackPod, takeOutMember, takeOutPod } from "@capstan/usecases";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../../../packages/usecases/src/testing/fixtures";
import { DRAIN_ACTOR, endDrains } from "./drains";

let world: World;
const PODS = ["storefront-web-7c9d8f6b5-a1b2c", "storefront-web-7c9d8f6b5-d3e4f"];

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const dev = world.as.developer;
  for (const name of ["web", "api"])
    await createGroup(dev, "shop", "storefront", { name, dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
  for (const name of PODS)
    await world.db.pod.create({ data: { clusterId: web.clusterId, namespace: "shop", name, uid: name, groupId: web.id, phase: "Running", ready: true } });
  await createLoadBalancer(dev, "shop", "storefront", { name: "front", dataCentre: "dc1", members: [{ group: "web" }, { group: "api" }] });
});

/** The balancer as the controller reads it. */
const load = () =>
  world.db.loadBalancer.findFirstOrThrow({
    where: { name: "front" },
    include: { application: { include: { system: true } }, members: { include: { group: { select: { name: true } } } }, podStates: true },
  });

describe("endDrains", () => {
  it("records each drain's end in the balancer's history, once, and leaves a backend put back alone", async () => {
    const dev = world.as.developer;
    await takeOutMember(dev, "shop", "storefront", "front", "api", { drainSeconds: 5 });
    await takeOutPod(dev, "shop", "storefront", "front", PODS[0]!, { drainSeconds: 5 });
    await takeOutPod(dev, "shop", "storefront", "front", PODS[1]!, { drainSeconds: 5 });
    const read = await load();
    await putBackPod(dev, "shop", "storefront", "front", PODS[1]!); // after the controller read it
    const later = new Date(Date.now() + 10_000);
    expect(
      await endDrains(
        world.db,
        read,
        () => [],
        () => undefined,
        later,
      ),
    ).toBe(2);
    expect(
      await endDrains(
        world.db,
        await load(),
        () => [],
        () => undefined,
        later,
      ),
    ).toBe(0);

    const history = await listLoadBalancerHistory(world.as.viewer, "shop", "storefront", "front", {});
    const drained = history.items.filter((e) => e.action.endsWith("-drained"));
    expect(drained).toEqual([
      expect.objectContaining({ action: "load-balancer.pod-drained", actor: DRAIN_ACTOR, after: { pod: PODS[0], state: "OUT" } }),
      expect.objectContaining({ action: "load-balancer.member-drained", actor: DRAIN_ACTOR, after: { group: "api", state: "OUT" } }),
    ]);
    const rows = await load();
    expect(rows.members.find((m) => m.group.name === "api")?.state).toBe("OUT");
    expect(rows.podStates.map((p) => [p.podName, p.state])).toEqual([[PODS[0], "OUT"]]);
  });
});
