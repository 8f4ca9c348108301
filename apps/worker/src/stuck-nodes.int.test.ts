// Ops and platform admins are told of a node stuck in its state once per stay in that state, however
// many resyncs see it stuck.
import { listNotifications } from "@capstan/usecases";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../packages/usecases/src/testing/fixtures";
import { noteStuckNodes } from "./stuck-nodes";

let world: World;
const hour = 3_600_000;
const now = new Date("2026-11-30T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

beforeAll(async () => {
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const cluster = await world.db.cluster.findFirstOrThrow({ select: { id: true } });
  await world.db.node.createMany({
    data: [
      { clusterId: cluster.id, name: "init-long", status: "INIT", statusChangedAt: ago(2 * hour) }, // past INIT's 30 min
      { clusterId: cluster.id, name: "init-fresh", status: "INIT", statusChangedAt: ago(10 * 60_000) },
      { clusterId: cluster.id, name: "wait-long", status: "WAIT", statusChangedAt: ago(25 * hour) }, // past WAIT's 24 h
      { clusterId: cluster.id, name: "online-old", status: "ONLINE", statusChangedAt: ago(1000 * hour) }, // ONLINE is never stuck
    ],
  });
});

const told = async (role: "ops" | "platformAdmin" | "developer") =>
  (await listNotifications(world.as[role], {})).items.filter((n) => n.reason === "node_stuck").map((n) => n.params.node);

describe("nodes stuck in their state", () => {
  it("tells ops and platform admins once per stay, and again after the node moved on and got stuck anew", async () => {
    expect(await noteStuckNodes(world.db, now)).toBe(2);
    expect((await told("ops")).sort()).toEqual(["init-long", "wait-long"]);
    expect((await told("platformAdmin")).sort()).toEqual(["init-long", "wait-long"]);
    expect(await told("developer")).toEqual([]);
    const [n] = (await listNotifications(world.as.ops, {})).items.filter((x) => x.params.node === "init-long");
    expect(n).toMatchObject({ kind: "node.stuck", link: "/nodes/dc1-a/init-long", message: 'Node "init-long" in dc1-a has been in INIT for more than 0.5 h.' });

    // Later resyncs see the same stays: no one is told again.
    expect(await noteStuckNodes(world.db, new Date(now.getTime() + 15 * 60_000))).toBe(0);
    expect(await told("ops")).toHaveLength(2);
    // init-fresh goes past INIT's 30 minutes in its turn.
    expect(await noteStuckNodes(world.db, new Date(now.getTime() + hour))).toBe(1);
    expect(await told("ops")).toContain("init-fresh");

    // init-long moves to WAIT and stays there past WAIT's threshold: a new episode.
    await world.db.node.updateMany({ where: { name: "init-long" }, data: { status: "WAIT", statusChangedAt: new Date(now.getTime() + hour) } });
    expect(await noteStuckNodes(world.db, new Date(now.getTime() + 2 * hour))).toBe(0);
    expect(await noteStuckNodes(world.db, new Date(now.getTime() + 26 * hour))).toBe(1);
    expect((await told("ops")).filter((x) => x === "init-long")).toHaveLength(2);
  });

  it("is told once when two workers check at the same time", async () => {
    const cluster = await world.db.cluster.findFirstOrThrow({ select: { id: true } });
    await world.db.node.create({ data: { clusterId: cluster.id, name: "offline-long", status: "OFFLINE", statusChangedAt: ago(8 * 24 * hour) } });
    const counts = await Promise.all([noteStuckNodes(world.db, now), noteStuckNodes(world.db, now)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect((await told("ops")).filter((x) => x === "offline-long")).toHaveLength(1);
  });
});
