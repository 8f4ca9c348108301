// The node list answers from PostgreSQL: filters, sorts and keyset pages that neither skip nor repeat.
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { listNodes, registerCluster, registerDataCentre } from "../index";
import { buildWorld, kubeconfigFor, type World } from "../testing/fixtures";

let world: World;
const ops = () => world.as.ops;

beforeAll(async () => {
  const { db } = await testDatabase();
  world = await buildWorld(db);
  await registerDataCentre(world.as.platformAdmin, { name: "dc1", displayName: "DC", region: "r", harborUrl: "http://h.test", harborUsername: "a", harborPassword: "p" });
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
    expect((await listNodes(ops(), { q: "NODE-1", dataCentre: "dc1", cluster: "dc1-c1" })).items.map((n) => n.name)).toEqual(Array.from({ length: 10 }, (_, i) => `node-1${i}`));
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
