// A list replaces what is stored, as an informer's DeltaFIFO.Replace does: rows of pods, nodes and events
// the cluster no longer has go, also rows stored before this process started (the newcomer's restart: a
// fresh simulator, a worker started again, and the old pods listed as Running beside the new ones), and
// rows left behind while syncing go within one resync period.
import type { Cluster, Db } from "@capstan/db";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInventorySync } from "../inventory";
import { simulatedWorld, waitFor } from "../testing";
import { events } from "./events";
import { nodes } from "./nodes";
import { pods } from "./pods";

let sim: Sim;
let db: Db;
let cluster: Cluster;
const store = () => sim.clusters[0]!.store;

/** Rows as a previous incarnation of the cluster left them: a pod, a node and a node's event it no longer has. */
async function ghosts(suffix: string) {
  await db.pod.create({
    data: { clusterId: cluster.id, namespace: "default", name: `ghost-${suffix}`, uid: `uid-pod-${suffix}`, phase: "Running", ready: true, ip: "10.9.9.9" },
  });
  await db.node.create({ data: { clusterId: cluster.id, name: `ghost-node-${suffix}`, status: "ONLINE", ready: true } });
  const at = new Date();
  await db.clusterEvent.create({
    data: {
      clusterId: cluster.id,
      uid: `uid-event-${suffix}`,
      namespace: "default",
      involvedKind: "Node",
      involvedName: `ghost-node-${suffix}`,
      type: "Normal",
      reason: "Starting",
      message: "",
      firstAt: at,
      lastAt: at,
    },
  });
}

const ghostCounts = async (suffix: string) => [
  await db.pod.count({ where: { name: `ghost-${suffix}` } }),
  await db.node.count({ where: { name: `ghost-node-${suffix}` } }),
  await db.clusterEvent.count({ where: { uid: `uid-event-${suffix}` } }),
];

beforeAll(async () => {
  ({ sim, db } = await simulatedWorld({ nodes: 2 }));
  cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  store().create("pods", { metadata: { name: "real", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx:1.25" }] } });
}, 120_000);

afterAll(async () => {
  await sim?.stop();
});

describe("the inventory's list replaces the stored rows", { timeout: 60_000 }, () => {
  it("deletes rows stored before this process whose objects the cluster does not list", async () => {
    await ghosts("old");
    const sync = startInventorySync(db, cluster, () => undefined, [pods, nodes, events]);
    try {
      await waitFor(
        "the ghost rows gone",
        () => ghostCounts("old"),
        (c) => c.every((n) => n === 0),
        30_000,
      );
      await waitFor(
        "the cluster's pods and nodes stored",
        async () => [await db.pod.count({ where: { name: "real" } }), await db.node.count()],
        ([p, n]) => p === 1 && n === 2,
        30_000,
      );
    } finally {
      await sync.stop();
    }
  });

  it("deletes rows left behind while it watches within one resync period", async () => {
    const sync = startInventorySync(db, cluster, () => undefined, [pods, nodes, events], 500);
    try {
      await waitFor(
        "the cluster's pods stored",
        () => db.pod.count({ where: { name: "real" } }),
        (n) => n === 1,
        30_000,
      );
      await ghosts("later");
      await waitFor(
        "the ghost rows gone",
        () => ghostCounts("later"),
        (c) => c.every((n) => n === 0),
        10_000,
      );
      expect(await db.pod.count({ where: { name: "real" } })).toBe(1);
      expect(await db.node.count()).toBe(2);
    } finally {
      await sync.stop();
    }
  });
});
