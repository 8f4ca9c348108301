// The init checks platform admins set: the environment's defaults until then, a version per change,
// INIT nodes asked to be checked again, and an audit event.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { getNodeInitChecks, registerCluster, registerDataCentre, setNodeInitChecks } from "../index";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";
import { loadNodeInitChecks } from "./node-init-checks";

let world: World;
const admin = () => world.as.platformAdmin;
let nodes: { id: string; status: string }[];

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(admin(), { name: "dc1", displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" });
  await registerCluster(admin(), { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const { id: clusterId } = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  nodes = await Promise.all((["INIT", "INIT", "ONLINE"] as const).map((status, i) => db.node.create({ data: { clusterId, name: `n${i}`, status } })));
});

const nodeJobs = () => world.db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE task_identifier = 'reconcile-node' ORDER BY key`;

describe("node init checks", () => {
  it("are the environment's defaults at version 0 until set", async () => {
    expect(await loadNodeInitChecks(world.db, { CAPSTAN_NODE_MIN_KUBELET: "v1.28.0", CAPSTAN_NODE_REQUIRED_LABELS: "zone,rack" })).toEqual({
      requireReady: true,
      minKubeletVersion: "v1.28.0",
      requiredLabels: ["zone", "rack"],
      version: 0,
    });
    expect(await getNodeInitChecks(world.as.ops)).toMatchObject({ version: 0 });
  });

  it("are stored by a platform admin, audited, and every INIT node is checked again", async () => {
    const saved = await setNodeInitChecks(admin(), {
      requireReady: false,
      minKubeletVersion: "v1.30.0",
      requiredLabels: ["zone", "capstan.io/prepared"],
      version: 0,
    });
    expect(saved).toEqual({ requireReady: false, minKubeletVersion: "v1.30.0", requiredLabels: ["zone", "capstan.io/prepared"], version: 1 });
    expect(await getNodeInitChecks(world.as.ops)).toEqual(saved);
    expect(await nodeJobs()).toEqual(
      nodes
        .filter((n) => n.status === "INIT")
        .map((n) => ({ key: `node:${n.id}` }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    const event = await world.db.auditEvent.findFirstOrThrow({ where: { action: "node-init-checks.set" } });
    expect(event).toMatchObject({ actorEmail: "admin@capstan.test", before: { version: 0 }, after: saved });
    expect(await setNodeInitChecks(admin(), { requireReady: true, version: 1 })).toEqual({
      requireReady: true,
      minKubeletVersion: null,
      requiredLabels: [],
      version: 2,
    });
  });

  it("refuse a stale version, including a second first save, with 409", async () => {
    await expect(setNodeInitChecks(admin(), { requireReady: true, version: 0 })).rejects.toMatchObject({ status: 409, fields: { version: "out of date" } });
    await expect(setNodeInitChecks(admin(), { requireReady: true, version: 1 })).rejects.toMatchObject({ status: 409 });
  });

  it("refuse a kubelet version that is not vX.Y.Z with 422 naming the field", async () => {
    await expect(setNodeInitChecks(admin(), { requireReady: true, minKubeletVersion: "1.30", version: 2 })).rejects.toMatchObject({
      status: 422,
      fields: { minKubeletVersion: "must be a version such as v1.29.0" },
    });
  });
});
