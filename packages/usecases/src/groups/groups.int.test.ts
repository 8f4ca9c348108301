// Groups: desired state, revisions and reconcile requests written together, with bad input refused.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, deleteGroup, listGroups, scaleGroup, updateGroup } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const admin = () => world.as.platformAdmin;
const jobs = async () =>
  (await world.db.$queryRaw<{ task_identifier: string; key: string }[]>`SELECT task_identifier, key FROM graphile_worker.jobs ORDER BY key`).map(
    (j) => `${j.task_identifier} ${j.key.split(":")[0]}`,
  );

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  // The quotas' own reconcile requests (projects, namespaces) are not what these tests look at.
  await world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
});

const spec = { dataCentre: "dc1", imageTag: "1.0.0", replicas: 2, cpu: "500m", memory: "512Mi" };

describe("groups", () => {
  it("are created with revision 1 and a reconcile request for the group and its system's namespace", async () => {
    const g = await createGroup(world.as.developer, "shop", "storefront", { name: "web", ...spec });
    expect(g).toMatchObject({ name: "web", cluster: "dc1-a", cpu: "500m", memory: "512Mi", revision: 1, generation: 1, phase: "PENDING" });
    expect(await jobs()).toEqual(["reconcile-group group", "reconcile-system system"]);
    expect(await world.db.groupRevision.count()).toBe(1);
  });

  it("coalesce reconcile requests: many changes, one pending job per object", async () => {
    for (const replicas of [3, 4, 5]) await scaleGroup(world.as.developer, "shop", "storefront", "web", { replicas });
    const g = (await listGroups(world.as.developer, { system: "shop", application: "storefront" })).items[0]!;
    const updated = await updateGroup(world.as.developer, "shop", "storefront", "web", { imageTag: "1.1.0", version: g.version });
    expect(updated).toMatchObject({ replicas: 5, imageTag: "1.1.0", revision: 2, generation: 5 });
    expect(await jobs()).toEqual(["reconcile-group group", "reconcile-system system"]);
  });

  it("refuse bad sizes, bad tags, unknown data centres and exclusive fractions, naming the field", async () => {
    const bad = async (input: object, field: string) => {
      await expect(createGroup(admin(), "shop", "storefront", { name: "bad", ...spec, ...input })).rejects.toMatchObject({
        fields: { [field]: expect.any(String) },
      });
    };
    await bad({ cpu: "-1" }, "cpu");
    await bad({ memory: "lots" }, "memory");
    await bad({ replicas: 501 }, "replicas");
    await bad({ imageTag: "has space" }, "imageTag");
    await bad({ dataCentre: "nowhere" }, "dataCentre");
    await bad({ cpuMode: "EXCLUSIVE", cpu: "1500m" }, "cpu");
    await bad({ resourceLabels: ["res.ssd", "res.ssd"] }, "resourceLabels");
    await bad({ cluster: "no-such" }, "cluster");
    expect(await world.db.group.count({ where: { name: "bad" } })).toBe(0);
  });

  it("refuse a name too long together with its application's, naming the field and the layer", async () => {
    // "storefront-" is 11 characters: a 35-character group makes a 46-character Deployment, the most whose pods keep their names.
    await expect(createGroup(admin(), "shop", "storefront", { name: "g".repeat(36), ...spec })).rejects.toMatchObject({
      status: 422,
      fields: { name: expect.stringContaining("pods' names") },
    });
    expect(await createGroup(admin(), "shop", "storefront", { name: "g".repeat(35), ...spec })).toMatchObject({ name: "g".repeat(35) });
  });

  it("refuse a name whose Deployment would clash with another application's group", async () => {
    await world.db.application.create({
      data: { systemId: (await world.db.system.findUniqueOrThrow({ where: { name: "shop" } })).id, name: "storefront-web", displayName: "x" },
    });
    await createGroup(admin(), "shop", "storefront-web", { name: "x", ...spec });
    await expect(createGroup(admin(), "shop", "storefront", { name: "web-x", ...spec })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("storefront-web-x"),
    });
  });

  it("let only one of many concurrent creates of one Deployment name through, however the name splits", async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      // "storefront" + "web-burstN" and "storefront-web" + "burstN" both make the Deployment "storefront-web-burstN"
      const creates = Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? createGroup(admin(), "shop", "storefront", { name: `web-burst${n}`, ...spec, replicas: 1 })
          : createGroup(admin(), "shop", "storefront-web", { name: `burst${n}`, ...spec, replicas: 1 }),
      );
      const results = await Promise.allSettled(creates);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.status)).toEqual(Array(9).fill(409));
    }
  });

  it("are deleted through the orchestrator: marked, not removed", async () => {
    await deleteGroup(world.as.developer, "shop", "storefront", "web");
    const g = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
    expect(g.phase).toBe("DELETING");
    expect(g.deletionRequestedAt).not.toBeNull();
  });

  it("cannot be created by viewers or in another department", async () => {
    await expect(createGroup(world.as.viewer, "shop", "storefront", { name: "v", ...spec })).rejects.toMatchObject({ status: 403 });
    await expect(createGroup(world.as.developer, "ledger", "billing", { name: "v", ...spec })).rejects.toMatchObject({ status: 404 });
    await expect(createGroup(world.as.ops, "shop", "storefront", { name: "v", ...spec })).rejects.toMatchObject({ status: 403 });
  });

  it("refuse a placement the label policy forbids, naming the conflicting labels", async () => {
    await world.db.labelDefinition.createMany({
      data: [
        { key: "zone", kind: "ZONE", values: ["default", "cicd"], dedicated: ["cicd"] },
        ...["res.ssd", "res.gpu", "res.normal"].map((key) => ({ key, kind: "RESOURCE" as const })),
      ],
    });
    await world.db.labelExclusiveSet.create({ data: { name: "gpu-or-normal", labels: ["res.normal", "res.gpu"] } });
    const e = await createGroup(world.as.developer, "shop", "storefront", { name: "mixed", ...spec, resourceLabels: ["res.normal", "res.gpu"] }).catch(
      (x) => x,
    );
    expect(e).toMatchObject({ status: 422, fields: { resourceLabels: expect.stringMatching(/res\.normal.*res\.gpu|res\.gpu.*res\.normal/) } });
    expect((await createGroup(world.as.developer, "shop", "storefront", { name: "nowhere", ...spec, zone: "mars" }).catch((x) => x)).fields).toHaveProperty(
      "zone",
    );
    expect(await world.db.group.count({ where: { name: { in: ["mixed", "nowhere"] } } })).toBe(0);
    await world.db.labelExclusiveSet.deleteMany();
    await world.db.labelDefinition.deleteMany();
  });
});
