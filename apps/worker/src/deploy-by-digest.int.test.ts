// Deployment by digest (issue 15): each revision pins the digest its tag had in the data centre's Harbor,
// and the Deployment runs <registry>/<system>/<application>@<digest>. Re-pushing a tag changes nothing that
// runs until someone rolls out; a rollback brings back the exact bytes of its revision; groups from before
// digests were pinned keep running their tag. Against the simulated Harbor and cluster, with the worker.
import { reconcile } from "@capstan/db/kinds";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import type { Sim } from "@capstan/sim";
import { createGroup, getGroup, listGroupRevisions, restartGroup, rollbackGroup, rolloutGroup, scaleGroup, updateGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { reconcileGroup } from "./controllers/group/reconcile";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let k8s: Awaited<ReturnType<typeof simulatedWorld>>["k8s"];
let worker: Awaited<ReturnType<typeof startWorker>>;
let harbor: HarborClient;
let registry: { url: string; username: string; password: string };
const dev = () => world.as.developer;
const group = (name: string) => getGroup(dev(), "shop", "storefront", name);
const digestOf = async (tag: string) => (await harbor.manifestDigest("shop", "storefront", tag))!;

/** The Deployment's image, once the group's current generation is applied. */
async function deployedImage(name: string) {
  const g = await waitFor(
    `${name} applied`,
    () => group(name),
    (g) => g.observedGeneration === g.generation,
  );
  const d = await k8s.apps.readNamespacedDeployment({ name: `storefront-${name}`, namespace: "shop" });
  return { group: g, image: d.spec!.template.spec!.containers[0]!.image! };
}

/** Waits for the group's pods to all run `image` and be ready: the simulated kubelet pulled it from Harbor. */
const runningOnly = (name: string, image: string) =>
  waitFor(
    `${name}'s pods running ${image}`,
    () => k8s.core.listNamespacedPod({ namespace: "shop", labelSelector: `capstan.io/group=${name}` }),
    (l) =>
      l.items.length > 0 &&
      l.items.every((p) => p.spec?.containers[0]?.image === image && p.status?.phase === "Running" && p.status.containerStatuses?.[0]?.ready),
    60_000,
  );

/** Points `tag` at the manifest `from` has, as a CI pushing a new build under an old tag would. */
async function repush(tag: string, from: string) {
  const auth = { authorization: "Basic " + Buffer.from(`${registry.username}:${registry.password}`).toString("base64") };
  const type = "application/vnd.oci.image.manifest.v1+json";
  const manifest = await fetch(new URL(`/v2/shop/storefront/manifests/${from}`, registry.url), { headers: { ...auth, accept: type } });
  const put = await fetch(new URL(`/v2/shop/storefront/manifests/${tag}`, registry.url), {
    method: "PUT",
    headers: { ...auth, "content-type": type },
    body: Buffer.from(await manifest.arrayBuffer()),
  });
  expect(put.status).toBe(201);
}

beforeAll(async () => {
  const env = await simulatedWorld({ timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world, k8s } = env);
  registry = sim.dataCentres[0]!.registryInfo;
  harbor = new HarborClient(registry.url, registry.username, registry.password);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

describe("deployment by digest", () => {
  it("pins the tag's digest; a re-pushed tag changes nothing until a rollout, and a rollback restores the old bytes", { timeout: 180_000 }, async () => {
    const host = new URL(registry.url).host;
    const [d10, d11] = [await digestOf("1.0"), await digestOf("1.1")];
    expect(d10).not.toBe(d11);

    const created = await createGroup(dev(), "shop", "storefront", {
      name: "pinned",
      dataCentre: "dc1",
      imageTag: "1.0",
      replicas: 1,
      cpu: "50m",
      memory: "64Mi",
    });
    expect(created).toMatchObject({ imageTag: "1.0", imageDigest: d10 });
    expect((await deployedImage("pinned")).image).toBe(`${host}/shop/storefront@${d10}`);
    await runningOnly("pinned", `${host}/shop/storefront@${d10}`);

    // CI pushes a new build under the same tag: the group, its Deployment and its pods stay on the old bytes,
    // through a reconcile, a scale and a restart (which re-pull nothing new).
    await repush("1.0", "1.1");
    expect(await digestOf("1.0")).toBe(d11);
    const g = await world.db.group.findFirstOrThrow({ where: { name: "pinned" } });
    await reconcileGroup(world.db, { groupId: g.id });
    await scaleGroup(dev(), "shop", "storefront", "pinned", { replicas: 2 });
    await restartGroup(dev(), "shop", "storefront", "pinned");
    const kept = await deployedImage("pinned");
    expect(kept.group).toMatchObject({ imageTag: "1.0", imageDigest: d10 });
    expect(kept.image).toBe(`${host}/shop/storefront@${d10}`);
    await runningOnly("pinned", `${host}/shop/storefront@${d10}`);

    // A rollout of the same tag picks its new digest.
    const rolled = await rolloutGroup(dev(), "shop", "storefront", "pinned", { image: "1.0" });
    expect(rolled).toMatchObject({ imageTag: "1.0", imageDigest: d11 });
    expect((await deployedImage("pinned")).image).toBe(`${host}/shop/storefront@${d11}`);
    await runningOnly("pinned", `${host}/shop/storefront@${d11}`);
    // …and once more is a conflict: nothing would change.
    await expect(rolloutGroup(dev(), "shop", "storefront", "pinned", { image: "1.0" })).rejects.toMatchObject({
      status: 409,
      reason: "group_already_runs_image",
    });

    // The release history shows each revision's digest; a rollback to revision 1 brings back its bytes,
    // although its tag now names others.
    const history = await listGroupRevisions(dev(), "shop", "storefront", "pinned", {});
    expect(history.items.map((r) => [r.revision, r.spec.imageTag, r.spec.imageDigest])).toEqual([
      [3, "1.0", d11],
      [2, "1.0", d10],
      [1, "1.0", d10],
    ]);
    expect(history.items[0]!.changes).toEqual([{ field: "imageDigest", from: d10, to: d11 }]);
    const back = await rollbackGroup(dev(), "shop", "storefront", "pinned", { revision: 1 });
    expect(back).toMatchObject({ imageTag: "1.0", imageDigest: d10 });
    expect((await deployedImage("pinned")).image).toBe(`${host}/shop/storefront@${d10}`);
    await runningOnly("pinned", `${host}/shop/storefront@${d10}`);

    // An update that changes the tag pins the new tag's digest; one that does not keeps the pin.
    const { version } = await group("pinned");
    expect(await updateGroup(dev(), "shop", "storefront", "pinned", { imageTag: "1.1", version })).toMatchObject({ imageDigest: d11 });
    const again = await group("pinned");
    expect(await updateGroup(dev(), "shop", "storefront", "pinned", { memory: "96Mi", version: again.version })).toMatchObject({
      imageTag: "1.1",
      imageDigest: d11,
    });
  });

  it("a rollback to bytes Harbor no longer holds is refused, naming the tag", { timeout: 60_000 }, async () => {
    for (const tag of ["2.0", "2.1"]) await pushMinimalImage(registry.url, registry, "shop/storefront", tag);
    await createGroup(dev(), "shop", "storefront", { name: "gone", dataCentre: "dc1", imageTag: "2.0", replicas: 1, cpu: "50m", memory: "64Mi" });
    await rolloutGroup(dev(), "shop", "storefront", "gone", { image: "2.1" });
    // Someone deletes revision 1's bytes from Harbor (by digest, which also drops the tags naming them).
    const auth = { authorization: "Basic " + Buffer.from(`${registry.username}:${registry.password}`).toString("base64") };
    const del = await fetch(new URL(`/v2/shop/storefront/manifests/${await digestOf("2.0")}`, registry.url), { method: "DELETE", headers: auth });
    expect(del.status).toBe(202);
    await expect(rollbackGroup(dev(), "shop", "storefront", "gone", { revision: 1 })).rejects.toMatchObject({
      status: 422,
      reason: "image_not_in_registry",
      params: { tag: "2.0" },
    });
  });

  it("groups from before digests were pinned keep running their tag, and pin one at their next rollout", { timeout: 90_000 }, async () => {
    const host = new URL(registry.url).host;
    await createGroup(dev(), "shop", "storefront", { name: "legacy", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "50m", memory: "64Mi" });
    // As the migration left them: no digest on the group nor in its revision.
    const row = await world.db.group.findFirstOrThrow({ where: { name: "legacy" } });
    await world.db.group.update({ where: { id: row.id }, data: { imageDigest: null, generation: { increment: 1 } } });
    const rev = await world.db.groupRevision.findFirstOrThrow({ where: { groupId: row.id, revision: 1 } });
    const { imageDigest: _, ...oldSpec } = rev.spec as Record<string, unknown>;
    await world.db.groupRevision.update({ where: { id: rev.id }, data: { spec: oldSpec as object } });
    // Through the worker's queue, as the migration's change would be: the worker's own reconcile of the create
    // may have read generation 1 and so rightly skipped recording it; only a requested reconcile records 2.
    await reconcile.group(world.db, row);
    expect((await deployedImage("legacy")).image).toBe(`${host}/shop/storefront:1.0`);
    await runningOnly("legacy", `${host}/shop/storefront:1.0`);
    expect((await listGroupRevisions(dev(), "shop", "storefront", "legacy", {})).items[0]!.spec.imageDigest).toBeNull();

    const pinned = await rolloutGroup(dev(), "shop", "storefront", "legacy", { image: "1.0" });
    expect(pinned.imageDigest).toBe(await digestOf("1.0"));
    expect((await deployedImage("legacy")).image).toBe(`${host}/shop/storefront@${pinned.imageDigest}`);
  });
});
