// Ops are told of a node turning NotReady once per episode, not on every report of it.
import { listNotifications } from "@capstan/usecases";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../../packages/usecases/src/testing/fixtures";
import { noteNotReady } from "./node-not-ready";

let world: World;
let cluster: { id: string; name: string };

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  cluster = await world.db.cluster.findFirstOrThrow({ select: { id: true, name: true } });
  await world.db.node.createMany({
    data: [
      { clusterId: cluster.id, name: "n1", labels: {}, status: "ONLINE", ready: true },
      { clusterId: cluster.id, name: "n2", labels: {}, status: "INIT", ready: true },
    ],
  });
});

const opsTold = async () => (await listNotifications(world.as.ops, {})).items.filter((n) => n.reason === "node_not_ready");

describe("a node turning NotReady", () => {
  it("tells ops once per episode, only for ONLINE nodes", async () => {
    expect(await noteNotReady(world.db, cluster, "n1")).toBe(true);
    expect(await noteNotReady(world.db, cluster, "n1")).toBe(false); // the same episode, reported again
    expect(await noteNotReady(world.db, cluster, "n2")).toBe(false); // a node in INIT is not expected to be Ready
    const [n] = await opsTold();
    expect(n).toMatchObject({ params: { node: "n1", cluster: "dc1-a" }, link: "/nodes/dc1-a/n1", message: 'Node "n1" in dc1-a is NotReady.' });
    expect(await opsTold()).toHaveLength(1);
    expect((await listNotifications(world.as.developer, {})).total).toBe(0);
    expect((await listNotifications(world.as.platformAdmin, {})).items.map((x) => x.reason)).toEqual(["node_not_ready"]);
    await world.db.node.updateMany({ where: { name: "n1" }, data: { ready: true } }); // Ready again: the episode ends
    expect(await noteNotReady(world.db, cluster, "n1")).toBe(true);
    expect(await opsTold()).toHaveLength(2);
  });
});
