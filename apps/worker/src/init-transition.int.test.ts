// A node that passes its init checks at the first look: its first transition (— → INIT) is done once it
// moved on to WAIT, not "in progress" forever on the node page.
import type { Db } from "@capstan/db";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, expect, it } from "vitest";
import { simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let db: Db;
let worker: Awaited<ReturnType<typeof startWorker>>;

beforeAll(async () => {
  const env = await simulatedWorld({ nodes: 1, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, db } = env);
  // the default checks (Ready, zoned) hold for a simulated node from the start
  worker = await startWorker(db, env.url, { concurrency: 2, inventoryEveryMs: 300, log: () => {} });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

it("marks — → INIT done when the node passes its checks and moves on to WAIT", async () => {
  await waitFor(
    "the node in WAIT",
    () => db.node.findMany(),
    (ns) => ns.length === 1 && ns[0]!.status === "WAIT",
  );
  const history = await waitFor(
    "WAIT reached",
    () => db.nodeTransition.findMany({ orderBy: { createdAt: "asc" }, select: { from: true, to: true, result: true, finishedAt: true } }),
    (ts) => ts.at(-1)?.result === "SUCCEEDED",
  );
  expect(history.map(({ from, to, result }) => ({ from, to, result }))).toEqual([
    { from: null, to: "INIT", result: "SUCCEEDED" },
    { from: "INIT", to: "WAIT", result: "SUCCEEDED" },
  ]);
  expect(history[0]!.finishedAt).not.toBeNull();
});
