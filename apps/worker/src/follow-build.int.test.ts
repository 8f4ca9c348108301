// A group following a branch (issue 15): after a successful build of the branch in dc1, followBuild copies the
// image by digest to dc2's Harbor and rolls out the followers in both data centres, audited as Capstan; an
// older build rolls nothing back; a failed build leaves the followers as they were and tells the developers.
// Against two simulated Harbors (the copies are real OCI transfers), without a worker (rollouts are revisions).
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { startSim, type Sim } from "@capstan/sim";
import { createGroup, registerCluster, registerDataCentre } from "@capstan/usecases";
import { followBuild } from "@capstan/usecases/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { buildWorld, grantQuota, type World } from "../../../packages/usecases/src/testing/fixtures";

let sim: Sim;
let world: World;
const harbors: Record<string, HarborClient> = {};
const spec = { imageTag: "1.0", replicas: 1, cpu: "100m", memory: "64Mi" };

beforeAll(async () => {
  sim = await startSim({ dataCentres: 2, clustersPerDc: 1, nodes: 1, admin: false });
  world = await buildWorld((await testDatabase()).db);
  for (const [i, dc] of sim.dataCentres.entries()) {
    const name = `dc${i + 1}`;
    const r = dc.registryInfo;
    await registerDataCentre(world.as.platformAdmin, {
      name,
      displayName: name,
      region: "r",
      harborUrl: r.url,
      harborUsername: r.username,
      harborPassword: r.password,
    });
    await registerCluster(world.as.platformAdmin, { name: `${name}-c1`, dataCentre: name, kubeconfig: dc.clusters[0]!.kubeconfig() });
    await grantQuota(world, name);
    harbors[name] = new HarborClient(r.url, r.username, r.password);
    await harbors[name].ensureProject("shop");
    await pushMinimalImage(r.url, r, "shop/storefront", "1.0");
  }
  // What the build pushed, in dc1 only.
  const r1 = sim.dataCentres[0]!.registryInfo;
  await pushMinimalImage(r1.url, r1, "shop/storefront", "abc1234");
  for (const [name, dataCentre, follow] of [
    ["web-1", "dc1", { branch: "main" }],
    ["web-2", "dc2", { branch: "main" }],
    ["pinned", "dc2", null],
  ] as const)
    await createGroup(world.as.developer, "shop", "storefront", { name, dataCentre, ...spec, follow });
}, 120_000);

afterAll(() => sim?.stop());

async function build(number: number, status: "SUCCEEDED" | "FAILED", image?: { tag: string; digest: string }) {
  const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
  const dc1 = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
  return world.db.build.create({
    data: {
      applicationId: app.id,
      number,
      dataCentreId: dc1.id,
      gitRef: "main",
      gitRepository: "file:///srv/git/storefront.git",
      dockerfilePath: "Dockerfile",
      status,
      reason: status === "FAILED" ? "BuildFailed" : null,
      imageTag: image?.tag,
      digest: image?.digest,
      finishedAt: new Date(),
    },
  });
}

const groups = async () =>
  Object.fromEntries((await world.db.group.findMany({ orderBy: { name: "asc" } })).map((g) => [g.name, { tag: g.imageTag, digest: g.imageDigest }]));

describe("following a branch", () => {
  it("copies a successful build to the followers' data centres and rolls them out; an older build rolls nothing back", async () => {
    const digest = (await harbors.dc1!.manifestDigest("shop", "storefront", "abc1234"))!;
    const old = (await harbors.dc1!.manifestDigest("shop", "storefront", "1.0"))!;
    expect(await harbors.dc2!.manifestDigest("shop", "storefront", "abc1234")).toBeNull();
    const before = await groups();

    const b = await build(2, "SUCCEEDED", { tag: "abc1234", digest });
    expect(await followBuild(world.db, b.id)).toEqual([
      { group: "web-1", dataCentre: "dc1", outcome: "rolledOut" },
      { group: "web-2", dataCentre: "dc2", outcome: "rolledOut" },
    ]);
    expect(await harbors.dc2!.manifestDigest("shop", "storefront", "abc1234")).toBe(digest);
    expect(await groups()).toEqual({ ...before, "web-1": { tag: "abc1234", digest }, "web-2": { tag: "abc1234", digest } });
    const audit = await world.db.auditEvent.findMany({ where: { actorEmail: "capstan" }, orderBy: { action: "asc" } });
    expect(audit.map((a) => [a.action, a.targetName])).toEqual([
      ["group.rollout", "web-1"],
      ["group.rollout", "web-2"],
      ["image.promote", "shop/storefront:abc1234"],
    ]);
    // once per build
    expect((await world.db.build.findUniqueOrThrow({ where: { id: b.id } })).followedAt).not.toBeNull();
    expect(await followBuild(world.db, b.id)).toEqual([]);

    // a build that ends after a newer one succeeded does not take the followers back
    const older = await build(1, "SUCCEEDED", { tag: "1.0", digest: old });
    expect((await followBuild(world.db, older.id)).map((r) => r.outcome)).toEqual(["superseded", "superseded"]);
    expect((await groups())["web-2"]).toEqual({ tag: "abc1234", digest });
  });

  it("a failed build leaves the followers as they were and tells the system's developers", async () => {
    const before = await groups();
    const b = await build(3, "FAILED");
    expect((await followBuild(world.db, b.id)).map((r) => [r.group, r.outcome])).toEqual([
      ["web-1", "buildFailed"],
      ["web-2", "buildFailed"],
    ]);
    expect(await groups()).toEqual(before);
    const told = await world.db.notification.findMany({ where: { reason: "follow_build_failed", recipient: { email: "dev@capstan.test" } } });
    expect(told.map((n) => (n.params as { group: string }).group).sort()).toEqual(["web-1", "web-2"]);
  });
});
