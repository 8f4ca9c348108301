// The label policy as platform admins edit it: whole-policy replacement with a version, refusals that
// name the fields, nodes and groups in the way, and an audit event per change.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { createGroup, getLabelPolicy, registerCluster, registerDataCentre, setLabelPolicy, setNodeLabels } from "../index";
import { buildWorld, grantQuota, kubeconfigFor, type World } from "../testing/fixtures";
import { readLabelPolicy } from "./read-label-policy";

let world: World;
const admin = () => world.as.platformAdmin;
const base = {
  zones: ["default", "cicd", "edge"],
  dedicatedZones: ["cicd"],
  resourceLabels: ["res.ssd", "res.gpu", "res.normal"],
  exclusiveSets: [["res.normal", "res.gpu"]],
};

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(admin(), { name: "dc1", displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" });
  await registerCluster(admin(), { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "dc1");
});

describe("label policy", () => {
  it("starts empty at version 1 and is readable by anyone signed in", async () => {
    expect(await getLabelPolicy(world.as.viewer)).toEqual({ zones: [], dedicatedZones: [], resourceLabels: [], exclusiveSets: [], version: 1 });
  });

  it("is replaced whole by a platform admin, audited with before and after", async () => {
    const saved = await setLabelPolicy(admin(), { ...base, version: 1 });
    expect(saved).toEqual({ ...base, version: 2 });
    expect(await getLabelPolicy(world.as.developer)).toEqual(saved);
    const event = await world.db.auditEvent.findFirstOrThrow({ where: { action: "label-policy.set" }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({
      actorEmail: "admin@capstan.test",
      targetType: "label-policy",
      before: { zones: [], version: 1 },
      after: { ...base, version: 2 },
    });
  });

  it("refuses a stale version with 409", async () => {
    await expect(setLabelPolicy(admin(), { ...base, version: 1 })).rejects.toMatchObject({ status: 409, fields: { version: "out of date" } });
  });

  it("refuses exclusive sets with unknown labels and dedicated zones that are not zones (422, per field)", async () => {
    const e = await setLabelPolicy(admin(), { ...base, dedicatedZones: ["mars"], exclusiveSets: [["res.ssd", "res.tpu"]], version: 2 }).catch((x) => x);
    expect(e).toMatchObject({
      status: 422,
      fields: {
        dedicatedZones: 'Reserved zones must be known zones: "mars".',
        "exclusiveSets.0": 'Exclusive sets may only hold known resource labels: "res.tpu".',
      },
    });
    expect((await getLabelPolicy(admin())).version).toBe(2);
  });

  it("is what node labels are checked against", async () => {
    const { id: clusterId } = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
    const n = await world.db.node.create({ data: { clusterId, name: "n1", labels: {} } });
    await setNodeLabels(world.as.ops, "dc1-c1", "n1", { labels: { zone: "edge", "res.ssd": "true" }, version: n.version });
    await expect(setNodeLabels(world.as.ops, "dc1-c1", "n1", { labels: { zone: "moon" }, version: n.version + 1 })).rejects.toMatchObject({
      status: 422,
      fields: { "labels.zone": expect.stringContaining("known: default, cicd, edge") },
    });
  });

  it("refuses to remove a zone or flag still in use, naming the nodes and groups; nothing changes", async () => {
    await createGroup(world.as.developer, "shop", "storefront", {
      name: "web",
      dataCentre: "dc1",
      imageTag: "1.0.0",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
      zone: "edge",
      resourceLabels: ["res.gpu"],
    });
    const e = await setLabelPolicy(admin(), { ...base, zones: ["default", "cicd"], resourceLabels: ["res.normal"], exclusiveSets: [], version: 2 }).catch(
      (x) => x,
    );
    expect(e).toMatchObject({
      status: 409,
      fields: {
        zones: 'Zone "edge" is still used by node dc1-c1/n1 and group shop/storefront/web.',
        resourceLabels: "res.ssd is still used by node dc1-c1/n1. res.gpu is still used by group shop/storefront/web.",
      },
    });
    expect(await getLabelPolicy(admin())).toEqual({ ...base, version: 2 });
  });

  it("adds and removes unused values, keeping what is in use", async () => {
    const saved = await setLabelPolicy(admin(), {
      zones: ["default", "edge", "gpu-farm"],
      dedicatedZones: ["gpu-farm"],
      resourceLabels: ["res.ssd", "res.gpu", "res.fpga"],
      exclusiveSets: [["res.gpu", "res.fpga"]],
      version: 2,
    });
    expect(await getLabelPolicy(admin())).toEqual(saved);
    expect(await world.db.labelDefinition.count({ where: { kind: "RESOURCE" } })).toBe(3);
  });

  it("waits for a labelling that read the policy, then sees the value it took up", async () => {
    let readDone!: () => void, release!: () => void;
    const read = new Promise<void>((r) => (readDone = r));
    const held = new Promise<void>((r) => (release = r));
    const labelling = world.db.$transaction(async (tx) => {
      await readLabelPolicy(tx);
      readDone();
      await held;
      await tx.node.updateMany({ where: { name: "n1" }, data: { desiredLabels: { zone: "gpu-farm" } } });
    });
    await read;
    const removal = setLabelPolicy(admin(), {
      zones: ["default", "edge"],
      dedicatedZones: [],
      resourceLabels: ["res.ssd", "res.gpu", "res.fpga"],
      exclusiveSets: [],
      version: 3,
    }).catch((e) => e);
    const waiting = () =>
      world.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    for (let i = 0; i < 100 && (await waiting())[0]!.n === 0; i++) await new Promise((r) => setTimeout(r, 50));
    release();
    await labelling;
    expect(await removal).toMatchObject({ status: 409, fields: { zones: 'Zone "gpu-farm" is still used by node dc1-c1/n1.' } });
  });

  it("is changed by platform admins only", async () => {
    for (const who of ["ops", "departmentAdmin", "developer", "viewer"] as const)
      await expect(setLabelPolicy(world.as[who], { ...base, version: 3 })).rejects.toMatchObject({ status: 403 });
  });

  it("asks to reapply the groups of a zone made dedicated, whose tolerations change", async () => {
    const web = await world.db.group.findFirstOrThrow({ where: { name: "web" } });
    await world.db.$executeRaw`SELECT graphile_worker.remove_job(${`group:${web.id}`})`;
    await setLabelPolicy(admin(), {
      zones: ["default", "edge", "gpu-farm"],
      dedicatedZones: ["edge"],
      resourceLabels: ["res.ssd", "res.gpu", "res.fpga"],
      exclusiveSets: [],
      version: 3,
    });
    const jobs = await world.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'reconcile-group'`;
    expect(jobs).toEqual([{ key: `group:${web.id}` }]);
  });
});
