// "What Capstan applied" (issue 17): the manifests the group and system views show are those the
// controllers apply, the live objects are read back from the simulated cluster, and drift is a change
// in a field Capstan sets, never a field the API server fills in. Events: the group and node timelines
// hold Normal events too, as the inventory reads them. Against the simulator, with the worker.
import { groupManifests } from "@capstan/domain";
import type { Sim } from "@capstan/sim";
import { createGroup, getGroup, getGroupManifests, getSystemManifests, listGroupEvents, listNodeEvents } from "@capstan/usecases";
import { groupManifestInput } from "@capstan/usecases/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let k8s: Awaited<ReturnType<typeof simulatedWorld>>["k8s"];
let worker: Awaited<ReturnType<typeof startWorker>>;

/** The changed lines of a unified diff (headers left out). */
const changes = (diff: string) => diff.split("\n").filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world, k8s } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  await waitFor(
    "web applied",
    () => getGroup(world.as.developer, "shop", "storefront", "web"),
    (g) => g.observedGeneration === g.generation,
  );
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

describe("what Capstan applied", () => {
  it("shows the group controller's manifests beside the live objects, with no drift after an apply", async () => {
    const view = await getGroupManifests(world.as.viewer, "shop", "storefront", "web");
    const row = await world.db.group.findFirstOrThrow({
      where: { name: "web" },
      include: { application: { include: { system: true } }, cluster: true, dataCentre: true },
    });
    const rendered = groupManifests(await groupManifestInput(world.db, row));
    expect(view.unreachable).toBe(false);
    expect(view.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(rendered.map((m) => `${m.kind}/${m.metadata.name}`));
    for (const [i, o] of view.objects.entries()) {
      expect(parse(o.applied)).toEqual(rendered[i]);
      // The live object carries what the API server fills in (uid, resourceVersion, status, defaults) and is no drift.
      const live = parse(o.live!);
      expect(live.metadata.uid).toBeTruthy();
      expect(live.metadata.resourceVersion).toBeTruthy();
      expect(live.metadata.managedFields).toBeUndefined();
      expect({ kind: o.kind, drift: o.drift, diff: o.diff }).toEqual({ kind: o.kind, drift: false, diff: "" });
    }
    const deployment = parse(view.objects[0]!.live!);
    expect(deployment.status).toBeDefined();
    expect(deployment.spec.progressDeadlineSeconds).toBe(600); // defaulted by the API server, not Capstan's
  });

  it("shows drift on exactly the field changed in the cluster, and not on fields others own", async () => {
    await k8s.apps.patchNamespacedDeployment({
      name: "storefront-web",
      namespace: "shop",
      body: [
        { op: "replace", path: "/spec/replicas", value: 3 },
        { op: "replace", path: "/metadata/annotations/capstan.io~1revision", value: "99" },
      ],
    });
    // A label another tool adds is not Capstan's field: no drift.
    await k8s.core.patchNamespacedService({
      name: "storefront-web",
      namespace: "shop",
      body: [{ op: "add", path: "/metadata/labels/team", value: "checkout" }],
    });
    const view = await getGroupManifests(world.as.developer, "shop", "storefront", "web");
    const [deployment, service] = view.objects;
    expect(deployment!.drift).toBe(true);
    expect(changes(deployment!.diff)).toEqual(['-    capstan.io/revision: "1"', '+    capstan.io/revision: "99"', "-  replicas: 1", "+  replicas: 3"]);
    expect(service!.drift).toBe(false);
    expect(parse(service!.live!).metadata.labels.team).toBe("checkout");
  });

  it("shows a system's namespace objects, the pull Secret with keys only", async () => {
    const { clusters } = await getSystemManifests(world.as.viewer, "shop");
    expect(clusters.map((c) => c.cluster)).toEqual(["dc1-c1"]);
    const objects = clusters[0]!.objects;
    expect(objects.map((o) => o.kind).sort()).toEqual(["LimitRange", "Namespace", "NetworkPolicy", "ResourceQuota", "Secret"]);
    for (const o of objects) expect({ kind: o.kind, drift: o.drift }).toEqual({ kind: o.kind, drift: false });
    const secret = objects.find((o) => o.kind === "Secret")!;
    const live = await k8s.core.readNamespacedSecret({ name: "capstan-registry", namespace: "shop" });
    const value = live.data![".dockerconfigjson"]!;
    for (const text of [secret.applied, secret.live!]) {
      expect(text).not.toContain(value);
      expect(parse(text).data).toEqual({ ".dockerconfigjson": "(hidden)" });
    }

    // Someone replaces the pull secret's value: drift, said without the value.
    await k8s.core.patchNamespacedSecret({
      name: "capstan-registry",
      namespace: "shop",
      body: [{ op: "replace", path: "/data/.dockerconfigjson", value: Buffer.from("{}").toString("base64") }],
    });
    const after = (await getSystemManifests(world.as.viewer, "shop")).clusters[0]!.objects.find((o) => o.kind === "Secret")!;
    expect(after.drift).toBe(true);
    expect(changes(after.diff)).toEqual(["-  .dockerconfigjson: (hidden)", "+  .dockerconfigjson: (hidden; differs from what Capstan applies)"]);
    expect(after.diff).not.toContain(value);
  });
});

describe("events", () => {
  it("puts Normal events in the group's timeline, filters by type, and keeps the group's warnings list to warnings", async () => {
    const timeline = await waitFor(
      "web's Normal events",
      () => listGroupEvents(world.as.viewer, "shop", "storefront", "web", { type: "Normal", pageSize: 100 }),
      (p) =>
        ["Scheduled", "Pulling", "Pulled", "Created", "Started", "ScalingReplicaSet", "SuccessfulCreate"].every((r) => p.items.some((e) => e.reason === r)),
    );
    expect(timeline.items.every((e) => e.type === "Normal")).toBe(true);
    expect(timeline.items.find((e) => e.reason === "ScalingReplicaSet")!.involved).toEqual({ kind: "Deployment", name: "storefront-web" });
    const lastSeen = timeline.items.map((e) => e.lastAt);
    expect(lastSeen).toEqual([...lastSeen].sort().reverse());
    const first = await listGroupEvents(world.as.viewer, "shop", "storefront", "web", { type: "Normal", pageSize: 2 });
    expect({ items: first.items.length, total: first.total }).toEqual({ items: 2, total: timeline.total });
    expect((await listGroupEvents(world.as.viewer, "shop", "storefront", "web", { type: "Warning" })).items.every((e) => e.type === "Warning")).toBe(true);
    expect((await getGroup(world.as.viewer, "shop", "storefront", "web")).events.map((e) => e.reason)).not.toContain("Scheduled");
  });

  it("puts the events of a node's pods in the node's timeline", async () => {
    const pod = await world.db.pod.findFirstOrThrow({ where: { group: { name: "web" }, nodeName: { not: null } } });
    const node = await waitFor(
      "the node's Scheduled event",
      () => listNodeEvents(world.as.ops, "dc1-c1", pod.nodeName!, { pageSize: 100 }),
      (p) => p.items.some((e) => e.reason === "Scheduled" && e.involved.name === pod.name),
    );
    expect(node.items.find((e) => e.reason === "Scheduled" && e.involved.name === pod.name)!.message).toContain(pod.nodeName!);
  });
});
