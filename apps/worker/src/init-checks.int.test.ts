// The worker checks INIT nodes with the init checks platform admins stored, not its environment's
// defaults, and a change of the checks re-runs them on nodes still in INIT.
import type { Db } from "@capstan/db";
import type { Sim } from "@capstan/sim";
import { listNodes, setNodeInitChecks } from "@capstan/usecases";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let db: Db;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
const PREPARED = "capstan.io/prepared";

beforeAll(async () => {
  const env = await simulatedWorld({ nodes: 2, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, db, world } = env);
  // Stored before the worker starts: the simulated nodes are Ready and zoned, so only this label holds them.
  await setNodeInitChecks(world.as.platformAdmin, { requireReady: true, requiredLabels: ["zone", PREPARED], version: 0 });
  worker = await startWorker(db, env.url, { concurrency: 2, inventoryEveryMs: 300, log: () => {} });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

it("decides INIT → WAIT by the stored checks, and re-checks INIT nodes when they change", async () => {
  const checked = await waitFor(
    "both nodes checked",
    () => db.node.findMany({ orderBy: { name: "asc" } }),
    (ns) => ns.length === 2 && ns.every((n) => n.checkResults !== null),
  );
  for (const n of checked) {
    expect(n.status).toBe("INIT");
    expect(n.checkResults).toContainEqual({
      check: `label:${PREPARED}`,
      ok: false,
      reason: "label_missing",
      params: { key: PREPARED },
      message: `Label ${PREPARED} is missing.`,
    });
  }
  await setNodeInitChecks(world.as.platformAdmin, { requireReady: true, requiredLabels: ["zone"], version: 1 });
  await waitFor(
    "both nodes in WAIT",
    () => listNodes(world.as.ops, { status: "WAIT" }),
    (p) => p.total === 2,
  );
});
