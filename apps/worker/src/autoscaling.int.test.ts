// Autoscaling end to end against the simulator: Capstan applies an autoscaling/v2 HPA beside an autoscaled
// group's Deployment; the simulator's HPA controller follows the group's load; the worker reads the HPA's
// status and the replica count back into the group. Raising the load scales the group up to at most
// maxReplicas; lowering it scales back down only after the (short) scale-down stabilisation window;
// turning autoscaling off deletes the HPA.
import type { Sim } from "@capstan/sim";
import { createGroup, getGroup, getGroupManifests, scaleGroup, setGroupAutoscaling, stopGroupAutoscaling } from "@capstan/usecases";
import { AppsV1Api, AutoscalingV2Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { clientFor } from "./clients";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
let hpas: AutoscalingV2Api;
let apps: AppsV1Api;
const dev = () => world.as.developer;
const group = () => getGroup(dev(), "shop", "storefront", "web");
const DOWN_WINDOW_S = 4;
/** The most pods of the group seen at once, over every poll of the test. */
let mostPods = 0;
const watched = async () => {
  const g = await group();
  mostPods = Math.max(mostPods, g.pods.length, g.replicas);
  return g;
};

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0, hpaSyncMs: 300 } });
  ({ sim, world } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, log: () => {} });
  await admitNodes(world, 6);
  const cluster = clientFor(await env.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } }));
  hpas = cluster.config.makeApiClient(AutoscalingV2Api);
  apps = cluster.config.makeApiClient(AppsV1Api);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

describe("an autoscaled group", () => {
  it("gets an HPA named as its Deployment, and starts at its minimum", { timeout: 60_000 }, async () => {
    await createGroup(dev(), "shop", "storefront", {
      name: "web",
      dataCentre: "dc1",
      imageTag: "1.0",
      replicas: 1,
      cpu: "200m",
      memory: "128Mi",
      autoscaling: {
        minReplicas: 1,
        maxReplicas: 4,
        cpuUtilisation: 50,
        behaviour: { scaleUpStabilisationSeconds: 0, scaleDownStabilisationSeconds: DOWN_WINDOW_S },
      },
    });
    const hpa = await waitFor(
      "the HPA",
      () => hpas.readNamespacedHorizontalPodAutoscaler({ name: "storefront-web", namespace: "shop" }).catch(() => null),
      Boolean,
    );
    expect(hpa!.spec).toMatchObject({ minReplicas: 1, maxReplicas: 4, scaleTargetRef: { kind: "Deployment", name: "storefront-web" } });
    const g = await waitFor("the group available with its HPA's status", watched, (g) => g.readyReplicas === 1 && g.autoscalingStatus?.desiredReplicas === 1);
    expect(g.autoscalingStatus).toMatchObject({ currentReplicas: 1, desiredReplicas: 1 });
    // What Capstan applied shows the HPA, and the Deployment, whose replicas it leaves to the HPA, in sync.
    const applied = await getGroupManifests(dev(), "shop", "storefront", "web");
    expect(applied.objects.map((o) => [o.kind, o.drift])).toEqual([
      ["Deployment", false],
      ["Service", false],
      ["HorizontalPodAutoscaler", false],
    ]);
  });

  it("scales up to at most maxReplicas when the load rises, and Capstan's group shows it", { timeout: 90_000 }, async () => {
    // ten pods' worth of CPU (of their request) shared by the group's pods: 4 pods at 250 % each, far over the 50 % target
    sim.faults.setLoad("dc1-c1", "shop", "capstan.io/group=web", { cpuTotal: 10 });
    const g = await waitFor(
      "four ready pods, held at the maximum",
      watched,
      (g) => g.replicas === 4 && g.readyReplicas === 4 && g.autoscalingStatus?.currentReplicas === 4,
      60_000,
    );
    expect(g.autoscalingStatus!.currentCpuUtilisation).toBeGreaterThan(50);
    expect(g.autoscalingStatus!.lastScaleTime).not.toBeNull();
    await waitFor("the maximum named as the limit", watched, (g) =>
      Boolean(g.autoscalingStatus?.conditions.some((c) => c.type === "ScalingLimited" && c.status === "True" && c.reason === "TooManyReplicas")),
    );
    expect(mostPods).toBe(4);
  });

  it("scales back down after the stabilisation window once the load falls", { timeout: 90_000 }, async () => {
    const lowered = Date.now();
    // 0.2 of one pod's request in all: one pod at 20 %, under the target
    sim.faults.setLoad("dc1-c1", "shop", "capstan.io/group=web", { cpuTotal: 0.2 });
    const g = await waitFor("one pod again", watched, (g) => g.replicas === 1 && g.pods.length === 1, 60_000);
    expect(Date.now() - lowered).toBeGreaterThanOrEqual(DOWN_WINDOW_S * 1000);
    expect(g.autoscalingStatus).toMatchObject({ currentReplicas: 1, desiredReplicas: 1 });
    expect(mostPods).toBe(4);
  });

  it("loses its HPA when autoscaling is turned off, keeping its replica count", { timeout: 60_000 }, async () => {
    await stopGroupAutoscaling(dev(), "shop", "storefront", "web", {});
    await waitFor(
      "the HPA gone",
      () =>
        hpas.readNamespacedHorizontalPodAutoscaler({ name: "storefront-web", namespace: "shop" }).then(
          () => false,
          (e: { code?: number }) => e.code === 404,
        ),
      Boolean,
    );
    const g = await waitFor(
      "the status cleared",
      () => world.db.group.findFirstOrThrow({ where: { name: "web" } }),
      (g) => g.autoscalingStatus === null,
    );
    expect(g.replicas).toBe(1);
  });

  it("keeps a running group's pods when autoscaling is turned on", { timeout: 90_000 }, async () => {
    // A group Capstan scaled by hand (its field manager owns spec.replicas) switches to autoscaling: applying the
    // Deployment without replicas would drop the field, and the API server would default it to 1 until the
    // HPA's next sync (Kubernetes, "Migrating Deployments and StatefulSets to horizontal autoscaling").
    await scaleGroup(dev(), "shop", "storefront", "web", { replicas: 3 });
    let g = await waitFor("three ready pods", watched, (g) => g.readyReplicas === 3 && g.pods.length === 3, 60_000);
    let fewest = Infinity;
    let watching = true;
    const polled = (async () => {
      while (watching) {
        const d = await apps.readNamespacedDeployment({ name: "storefront-web", namespace: "shop" });
        fewest = Math.min(fewest, d.spec?.replicas ?? 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Kubernetes' default behaviour: 300 s before any scale-down, so the HPA keeps 3 for the test's length.
    await setGroupAutoscaling(dev(), "shop", "storefront", "web", { minReplicas: 2, maxReplicas: 4, cpuUtilisation: 50, version: g.version });
    g = await waitFor("the HPA's status", watched, (g) => g.autoscalingStatus !== null && g.observedGeneration === g.generation, 30_000);
    // a few of the HPA's syncs (300 ms each) after the switch
    await new Promise((r) => setTimeout(r, 1500));
    watching = false;
    await polled;
    expect(fewest).toBe(3);
    expect((await group()).pods.length).toBe(3);
  });
});
