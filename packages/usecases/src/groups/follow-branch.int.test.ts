// Groups that follow a branch: `follow: { branch }` on create and update, and rolloutFollowers, which a
// successful build of that branch calls to roll those groups out to the digest it pushed.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, getGroup, listGroupRevisions, updateGroup } from "../index";
import { rolloutFollowers } from "../internal";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const dev = () => world.as.developer;
const spec = { dataCentre: "dc1", imageTag: "1.0.0", replicas: 1, cpu: "100m", memory: "128Mi" };
const digest = (c: string) => `sha256:${c.repeat(64)}`;

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
});

describe("following a branch", () => {
  it("is set on create and update, cleared with null, and refused for names git would refuse", async () => {
    expect(await createGroup(dev(), "shop", "storefront", { name: "live", ...spec, follow: { branch: "main" } })).toMatchObject({
      follow: { branch: "main" },
      revision: 1,
    });
    expect(await createGroup(dev(), "shop", "storefront", { name: "other", ...spec, follow: { branch: "release/2.x" } })).toMatchObject({
      follow: { branch: "release/2.x" },
    });
    expect(await createGroup(dev(), "shop", "storefront", { name: "still", ...spec })).toMatchObject({ follow: null });
    // Following changes no pod: no new revision.
    const { version } = await getGroup(dev(), "shop", "storefront", "still");
    expect(await updateGroup(dev(), "shop", "storefront", "still", { follow: { branch: "main" }, version })).toMatchObject({
      follow: { branch: "main" },
      revision: 1,
    });
    const again = await getGroup(dev(), "shop", "storefront", "still");
    expect(await updateGroup(dev(), "shop", "storefront", "still", { follow: null, version: again.version })).toMatchObject({ follow: null, revision: 1 });
    for (const branch of ["", "a..b", "-x", "x/", "x.lock", "a b", "x~1", "@", "a@{1}", "x".repeat(256)])
      await expect(createGroup(dev(), "shop", "storefront", { name: "bad", ...spec, follow: { branch } }), branch).rejects.toMatchObject({
        status: 422,
        fields: { "follow.branch": expect.any(String) },
      });
  });

  it("rolls the branch's followers in the build's data centre out to the pushed digest, audited as the system", async () => {
    const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
    const dc = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
    const build = { applicationId: app.id, branch: "main", build: 7, tag: "abc1234", digest: digest("a"), dataCentreId: dc.id };
    expect(await rolloutFollowers(world.db, build)).toEqual([{ group: "live", outcome: "rolledOut", revision: 2 }]);
    expect(await getGroup(dev(), "shop", "storefront", "live")).toMatchObject({ imageTag: "abc1234", imageDigest: digest("a"), revision: 2 });
    // Groups following another branch, or none, are left alone.
    expect(await getGroup(dev(), "shop", "storefront", "other")).toMatchObject({ imageTag: "1.0.0", revision: 1 });
    expect(await getGroup(dev(), "shop", "storefront", "still")).toMatchObject({ imageTag: "1.0.0", revision: 1 });
    const [latest] = (await listGroupRevisions(dev(), "shop", "storefront", "live", {})).items;
    expect(latest).toMatchObject({ revision: 2, createdBy: null, cause: { kind: "followed", branch: "main", build: 7, image: "abc1234" } });
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "group.rollout", targetId: "shop/storefront/live" } });
    expect(audit).toMatchObject({ actorId: null, actorEmail: "capstan", after: { imageTag: "abc1234", imageDigest: digest("a"), followed: "main" } });
    const jobs = await world.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'reconcile-group'`;
    expect(jobs.length).toBeGreaterThan(0);

    // The same build again changes nothing.
    expect(await rolloutFollowers(world.db, build)).toEqual([{ group: "live", outcome: "unchanged" }]);
    // A build pushed to another data centre rolls out none of dc1's followers.
    const elsewhere = await world.db.dataCentre.create({
      data: { name: "dc9", displayName: "DC 9", region: "r", harborUrl: "http://h.test", harborUsername: "u", harborPasswordEnc: Buffer.from("x") },
    });
    expect(await rolloutFollowers(world.db, { ...build, digest: digest("b"), dataCentreId: elsewhere.id })).toEqual([]);
  });

  it("leaves a follower whose new revision is refused untouched, and says why", async () => {
    const app = await world.db.application.findFirstOrThrow({ where: { name: "storefront" } });
    const dc = await world.db.dataCentre.findUniqueOrThrow({ where: { name: "dc1" } });
    // Exclusive CPUs need whole cores: a revision of this group is refused whatever its image.
    await world.db.group.updateMany({ where: { name: "other" }, data: { cpuMode: "EXCLUSIVE" } });
    const outcomes = await rolloutFollowers(world.db, {
      applicationId: app.id,
      branch: "release/2.x",
      build: 8,
      tag: "2.0.1",
      digest: digest("c"),
      dataCentreId: dc.id,
    });
    expect(outcomes).toEqual([{ group: "other", outcome: "refused", reason: "exclusive_cpu_needs_whole_cpus", message: expect.any(String) }]);
    expect(await getGroup(dev(), "shop", "storefront", "other")).toMatchObject({ imageTag: "1.0.0", revision: 1 });
  });
});
