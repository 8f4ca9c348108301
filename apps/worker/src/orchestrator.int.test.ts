// The orchestrator end to end against a simulated data centre, through the real Kubernetes client:
// desired state in PostgreSQL → objects in the cluster → pods → observed state back in PostgreSQL.
import { reconcile } from "@capstan/db/kinds";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import type { Sim } from "@capstan/sim";
import { createGroup, deleteGroup, getGroup, listImageTags, previewPlacement, restartGroup, scaleGroup, setSystemQuota, updateGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { reconcileGroup } from "./controllers/group/reconcile";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let k8sClients: Awaited<ReturnType<typeof simulatedWorld>>["k8s"];
let worker: Awaited<ReturnType<typeof startWorker>>;
const dev = () => world.as.developer;

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  k8sClients = env.k8s;
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, log: () => {} });
  await admitNodes(world, 6);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

const group = () => getGroup(dev(), "shop", "storefront", "web");
const k8s = async () => k8sClients;

describe("orchestrator", () => {
  it("deploys a new group: namespace, isolation, Harbor project, Deployment, and pods running and ready", async () => {
    await createGroup(dev(), "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 2, cpu: "250m", memory: "256Mi" });
    // The reconciler records the generation it applied just after the apply, so pods may be ready first.
    const g = await waitFor(
      "the group to be available",
      group,
      (g) => g.phase === "AVAILABLE" && g.readyReplicas === 2 && g.pods.length === 2 && g.observedGeneration === g.generation,
    );
    expect(g.pods.every((p) => p.phase === "Running" && p.ready && p.ip)).toBe(true);
    const { core, apps, net } = await k8s();
    const ns = await core.readNamespace({ name: "shop" });
    expect(ns.metadata?.labels).toMatchObject({ "app.kubernetes.io/managed-by": "capstan", "capstan.io/system": "shop" });
    const policy = await net.readNamespacedNetworkPolicy({ name: "capstan-isolation", namespace: "shop" });
    expect(policy.spec?.ingress).toEqual([{ _from: [{ podSelector: {} }] }]);
    const d = await apps.readNamespacedDeployment({ name: "storefront-web", namespace: "shop" });
    expect(d.metadata?.managedFields?.some((f) => f.manager === "capstan" && f.operation === "Apply")).toBe(true);
    // pods pull from the private Harbor project with the system's pull-only robot, not the admin
    const pull = await core.readNamespacedSecret({ name: "capstan-registry", namespace: "shop" });
    const auths = JSON.parse(Buffer.from(pull.data![".dockerconfigjson"]!, "base64").toString()).auths;
    expect(Object.values(auths).map((a) => (a as { username: string }).username)).toEqual(["robot$shop+capstan-pull"]);
    expect(d.spec?.template.spec?.imagePullSecrets).toEqual([{ name: "capstan-registry" }]);
    // the nodes' requested capacity counts the pods now on them (2 × 250m, 2 × 256Mi)
    const requested = () => world.db.node.aggregate({ _sum: { requestedCpuMillis: true, requestedMemoryMiB: true } });
    await waitFor("node requests", requested, (r) => r._sum.requestedCpuMillis === 500 && r._sum.requestedMemoryMiB === 512);
  });

  it("scales, and rolls out a new image", { timeout: 120_000 }, async () => {
    await scaleGroup(dev(), "shop", "storefront", "web", { replicas: 3 });
    await waitFor("three ready pods", group, (g) => g.readyReplicas === 3 && g.pods.filter((p) => p.ready).length === 3);
    const { version } = await group();
    const { imageDigest } = await updateGroup(dev(), "shop", "storefront", "web", { imageTag: "1.1", version });
    expect(imageDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    await waitFor("the rollout to 1.1", group, (g) => g.phase === "AVAILABLE" && g.updatedReplicas === 3 && g.observedGeneration === g.generation, 90_000);
    const { core } = await k8s();
    const pods = await waitFor(
      "only 1.1 pods, pulled by the digest 1.1 had",
      () => core.listNamespacedPod({ namespace: "shop", labelSelector: "capstan.io/group=web" }),
      (l) => l.items.length === 3 && l.items.every((p) => p.spec?.containers[0]?.image?.endsWith(`/shop/storefront@${imageDigest}`)),
    );
    expect(pods.items).toHaveLength(3);
  });

  it("restarts every pod, as kubectl rollout restart does: new pods replace the old ones", { timeout: 120_000 }, async () => {
    const old = new Set((await group()).pods.map((p) => p.name));
    const { restartedAt } = await restartGroup(dev(), "shop", "storefront", "web");
    await waitFor(
      "three new ready pods",
      group,
      (g) => g.phase === "AVAILABLE" && g.observedGeneration === g.generation && g.pods.length === 3 && g.pods.every((p) => p.ready && !old.has(p.name)),
      90_000,
    );
    const { apps } = await k8s();
    const d = await apps.readNamespacedDeployment({ name: "storefront-web", namespace: "shop" });
    expect(d.spec?.template.metadata?.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": restartedAt });
    expect(d.spec?.template.spec?.containers[0]?.image).toMatch(new RegExp(`@${(await group()).imageDigest}$`));
  });

  it("shows why pods cannot start: a tag that is not in the registry", async () => {
    // Harbor is asked first: a tag it does not have is refused before anything is written.
    const refused = await createGroup(dev(), "shop", "storefront", {
      name: "broken",
      dataCentre: "dc1",
      imageTag: "9.9-missing",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
    }).catch((e) => e);
    expect(refused).toMatchObject({ status: 422, fields: { imageTag: "is not in the registry of dc1" } });
    // Harbor is asked only for those who may deploy there: a viewer learns nothing about its tags.
    const viewer = await createGroup(world.as.viewer, "shop", "storefront", {
      name: "broken",
      dataCentre: "dc1",
      imageTag: "9.9-missing",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
    }).catch((e) => e);
    expect(viewer).toMatchObject({ status: 403 });
    // A tag removed from Harbor after the group was made (a retention policy, say), for a group from before
    // digests were pinned (no digest: its pods pull the tag): its pods cannot pull it.
    await createGroup(dev(), "shop", "storefront", { name: "broken", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
    const row = await world.db.group.findFirstOrThrow({ where: { name: "broken" } });
    await world.db.group.update({ where: { id: row.id }, data: { imageTag: "9.9-missing", imageDigest: null, generation: { increment: 1 } } });
    await reconcile.group(world.db, row);
    const g = await waitFor(
      "the pull error",
      () => getGroup(dev(), "shop", "storefront", "broken"),
      (g) => g.pods.some((p) => p.reason === "ErrImagePull" || p.reason === "ImagePullBackOff") && g.events.length > 0,
    );
    // The old pod (1.0) may still run beside the new one while the rollout is stuck: look at the one that fails.
    const failing = g.pods.find((p) => p.reason === "ErrImagePull" || p.reason === "ImagePullBackOff")!;
    expect(failing.message).toContain("9.9-missing");
    expect(g.events).toContainEqual(
      expect.objectContaining({ kind: "Pod", name: failing.name, reason: "Failed", message: expect.stringContaining("9.9-missing") }),
    );
    // another group's warnings are not this one's
    expect((await group()).events).toEqual([]);
  });

  it("deletes a group: its objects leave the cluster, then the group leaves PostgreSQL", async () => {
    await deleteGroup(dev(), "shop", "storefront", "broken");
    await waitFor(
      "the group row to go",
      () => world.db.group.count({ where: { name: "broken" } }),
      (n) => n === 0,
    );
    const { apps } = await k8s();
    await expect(apps.readNamespacedDeployment({ name: "storefront-broken", namespace: "shop" })).rejects.toMatchObject({ code: 404 });
  });

  it("mirrors the system's quota into a ResourceQuota, and prunes objects no group accounts for", async () => {
    await setSystemQuota(world.as.departmentAdmin, "shop", "dc1", { cpu: "8", memory: "16Gi", gpu: 0, instances: 40 });
    const { core, apps } = await k8s();
    // An orphan: a Capstan-labelled Deployment whose group no longer exists.
    const orphan = (await apps.readNamespacedDeployment({ name: "storefront-web", namespace: "shop" })) as { metadata: Record<string, unknown> };
    await apps.createNamespacedDeployment({
      namespace: "shop",
      body: {
        ...orphan,
        metadata: { name: "storefront-gone", namespace: "shop", labels: { ...(orphan.metadata.labels as object), "capstan.io/group": "gone" } },
        status: undefined,
      } as never,
    });
    await worker.addJob("resync", {}, { jobKey: "resync" });
    const quota = await waitFor(
      "the ResourceQuota",
      () => core.readNamespacedResourceQuota({ name: "capstan-quota", namespace: "shop" }).catch(() => null),
      (q) => q?.spec?.hard?.["requests.cpu"] === "8",
    );
    expect(quota!.spec?.hard).toMatchObject({ "requests.cpu": "8", "requests.memory": "16Gi", pods: "40" });
    await waitFor(
      "the orphan to be pruned",
      () =>
        apps.readNamespacedDeployment({ name: "storefront-gone", namespace: "shop" }).then(
          () => true,
          () => false,
        ),
      (exists) => !exists,
    );
  });

  it("shows the quota refusing pods, from the cluster's events", async () => {
    // Below what is in use, which setSystemQuota refuses: as if the cluster's quota were tighter than Capstan's.
    const shop = await world.db.system.findUniqueOrThrow({ where: { name: "shop" } });
    await world.db.systemQuota.updateMany({ where: { systemId: shop.id }, data: { instances: 2 } });
    await worker.addJob("resync", {}, { jobKey: "resync" });
    const { core } = await k8s();
    await waitFor(
      "the lower quota",
      () => core.readNamespacedResourceQuota({ name: "capstan-quota", namespace: "shop" }),
      (q) => q.spec?.hard?.pods === "2",
    );
    const [victim] = (await core.listNamespacedPod({ namespace: "shop", labelSelector: "capstan.io/group=web" })).items;
    await core.deleteNamespacedPod({ name: victim!.metadata!.name!, namespace: "shop" });
    const g = await waitFor("the quota warning", group, (g) => g.events.some((e) => e.reason === "FailedCreate"));
    expect(g.events.find((e) => e.reason === "FailedCreate")!.message).toMatch(/exceeded quota: capstan-quota/);
    await world.db.systemQuota.updateMany({ where: { systemId: shop.id }, data: { instances: 40 } });
  });

  it("puts back what someone deleted by hand, on the next resync", async () => {
    const { apps } = await k8s();
    await apps.deleteNamespacedDeployment({ name: "storefront-web", namespace: "shop" });
    await worker.addJob("resync", {}, { jobKey: "resync" });
    await waitFor(
      "the Deployment to return",
      () => apps.readNamespacedDeployment({ name: "storefront-web", namespace: "shop" }).catch(() => null),
      (d) => d !== null,
    );
  });

  it("puts a system's pull secret in its namespace before the first pods that need it, even in a namespace made by hand", async () => {
    // A namespace someone made beforehand lets a Deployment in at once; pods created before the pull
    // secret would fail their first pull and back off for seconds.
    // A system with no quota (rows alone): one with a quota has had its namespace put in place already.
    const { core } = await k8s();
    await core.createNamespace({ body: { metadata: { name: "books" } } });
    const dc = sim.dataCentres[0]!;
    await new HarborClient(dc.registryInfo.url, dc.registryInfo.username, dc.registryInfo.password).ensureProject("books");
    await pushMinimalImage(dc.registryInfo.url, dc.registryInfo, "books/billing", "1.0");
    const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
    const ledger = await world.db.system.findUniqueOrThrow({ where: { name: "ledger" } });
    const books = await world.db.system.create({ data: { name: "books", displayName: "Books", departmentId: ledger.departmentId } });
    const billing = await world.db.application.create({ data: { systemId: books.id, name: "billing", displayName: "Billing" } });
    // a row alone, no reconcile requested: this test runs the group's reconcile itself, and nothing else runs the system's
    const row = await world.db.group.create({
      data: {
        name: "api",
        applicationId: billing.id,
        dataCentreId: web.dataCentreId,
        clusterId: web.clusterId,
        imageTag: "1.0",
        replicas: 1,
        cpuMillis: 100,
        memoryMiB: 128,
      },
    });
    await reconcileGroup(world.db, { groupId: row.id });
    const pull = await core.readNamespacedSecret({ name: "capstan-registry", namespace: "books" });
    expect(pull.type).toBe("kubernetes.io/dockerconfigjson");
    const { apps } = await k8s();
    expect((await apps.readNamespacedDeployment({ name: "billing-api", namespace: "books" })).spec?.replicas).toBe(1);
  });

  it("lists image tags from the data centre's Harbor and previews placement from the node inventory", async () => {
    const tags = await listImageTags(dev(), "shop", "storefront", "dc1");
    expect(tags.items.map((t) => t.tag)).toEqual(["1.1", "1.0"]);
    expect(tags.items[0]!.digest).toMatch(/^sha256:/);
    const fits = await previewPlacement(dev(), "shop", { dataCentre: "dc1", replicas: 2, cpu: "100m", memory: "128Mi" });
    expect(fits).toMatchObject({ cluster: "dc1-c1", ok: true, overQuota: [], conflicts: [] });
    expect(fits.clusters[0]!.matchingNodes).toBeGreaterThan(0);
    expect(fits.replicasThatFit).toBeGreaterThanOrEqual(2);
    const huge = await previewPlacement(dev(), "shop", { dataCentre: "dc1", replicas: 400, cpu: "64", memory: "512Gi" });
    expect(huge.ok).toBe(false);
    expect(huge.replicasThatFit).toBe(0);
    // Each shortfall carries its reason and amounts in stated units, so the portal can word it in zh-CN too.
    expect(huge.overQuota).toContainEqual({
      reason: "quota_short",
      params: expect.objectContaining({ resource: "CPU", unit: "millicores", asked: 25_600_000 }),
      message: expect.stringMatching(/CPU: asked 25600 cores/),
    });
  });
});
