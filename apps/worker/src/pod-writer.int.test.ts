// Pods written many per statement, against a real PostgreSQL whose sessions are not in UTC: the rows equal
// what Prisma's upsert per pod writes (labels included), a second write updates in place, and a pod whose group is gone is
// stored without it while the rest of its batch keeps theirs.
import type { Db } from "@capstan/db";
import { createGroup, registerCluster, registerDataCentre } from "@capstan/usecases";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { buildWorld, grantQuota, kubeconfigFor } from "../../../packages/usecases/src/testing/fixtures";
import { type PodRow, upsertPods } from "./pod-writer";

let db: Db;
let clusterId: string;
let groupId: string;
const started = new Date("2026-03-01T10:20:30.456Z");
const pod = (namespace: string, name: string, over: Partial<PodRow> = {}): PodRow => ({
  namespace,
  name,
  uid: `uid-${name}`,
  groupId: null,
  nodeName: "node-1",
  phase: "Running",
  ready: true,
  ip: "10.1.0.7",
  restarts: 2,
  reason: null,
  message: null,
  cpuMillis: 500,
  memoryMiB: 1024,
  gpu: 0,
  startedAt: started,
  labels: { app: name, "capstan.io/group": "web" },
  ...over,
});
/** A row without what differs between two writes of the same pod: its id, namespace and times. */
const strip = <T extends { id: string; namespace: string; createdAt: Date; updatedAt: Date }>({
  id: _id,
  namespace: _ns,
  createdAt: _c,
  updatedAt: _u,
  ...rest
}: T) => rest;

beforeAll(async () => {
  const t = await testDatabase();
  // Sessions in UTC+8: a timestamp taken or cast in the session's zone would be eight hours off.
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${t.url.split("/").pop()} SET timezone = 'Asia/Shanghai'`);
  await admin.end();
  db = t.db;
  const world = await buildWorld(db);
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc1",
    displayName: "DC 1",
    region: "r1",
    harborUrl: "http://harbor.invalid",
    harborUsername: "admin",
    harborPassword: "unused",
  });
  await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  await grantQuota(world, "dc1");
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "100m", memory: "128Mi" });
  ({ id: clusterId } = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } }));
  ({ id: groupId } = await db.group.findFirstOrThrow({ where: { name: "web" } }));
});

describe("upsertPods", () => {
  it("stores 1,000 pods in one statement as Prisma's upsert stores each, then updates them in place", async () => {
    const before = Date.now();
    const pods = Array.from({ length: 1_000 }, (_, i) =>
      pod("batch", `p-${i}`, { groupId: i % 2 ? groupId : null, reason: i % 3 ? null : "ImagePullBackOff", startedAt: i % 5 ? started : null }),
    );
    expect(await upsertPods(db, clusterId, pods)).toEqual(pods.map(() => "stored"));
    for (const p of pods.slice(0, 5)) {
      const { namespace: _ns, name, ...row } = p;
      await db.pod.upsert({
        where: { clusterId_namespace_name: { clusterId, namespace: "prisma", name } },
        create: { clusterId, namespace: "prisma", name, ...row },
        update: row,
      });
    }
    const batch = await db.pod.findMany({ where: { namespace: "batch" }, orderBy: { name: "asc" } });
    const prisma = await db.pod.findMany({ where: { namespace: "prisma", name: { in: pods.slice(0, 5).map((p) => p.name) } }, orderBy: { name: "asc" } });
    expect(batch).toHaveLength(1_000);
    expect(batch.filter((b) => prisma.some((p) => p.name === b.name)).map(strip)).toEqual(prisma.map(strip));
    for (const b of batch) {
      expect(b.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(b.updatedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    }

    const ids = new Map(batch.map((b) => [b.name, b.id]));
    await upsertPods(
      db,
      clusterId,
      pods.map((p) => ({ ...p, phase: "Failed", ready: false, restarts: 3, labels: { app: p.name } })),
    );
    const after = await db.pod.findMany({ where: { namespace: "batch" } });
    expect(after).toHaveLength(1_000);
    for (const a of after) expect(a).toMatchObject({ id: ids.get(a.name), phase: "Failed", ready: false, restarts: 3, labels: { app: a.name } });
    expect(after[0]!.labels).toEqual({ app: after[0]!.name });
  });

  it("stores a pod whose group is gone without it, and the rest of its batch as given", async () => {
    const gone = "00000000-0000-4000-8000-000000000000";
    const pods = [pod("fk", "a", { groupId }), pod("fk", "b", { groupId: gone }), pod("fk", "c")];
    expect(await upsertPods(db, clusterId, pods)).toEqual(["stored", "group-missing", "stored"]);
    const rows = await db.pod.findMany({ where: { namespace: "fk" }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.groupId])).toEqual([
      ["a", groupId],
      ["b", null],
      ["c", null],
    ]);
  });
});
