// A group whose pods crash-loop reads Degraded, with CrashLoopBackOff and the pod as its reason, although its
// Deployment only sees pods that are not ready (as in a healthy scale); it reads Available again once they
// stop crashing. The simulator's crash-loop fault makes the containers exit and restart with back-off.
import { createGroup, getGroup } from "@capstan/usecases";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
const row = () => world.db.group.findFirstOrThrow({ where: { name: "crashy" } });

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0, jobRunMs: 100, backoffMs: 300 } });
  ({ sim, world } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

describe("a group whose pods crash-loop", () => {
  it("reads Degraded with reason CrashLoopBackOff naming the pod, and Available once they stop", { timeout: 90_000 }, async () => {
    await createGroup(world.as.developer, "shop", "storefront", {
      name: "crashy",
      dataCentre: "dc1",
      imageTag: "1.0",
      replicas: 2,
      cpu: "50m",
      memory: "64Mi",
    });
    await waitFor("the group available", row, (g) => g.phase === "AVAILABLE" && g.readyReplicas === 2, 30_000);

    sim.faults.crashLoop("dc1-c1", "shop", "capstan.io/group=crashy");
    const degraded = await waitFor("the group degraded", row, (g) => g.phase === "DEGRADED", 20_000);
    expect(degraded.podTrouble).toMatchObject({ reason: "CrashLoopBackOff" });
    const dto = await getGroup(world.as.developer, "shop", "storefront", "crashy");
    expect(dto.phase).toBe("DEGRADED");
    expect(dto.statusReason).toBe("CrashLoopBackOff");
    expect(dto.statusMessage).toMatch(/^pod storefront-crashy-[a-z0-9-]+: back-off \d+ms restarting failed container=storefront /);
    // Restarting again and again keeps it Degraded: a container between two crashes is not a recovery.
    await waitFor(
      "restarts counted",
      () => world.db.pod.findMany({ where: { groupId: degraded.id } }),
      (ps) => ps.some((p) => p.restarts >= 3),
      30_000,
    );
    expect((await row()).phase).toBe("DEGRADED");

    sim.faults.clear("dc1-c1");
    const healed = await waitFor("the group available again", row, (g) => g.phase === "AVAILABLE" && g.readyReplicas === 2, 30_000);
    expect(healed.podTrouble).toBeNull();
  });
});
