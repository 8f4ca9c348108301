// One view of an application: its groups by data centre and cluster, with digest, replicas, status and last
// rollout; per tag whether all groups run the same digest; the last finished build.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, getApplicationOverview, registerCluster, registerDataCentre } from "../index";
import { buildWorld, grantQuota, kubeconfigFor, withDataCentre, type World } from "../testing/fixtures";
import { digestAgreement } from "./get-application-overview";

let world: World;
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const spec = { imageTag: "1.0.0", replicas: 2, cpu: "100m", memory: "128Mi" };

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const admin = world.as.platformAdmin;
  await registerDataCentre(admin, {
    name: "dc0",
    displayName: "DC 0",
    region: "r0",
    harborUrl: "http://harbor.dc0.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  await registerCluster(admin, { name: "dc0-a", dataCentre: "dc0", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "dc0");
});

describe("the application overview", () => {
  it("says nothing runs yet, and hides applications the actor cannot read", async () => {
    expect(await getApplicationOverview(world.as.viewer, "shop", "storefront")).toEqual({
      system: "shop",
      application: "storefront",
      dataCentres: [],
      tags: [],
      lastBuild: null,
    });
    await expect(getApplicationOverview(world.as.viewer, "ledger", "billing")).rejects.toMatchObject({ status: 404 });
  });

  it("lists every group by data centre and cluster, with digest, replicas, status, last rollout and the last finished build", async () => {
    const dev = world.as.developer;
    for (const [name, dataCentre] of [
      ["web", "dc1"],
      ["api", "dc1"],
      ["edge", "dc0"],
    ] as const)
      await createGroup(dev, "shop", "storefront", { name, dataCentre, ...spec });
    // Neither Harbor answers here: pin digests as a reachable one would have.
    const pin = (name: string, imageDigest: string | null, readyReplicas = 0) =>
      world.db.group.updateMany({ where: { name }, data: { imageDigest, readyReplicas, phase: readyReplicas ? "AVAILABLE" : "PENDING" } });
    await pin("web", digest("a"), 2);
    await pin("edge", digest("a"));
    await pin("api", digest("b"));
    const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
    const built = { applicationId: app.id, dataCentreId: (await world.db.dataCentre.findFirstOrThrow({ where: { name: "dc1" } })).id, gitRef: "main" };
    const source = { gitRepository: "file:///srv/git/storefront.git", dockerfilePath: "Dockerfile" };
    await world.db.build.createMany({
      data: [
        { ...built, ...source, number: 1, imageTag: "1.0.0", status: "SUCCEEDED", finishedAt: new Date("2026-11-30T08:00:00Z") },
        { ...built, ...source, number: 2, imageTag: "abc1234", status: "RUNNING" }, // not finished: not shown
      ],
    });

    const o = await getApplicationOverview(world.as.viewer, "shop", "storefront");
    expect(o.dataCentres.map((d) => [d.dataCentre, d.clusters.map((c) => [c.cluster, c.groups.map((g) => g.name)])])).toEqual([
      ["dc0", [["dc0-a", ["edge"]]]],
      ["dc1", [["dc1-a", ["api", "web"]]]],
    ]);
    const web = o.dataCentres[1]!.clusters[0]!.groups[1]!;
    expect(web).toMatchObject({
      imageTag: "1.0.0",
      imageDigest: digest("a"),
      replicas: 2,
      readyReplicas: 2,
      phase: "AVAILABLE",
      lastRollout: { revision: 1, by: "dev", cause: { kind: "created" } },
    });
    expect(o.tags).toEqual([{ tag: "1.0.0", groups: 3, digests: [digest("a"), digest("b")], unpinned: 0, same: false }]);
    expect(o.lastBuild).toEqual({ number: 1, status: "SUCCEEDED", imageTag: "1.0.0", commitSha: null, finishedAt: "2026-11-30T08:00:00.000Z" });
  });
});

describe("digest agreement", () => {
  it("is the same only with one known digest and none unknown", () => {
    expect(
      digestAgreement([
        { imageTag: "2", imageDigest: digest("c") },
        { imageTag: "1", imageDigest: digest("a") },
        { imageTag: "1", imageDigest: digest("a") },
        { imageTag: "3", imageDigest: digest("d") },
        { imageTag: "3", imageDigest: null },
      ]),
    ).toEqual([
      { tag: "1", groups: 2, digests: [digest("a")], unpinned: 0, same: true },
      { tag: "2", groups: 1, digests: [digest("c")], unpinned: 0, same: true },
      { tag: "3", groups: 2, digests: [digest("d")], unpinned: 1, same: false },
    ]);
  });
});
