// What used to crash or stall the worker, against the simulator's faults: a cluster answering a proxy's
// HTML page, and a cluster that accepts connections and never answers. The worker runs in-process; the
// other cluster of the data centre must keep converging, and the faulty one's errors land on its objects.
import { registerCluster, createGroup, scaleGroup } from "@capstan/usecases";
import type { Sim } from "@capstan/sim";
import { NOT_KUBERNETES } from "@capstan/orchestrator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>>;
const A = "dc1-c1";
const B = "dc1-c2";
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
const dev = () => world.as.developer;
const spec = (name: string, cluster: string) => ({ name, dataCentre: "dc1", cluster, imageTag: "1.0", replicas: 1, cpu: "50m", memory: "64Mi" });
const row = (name: string) => world.db.group.findFirstOrThrow({ where: { name } });
const applied = (g: { generation: number; observedGeneration: number }) => g.observedGeneration === g.generation;

beforeAll(async () => {
  process.env.CAPSTAN_CALL_TIMEOUT_SECONDS = "1";
  process.env.CAPSTAN_JOB_TIMEOUT_SECONDS = "4";
  const env = await simulatedWorld({ clustersPerDc: 2, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world } = env);
  await registerCluster(world.as.platformAdmin, { name: B, dataCentre: "dc1", kubeconfig: sim.dataCentres[0]!.clusters[1]!.kubeconfig() });
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  // Four job slots: at most two for one cluster (CAPSTAN_CLUSTER_CONCURRENCY defaults to half).
  worker = await startWorker(env.db, env.url, { concurrency: 4, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 12, 60_000);
}, 120_000);

afterEach(() => sim.faults.clear());

afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  delete process.env.CAPSTAN_CALL_TIMEOUT_SECONDS;
  delete process.env.CAPSTAN_JOB_TIMEOUT_SECONDS;
  await worker?.stop();
  await sim?.stop();
});

describe("a cluster behind a proxy that answers HTML", () => {
  it("the worker survives, records the error on the group and the cluster, and converges once the cluster is back", { timeout: 90_000 }, async () => {
    await createGroup(dev(), "shop", "storefront", spec("html", A));
    await waitFor("the group applied", () => row("html"), applied); // discovery is cached: raw requests meet the fault next
    sim.faults.set(A, { answer: "html" });
    await scaleGroup(dev(), "shop", "storefront", "html", { replicas: 2 });
    const failed = await waitFor(
      "the error on the group",
      () => row("html"),
      (g) => !!g.lastError,
    );
    expect(failed.lastError).toMatch(/502 a text\/html answer that is not JSON/);
    await worker.addJob("resync", {}, { jobKey: "resync" });
    const cluster = await waitFor(
      "the error on the cluster",
      () => world.db.cluster.findUniqueOrThrow({ where: { name: A } }),
      (c) => c.status === "UNREACHABLE",
    );
    expect(cluster.lastError).toBe(NOT_KUBERNETES); // what the probe tells people; the body stays in the log
    expect(uncaught).toEqual([]);
    sim.faults.clear(A);
    const healed = await waitFor(
      "the group applied after the fault",
      () => row("html"),
      (g) => applied(g) && g.lastError === null,
      30_000,
    );
    expect(healed.replicas).toBe(2);
  });
});

describe("a cluster that never answers", () => {
  it(
    "takes at most its share of the slots: the other cluster converges, and the hung one's reconciles fail at their deadline and back off",
    { timeout: 240_000 },
    async () => {
      sim.faults.set(A, { answer: "blackHole" });
      for (let i = 0; i < 6; i++) await createGroup(dev(), "shop", "storefront", spec(`hung${i}`, A));
      const started = Date.now();
      for (let i = 0; i < 2; i++) await createGroup(dev(), "shop", "storefront", spec(`ok${i}`, B));
      for (let i = 0; i < 2; i++) await waitFor(`ok${i} applied in ${B}`, () => row(`ok${i}`), applied, 20_000);
      expect(Date.now() - started).toBeLessThan(20_000);

      // The hung cluster's groups say why they are not applied: a call's or the job's deadline.
      const hung = await waitFor(
        "errors on the hung groups",
        () => world.db.group.findMany({ where: { name: { startsWith: "hung" } } }),
        (gs) => gs.every((g) => g.lastError),
        60_000,
      );
      for (const g of hung) expect(g.lastError).toMatch(/no answer within 1 s|deadline of 4 s/);
      expect(hung.every((g) => g.observedGeneration === 0)).toBe(true);

      // One job per object (job keys coalesce), retried later and later rather than at once.
      const jobs = () => world.db.$queryRaw<{ key: string; run_at: Date; payload: { attempt?: number } }[]>`
      SELECT j.key, j.run_at, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'reconcile-group' AND j.payload->>'clusterId' = ${hung[0]!.clusterId}`;
      const backedOff = await waitFor("retries backing off", jobs, (js) => js.some((j) => (j.payload.attempt ?? 0) >= 3), 60_000);
      expect(backedOff.length).toBeGreaterThanOrEqual(hung.length - 2);
      const keyed = backedOff.filter((j) => j.key); // a running job whose object was requested again has lost its key to its successor
      expect(new Set(keyed.map((j) => j.key)).size).toBe(keyed.length);
      expect(backedOff.length).toBeLessThanOrEqual(hung.length + 2); // at most the two running jobs besides

      // The resync re-requests every reconcile, but one waiting out its backoff keeps its time.
      // (The resync takes a few seconds here: its probe of the hung cluster waits out its 5 s deadline.)
      const waitsLong = (j: { run_at: Date }) => j.run_at.getTime() > Date.now() + 9_000;
      const later = (await waitFor("a retry waiting long enough", jobs, (js) => js.some(waitsLong), 90_000)).find(waitsLong)!;
      await worker.addJob("resync", {}, { jobKey: "resync" });
      await waitFor(
        "the resync to run",
        () => world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = 'resync'`,
        (r) => r[0]!.n === 0n,
        10_000,
      );
      const after = (await jobs()).find((j) => j.key === later.key && j.key !== null);
      expect(after?.run_at.getTime()).toBe(later.run_at.getTime());
      expect(uncaught).toEqual([]);

      // Back again: everything converges.
      sim.faults.clear(A);
      await worker.addJob("resync", {}, { jobKey: "resync" });
      await waitFor(
        "the hung groups applied",
        () => world.db.group.findMany({ where: { name: { startsWith: "hung" } } }),
        (gs) => gs.every(applied),
        60_000,
      );
    },
  );
});

describe("an informer whose cluster keeps failing", () => {
  it("restarts after growing delays (client-go's reflector backoff), not every 2 s", { timeout: 60_000 }, async () => {
    const api = sim.dataCentres[0]!.clusters[1]!.api;
    // Each restart lists again (client-go's ListAndWatch): one list or watch request that fails.
    const lists = () => {
      const served = api.requests.snapshot();
      return (served.get("GET pods") ?? 0) + (served.get("WATCH pods") ?? 0);
    };
    sim.faults.set(B, { errorRate: 1, errorCode: 500 });
    const before = lists();
    sim.faults.dropWatches(B); // the informers watch again, and fail from now on
    await new Promise((r) => setTimeout(r, 14_000));
    const relists = lists() - before;
    // Every 2 s would be 7 or more; with delays of at least 0.8, 1.6, 3.2 and 6.4 s, at most 5.
    expect(relists).toBeGreaterThanOrEqual(2);
    expect(relists).toBeLessThanOrEqual(5);
    sim.faults.clear(B);
  });
});
