// The room a group's rollout has under its system's quota, from real rows: the system's other groups and its
// load balancers at their desired sizes (LB_POD_REQUESTS per LB pod), plus pods of neither made by hand.
import { lbSelector } from "@capstan/domain";
import { createGroup, createLoadBalancer } from "../index";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";
import { rolloutRoom } from "./rollout-room";

let world: World;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world, { quota: { cpu: "4", memory: "8Gi", gpu: 0, instances: 50 } });
  const dev = world.as.developer;
  for (const [name, replicas] of [
    ["web", 2],
    ["api", 1],
  ] as const)
    await createGroup(dev, "shop", "storefront", { name, dataCentre: "dc1", imageTag: "1.0", replicas, cpu: "500m", memory: "128Mi" });
  await createLoadBalancer(dev, "shop", "storefront", { name: "front", dataCentre: "dc1", replicas: 3 });
});

describe("rolloutRoom", () => {
  it("counts the system's balancers at their desired size, their pods once, and pods made by hand", async () => {
    const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
    const pod = (name: string, cpuMillis: number, memoryMiB: number, labels: Record<string, string>) =>
      world.db.pod.create({
        data: { clusterId: web.clusterId, namespace: "shop", name, uid: name, phase: "Running", ready: true, cpuMillis, memoryMiB, labels },
      });
    // One of the balancer's three pods is running: it is one of the three already counted, not a fourth.
    await pod("lb-front-6b7c8d9f4-abcde", 100, 128, lbSelector("storefront", "front"));
    await pod("by-hand", 250, 64, { app: "debug" });
    const system = await world.db.system.findFirstOrThrow({ where: { name: "shop" } });
    const room = await rolloutRoom(world.db, web, system);
    // api (500m, 128Mi) + the balancer's 3 × (100m, 128Mi) + by-hand (250m, 64Mi).
    expect(room.others).toEqual({ cpuMillis: 500 + 300 + 250, memoryMiB: 128 + 384 + 64, gpu: 0, instances: 1 + 3 + 1 });
    expect(room).toMatchObject({ replicas: 2, perPod: { cpuMillis: 500, memoryMiB: 128, gpu: 0, instances: 1 } });
  });
});
