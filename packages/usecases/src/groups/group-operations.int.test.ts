// Rollout, rollback, rolling restart and the release history: each a new revision through one path,
// with a reconcile request in the same transaction, and refused for people who may not change the group.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, deleteGroup, getGroup, listGroupRevisions, restartGroup, rollbackGroup, rolloutGroup, scaleGroup, updateGroup } from "../index";
import { buildWorld, withDataCentre, type World } from "../testing/fixtures";

let world: World;
const admin = () => world.as.platformAdmin;
const dev = () => world.as.developer;
const web = ["shop", "storefront", "web"] as const;
const revisionRow = (revision: number) => world.db.groupRevision.findFirstOrThrow({ where: { revision, group: { name: "web" } } });

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const spec = { dataCentre: "dc1", imageTag: "1.0.0", replicas: 2, cpu: "500m", memory: "512Mi", env: [{ name: "MODE", value: "prod" }] };
  await createGroup(dev(), "shop", "storefront", { name: "web", ...spec });
  await createGroup(admin(), "ledger", "billing", { name: "api", ...spec });
});

describe("group operations", () => {
  it("roll out an image tag as a new revision, with a reconcile request and an audit event", async () => {
    await world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
    const g = await rolloutGroup(dev(), ...web, { image: "1.1.0" });
    expect(g).toMatchObject({ imageTag: "1.1.0", revision: 2, generation: 2, phase: "PROGRESSING", cpu: "500m" });
    expect(await revisionRow(2)).toMatchObject({ changeCause: "rolled out image 1.1.0", spec: expect.objectContaining({ imageTag: "1.1.0" }) });
    expect(await world.db.$queryRaw`SELECT task_identifier FROM graphile_worker.jobs`).toEqual([{ task_identifier: "reconcile-group" }]);
    expect(await world.db.auditEvent.findFirst({ where: { action: "group.rollout" } })).toMatchObject({
      actorEmail: "dev@capstan.test",
      before: { imageTag: "1.0.0", revision: 1 },
      after: { imageTag: "1.1.0", revision: 2 },
    });
  });

  it("refuse a rollout to the running image, a bad tag or a stale version, naming the field", async () => {
    await expect(rolloutGroup(dev(), ...web, { image: "1.1.0" })).rejects.toMatchObject({ status: 409, fields: { image: expect.any(String) } });
    await expect(rolloutGroup(dev(), ...web, { image: "no spaces" })).rejects.toMatchObject({ status: 422, fields: { image: expect.any(String) } });
    await expect(rolloutGroup(dev(), ...web, { image: "1.2.0", version: 1 })).rejects.toMatchObject({ status: 409, code: "stale_version" });
    expect((await getGroup(dev(), ...web)).revision).toBe(2);
  });

  it("roll back to a recorded spec as a new revision, keeping the replica count", async () => {
    const g = await getGroup(dev(), ...web);
    await updateGroup(dev(), ...web, { cpu: "1", env: [], version: g.version });
    await scaleGroup(dev(), ...web, { replicas: 4 });
    const back = await rollbackGroup(dev(), ...web, { revision: 1 });
    expect(back).toMatchObject({ revision: 4, imageTag: "1.0.0", cpu: "500m", env: [{ name: "MODE", value: "prod" }], replicas: 4, phase: "PROGRESSING" });
    expect((await revisionRow(4)).changeCause).toBe("rolled back to revision 1");
  });

  it("refuse a rollback to an unknown revision (404 naming it) or to the current spec (409)", async () => {
    await expect(rollbackGroup(dev(), ...web, { revision: 99 })).rejects.toMatchObject({ status: 404, fields: { revision: expect.any(String) } });
    await expect(rollbackGroup(dev(), ...web, { revision: 1 })).rejects.toMatchObject({ status: 409, fields: { revision: "is the current spec" } });
    await expect(rollbackGroup(dev(), ...web, { revision: 0 })).rejects.toMatchObject({ status: 422, fields: { revision: expect.any(String) } });
    expect((await getGroup(dev(), ...web)).revision).toBe(4);
  });

  it("restart with the same spec and a new restart time, recorded as a revision", async () => {
    const before = await getGroup(dev(), ...web);
    expect(before.restartedAt).toBeNull();
    const first = await restartGroup(dev(), ...web);
    expect(first).toMatchObject({
      revision: 5,
      generation: before.generation + 1,
      imageTag: before.imageTag,
      cpu: before.cpu,
      restartedAt: expect.any(String),
    });
    expect(await revisionRow(5)).toMatchObject({ changeCause: "restarted", spec: (await revisionRow(4)).spec });
    const second = await restartGroup(dev(), ...web);
    expect(Date.parse(second.restartedAt!)).toBeGreaterThan(Date.parse(first.restartedAt!));
    expect(second.revision).toBe(6);
  });

  it("list the release history newest first: who, when, and what changed field by field", async () => {
    const { items, total } = await listGroupRevisions(world.as.viewer, ...web, {});
    expect(total).toBe(6);
    expect(items.map((r) => [r.revision, r.changeCause, r.createdBy])).toEqual([
      [6, "restarted", "dev"],
      [5, "restarted", "dev"],
      [4, "rolled back to revision 1", "dev"],
      [3, "changed env, cpu", "dev"],
      [2, "rolled out image 1.1.0", "dev"],
      [1, "created", "dev"],
    ]);
    // the same causes in parts, for pages in other languages
    expect(items.map((r) => r.cause)).toEqual([
      { kind: "restarted" },
      { kind: "restarted" },
      { kind: "rolledBack", revision: 1 },
      { kind: "changed", fields: ["env", "cpu"] },
      { kind: "rolledOut", image: "1.1.0" },
      { kind: "created" },
    ]);
    const changes = Object.fromEntries(items.map((r) => [r.revision, r.changes]));
    expect(changes[4]).toEqual([
      { field: "imageTag", from: "1.1.0", to: "1.0.0" },
      { field: "cpu", from: "1", to: "500m" },
      { field: "env", from: [], to: [{ name: "MODE", value: "prod" }] },
    ]);
    expect(changes[2]).toEqual([{ field: "imageTag", from: "1.0.0", to: "1.1.0" }]);
    expect(changes[6]).toEqual([]);
    expect(changes[1]).toEqual([]);
    expect(items.filter((r) => r.sameAsCurrent).map((r) => r.revision)).toEqual([6, 5, 4, 1]);
    expect(items[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("page the history, diffing the last revision on a page against the first on the next", async () => {
    const page = await listGroupRevisions(dev(), ...web, { page: "2", pageSize: "2" });
    expect(page).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page.items.map((r) => r.revision)).toEqual([4, 3]);
    expect(page.items[1]!.changes.map((c) => c.field)).toEqual(["cpu", "env"]);
    await expect(listGroupRevisions(dev(), ...web, { pageSize: "1000" })).rejects.toMatchObject({ status: 400, fields: { pageSize: expect.any(String) } });
  });

  it("are for people who may change the group: viewers and ops get 403, other departments 404", async () => {
    const ops = [
      (c = dev()) => rolloutGroup(c, ...web, { image: "9.9.9" }),
      (c = dev()) => rollbackGroup(c, ...web, { revision: 2 }),
      (c = dev()) => restartGroup(c, ...web),
    ];
    for (const op of ops) {
      await expect(op(world.as.viewer)).rejects.toMatchObject({ status: 403 });
      await expect(op(world.as.ops)).rejects.toMatchObject({ status: 403 });
    }
    await expect(restartGroup(dev(), "ledger", "billing", "api")).rejects.toMatchObject({ status: 404 });
    await expect(rolloutGroup(dev(), "ledger", "billing", "api", { image: "2.0.0" })).rejects.toMatchObject({ status: 404 });
    await expect(listGroupRevisions(world.as.viewer, "ledger", "billing", "api", {})).rejects.toMatchObject({ status: 404 });
    expect((await listGroupRevisions(world.as.ops, "ledger", "billing", "api", {})).total).toBe(1);
    expect((await getGroup(dev(), ...web)).revision).toBe(6);
  });

  it("refuse every change to a group that is being deleted", async () => {
    await deleteGroup(dev(), ...web);
    await expect(restartGroup(dev(), ...web)).rejects.toMatchObject({ status: 409 });
    await expect(rolloutGroup(dev(), ...web, { image: "3.0.0" })).rejects.toMatchObject({ status: 409 });
    await expect(rollbackGroup(dev(), ...web, { revision: 2 })).rejects.toMatchObject({ status: 409 });
  });
});
