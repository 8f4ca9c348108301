// The nodes' requested sums are recomputed when a pod or a new node was written, not every few seconds
// regardless: at 50,000 pods per cluster each refresh is a join over all of them. Against the simulator and
// a real PostgreSQL, whose own statistics count the scans of the Pod table.
import type { Cluster, Db } from "@capstan/db";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInventorySync } from "../inventory";
import { simulatedWorld, waitFor } from "../testing";
import { nodes } from "./nodes";
import { pods } from "./pods";

let sim: Sim;
let db: Db;
let cluster: Cluster;
const store = () => sim.clusters[0]!.store;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const createPod = (name: string, nodeName: string) =>
  store().create("pods", {
    metadata: { name, namespace: "sums" },
    spec: { nodeName, containers: [{ name: "c", image: "nginx:1.25", resources: { requests: { cpu: "250m", memory: "256Mi" } } }] },
  });
/** Scans of the Pod table so far, as PostgreSQL counts them (an idle backend reports its counts within 10 s). */
async function podScans(): Promise<number> {
  const [r] = await db.$queryRaw<
    { n: number }[]
  >`SELECT (COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0))::int AS n FROM pg_stat_user_tables WHERE relname = 'Pod'`;
  return r!.n;
}
const requestedCpu = async () => (await db.node.aggregate({ where: { clusterId: cluster.id }, _sum: { requestedCpuMillis: true } }))._sum.requestedCpuMillis;

beforeAll(async () => {
  ({ sim, db } = await simulatedWorld({ nodes: 2 }));
  cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  store().create("namespaces", { metadata: { name: "sums" } });
}, 120_000);
afterAll(() => sim?.stop());

describe("the nodes' requested sums", { timeout: 120_000 }, () => {
  it("are refreshed after pods change, and not while nothing changes", async () => {
    const node = (store().objects("nodes")[0] as { metadata: { name: string } }).metadata.name;
    createPod("a", node);
    createPod("b", node);
    const errors: string[] = [];
    const sync = startInventorySync(db, cluster, (m) => errors.push(m), [pods, nodes]);
    try {
      await waitFor("both pods running and summed", requestedCpu, (cpu) => cpu === 500, 30_000);
      await waitFor(
        "both pods running",
        () => db.pod.count({ where: { phase: "Running" } }),
        (n) => n === 2,
        30_000,
      );
      // The refresh after the last write is over within ~3 s; an idle backend reports its counts within 10 s.
      await sleep(13_000);
      const quiet = await podScans();
      await sleep(12_000); // four refresh periods (3 s each)
      expect(await podScans()).toBe(quiet);

      createPod("c", node);
      await waitFor("the new pod summed", requestedCpu, (cpu) => cpu === 750, 15_000);
      expect(errors).toEqual([]);
    } finally {
      await sync.stop();
    }
  });
});
