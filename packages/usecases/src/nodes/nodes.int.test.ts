// The node list answers from PostgreSQL: filters, sorts and keyset pages that neither skip nor repeat.
// Transitions carry kubectl drain's options (force, deleteEmptyDirData) for OFFLINE only, audited.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import type { Db } from "@capstan/db";
import { bulkTransitionNodes, getNode, getNodeBulkTransition, listNodes, registerCluster, registerDataCentre, transitionNode } from "../index";
import { runNodeBulkTransition } from "../internal";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";

let world: World;
let db: Db;
const ops = () => world.as.ops;

beforeAll(async () => {
  ({ db } = await testDatabase());
  world = await buildWorld(db);
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc1",
    displayName: "DC",
    region: "r",
    harborUrl: "http://h.test",
    harborUsername: "a",
    harborPassword: "p",
  });
  await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const { id: clusterId } = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  const statuses = ["INIT", "WAIT", "ONLINE", "OFFLINE"] as const;
  await db.node.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      clusterId,
      name: `node-${String(i).padStart(2, "0")}`,
      status: statuses[i % 4],
      zone: i % 5 === 0 ? "cicd" : "default",
      labels: { zone: i % 5 === 0 ? "cicd" : "default", ...(i % 3 === 0 ? { "res.ssd": "true" } : {}) },
      allocCpuMillis: 16_000,
      requestedCpuMillis: i * 500,
      allocMemoryMiB: 65_536,
      requestedMemoryMiB: i * 1024,
    })),
  });
});

describe("listNodes", () => {
  it("filters by status (any case), zone, label, free CPU and memory, and name", async () => {
    expect((await listNodes(ops(), { status: "online" })).total).toBe(6);
    expect((await listNodes(ops(), { zone: "cicd" })).total).toBe(5);
    expect((await listNodes(ops(), { label: "res.ssd=true" })).total).toBe(9);
    expect((await listNodes(ops(), { label: "res.ssd" })).total).toBe(9);
    expect((await listNodes(ops(), { minFreeCpu: "10" })).total).toBe(13); // 16 − 0.5·i ≥ 10 for i ≤ 12
    expect((await listNodes(ops(), { minFreeMemory: "50Gi" })).total).toBe(15);
    expect((await listNodes(ops(), { q: "NODE-1", dataCentre: "dc1", cluster: "dc1-c1" })).items.map((n) => n.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `node-1${i}`),
    );
  });

  it("sorts by free CPU and walks every page once with the cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listNodes(ops(), { sort: "freeCpu", order: "desc", pageSize: "7", ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((n) => n.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `node-${String(i).padStart(2, "0")}`));
  });

  it("shows what each node may move to, and rejects bad queries with 400", async () => {
    const [first] = (await listNodes(ops(), { status: "WAIT", pageSize: "1" })).items;
    expect(first!.allowed).toEqual(["ONLINE", "INIT"]);
    await expect(listNodes(ops(), { cursor: "nonsense" })).rejects.toMatchObject({ status: 400, fields: { cursor: expect.any(String) } });
    await expect(listNodes(ops(), { sort: "age" })).rejects.toMatchObject({ status: 400, fields: { sort: expect.any(String) } });
  });
});

describe("drain options on transitions", () => {
  const audited = (name: string) =>
    db.auditEvent.findFirstOrThrow({ where: { action: "node.transition", targetId: `dc1-c1/${name}` }, orderBy: { id: "desc" } });

  it("refuses force and deleteEmptyDirData on a move that is not to OFFLINE, naming the field", async () => {
    await expect(transitionNode(ops(), "dc1-c1", "node-01", { to: "ONLINE", reason: "admit", deleteEmptyDirData: true })).rejects.toMatchObject({
      status: 422,
      fields: { deleteEmptyDirData: "applies only to a move to OFFLINE (a drain)" },
    });
    await expect(
      bulkTransitionNodes(ops(), { to: "INIT", reason: "redo", force: true, nodes: [{ cluster: "dc1-c1", name: "node-03" }] }),
    ).rejects.toMatchObject({ status: 422, fields: { force: expect.any(String) } });
    await expect(transitionNode(ops(), "dc1-c1", "node-02", { to: "OFFLINE", reason: "x", force: "yes" })).rejects.toMatchObject({
      status: 422,
      fields: { force: "must be true or false" },
    });
  });

  it("records the options on the transition and in the audit; OFFLINE again repeats a drain that has not succeeded, not one that has", async () => {
    await transitionNode(ops(), "dc1-c1", "node-02", { to: "OFFLINE", reason: "disk" });
    expect(await audited("node-02")).toMatchObject({ after: { status: "OFFLINE", reason: "disk", force: false, deleteEmptyDirData: false } });
    await transitionNode(ops(), "dc1-c1", "node-02", { to: "OFFLINE", reason: "disk, the bare pod may go", force: true, deleteEmptyDirData: true });
    expect(await audited("node-02")).toMatchObject({ before: { status: "OFFLINE" }, after: { status: "OFFLINE", force: true, deleteEmptyDirData: true } });
    const n = await getNode(ops(), "dc1-c1", "node-02");
    expect(n.transitions.slice(0, 2)).toMatchObject([
      { from: "OFFLINE", to: "OFFLINE", force: true, deleteEmptyDirData: true, result: "PENDING" },
      { from: "ONLINE", to: "OFFLINE", force: false },
    ]);
    expect(n.allowed).toEqual(["ONLINE", "INIT", "OFFLINE"]);
    await db.nodeTransition.updateMany({ where: { node: { name: "node-02" } }, data: { result: "SUCCEEDED" } });
    expect((await getNode(ops(), "dc1-c1", "node-02")).allowed).toEqual(["ONLINE", "INIT"]);
    await expect(transitionNode(ops(), "dc1-c1", "node-02", { to: "OFFLINE", reason: "again", force: true })).rejects.toMatchObject({
      status: 409,
      message: "The node is already OFFLINE.",
    });
  });

  it("a bulk OFFLINE gives every node's transition its options and audits them", async () => {
    const { id } = await bulkTransitionNodes(ops(), {
      to: "OFFLINE",
      reason: "rack move",
      force: true,
      nodes: [
        { cluster: "dc1-c1", name: "node-06" },
        { cluster: "dc1-c1", name: "node-10" },
      ],
    });
    await runNodeBulkTransition(db, id);
    for (const name of ["node-06", "node-10"]) {
      expect((await getNode(ops(), "dc1-c1", name)).transitions[0]).toMatchObject({ to: "OFFLINE", force: true, deleteEmptyDirData: false, bulkId: id });
      expect(await audited(name)).toMatchObject({ after: { status: "OFFLINE", bulkId: id, force: true, deleteEmptyDirData: false } });
    }
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "node.bulk-transition", targetId: id } })).toMatchObject({
      after: { to: "OFFLINE", force: true, deleteEmptyDirData: false },
    });
  });

  it("a bulk move keeps each refusal's reason and params beside its English, for the reader's language", async () => {
    // node-09 is WAIT (9 % 4 = 1): its move to WAIT is refused; node-12 is INIT (12 % 4 = 0) and moves.
    const { id } = await bulkTransitionNodes(ops(), {
      to: "WAIT",
      reason: "hold",
      nodes: [
        { cluster: "dc1-c1", name: "node-09" },
        { cluster: "dc1-c1", name: "node-12" },
      ],
    });
    await runNodeBulkTransition(db, id);
    const items = (await getNodeBulkTransition(ops(), id)).items;
    expect(items.find((i) => i.node === "node-09")).toMatchObject({
      result: "FAILED",
      message: "The node is already WAIT.",
      failureReason: "node_already_in_status",
      failureParams: { status: "WAIT" },
    });
    expect(items.find((i) => i.node === "node-12")).toMatchObject({ result: "SUCCEEDED", failureReason: null, failureParams: null });
  });
});
