// The orchestrator against two simulated data centres (simulator start delays 0, probes instant):
//  1. request → all pods ready for a 3-replica group: p50/p99 over 50 requests, 10 at a time;
//  2. time for N groups (default 1,000, BENCH_GROUPS) across 2 clusters to converge from nothing;
//  3. rows written in Capstan's tables, and calls to the clusters and Harbor, by a resync when nothing changed.
import fs from "node:fs";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { createApplication, createGroup, createSystem, registerCluster, setDepartmentQuota, setSystemQuota } from "@capstan/usecases";
import { admitNodes } from "../apps/worker/src/admit-nodes";
import { buildWorld } from "../packages/usecases/src/testing/fixtures";
import { benchDatabase } from "./database";
import { startSimProcess, registerSimDataCentre } from "./sim-process";
import { startWorkerProcess } from "./worker-process";

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
// A data centre's groups belong to many systems. Creates within one system are serialised on purpose
// (name clashes and the system's quota are decided one at a time), so the 1,000 go to ten systems.
const SYSTEMS = Array.from({ length: 10 }, (_, i) => `fleet-${i}`);
process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";

const { url, db, stop } = await benchDatabase({ log: process.env.BENCH_PG_LOG ? (l) => fs.appendFileSync(process.env.BENCH_PG_LOG!, l + "\n") : undefined });
const timings = { startMs: 0, probeScale: 0 };
const sim = await startSimProcess({ dataCentres: 2, nodes: 200, timings });
let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
console.log(`simulator: 2 data centres × 1 cluster × 200 nodes, in its own process; start delays ${JSON.stringify(timings)}`);
try {
  const world = await buildWorld(db);
  const admin = world.as.platformAdmin;
  for (const dc of sim.dataCentres) {
    await registerSimDataCentre(admin, dc);
    await registerCluster(admin, { name: dc.clusters[0]!.name, dataCentre: dc.name, kubeconfig: dc.clusters[0]!.kubeconfig });
    await setDepartmentQuota(admin, "retail", dc.name, { cpu: "100000", memory: "1000Ti", gpu: 0, instances: 1_000_000 });
    for (const system of ["shop", ...SYSTEMS]) {
      if (system !== "shop" && !(await world.db.system.findUnique({ where: { name: system } }))) {
        await createSystem(admin, { name: system, displayName: system, department: "retail" });
        await createApplication(admin, system, { name: "storefront", displayName: "Storefront" });
      }
      await setSystemQuota(admin, system, dc.name, { cpu: "5000", memory: "50Ti", gpu: 0, instances: 50_000 });
      await new HarborClient(dc.registry.url, dc.registry.username, dc.registry.password).ensureProject(system);
      await pushMinimalImage(dc.registry.url, dc.registry, `${system}/storefront`, "1.0");
    }
  }
  worker = await startWorkerProcess(url, 8);
  // New nodes enter INIT (cordoned) and pass their checks to WAIT; ops admit them, as in production.
  const admitting = performance.now();
  await admitNodes(world, 400, 300_000);
  console.log(`400 new nodes through INIT → WAIT → ONLINE in ${((performance.now() - admitting) / 1000).toFixed(1)} s`);
  // One poller for every request waiting for its pods, so that measuring does not load what it measures.
  const waiting = new Map<string, { replicas: number; resolve: () => void }>();
  const poller = setInterval(async () => {
    if (waiting.size === 0) return;
    for (const g of await db.group.findMany({ where: { name: { in: [...waiting.keys()] } }, select: { name: true, readyReplicas: true } })) {
      const w = waiting.get(g.name);
      if (w && g.readyReplicas >= w.replicas) {
        waiting.delete(g.name);
        w.resolve();
      }
    }
  }, 20);
  const ready = (name: string, replicas: number) =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`${name} not ready in 120 s`)), 120_000);
      waiting.set(name, { replicas, resolve: () => (clearTimeout(timeout), resolve()) });
    });
  const spec = (name: string, dc: string, replicas: number) => ({ name, dataCentre: dc, imageTag: "1.0", replicas, cpu: "10m", memory: "16Mi" });

  // 1. Request → ready. A system's first group in a cluster also waits for its namespace, quota,
  // policies, Harbor project, robot and pull secret: measured apart, once per data centre, before the 50.
  const first: string[] = [];
  for (const dc of ["dc1", "dc2"]) {
    const started = performance.now();
    await createGroup(world.as.developer, "shop", "storefront", spec(`first-${dc}`, dc, 3));
    await ready(`first-${dc}`, 3);
    first.push(`${dc} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
  console.log(`a system's first 3-replica group in a data centre → pods ready: ${first.join(", ")}`);
  const latencies: number[] = [];
  const order = new Map<number, number>(); // latency → which request, to tell a cold start from a tail
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < 50) {
        const i = next++;
        const started = performance.now();
        await createGroup(world.as.developer, "shop", "storefront", spec(`lat-${i}`, i % 2 ? "dc1" : "dc2", 3));
        await ready(`lat-${i}`, 3);
        const took = performance.now() - started;
        latencies.push(took);
        order.set(took, i);
      }
    }),
  );
  clearInterval(poller);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  console.log(
    `  slowest: ${latencies
      .slice(-5)
      .map((l) => `#${order.get(l)} ${(l / 1000).toFixed(2)} s`)
      .join(", ")}`,
  );
  console.log(
    `request → 3 pods ready: p50 ${(pct(50) / 1000).toFixed(2)} s, p99 ${(pct(99) / 1000).toFixed(2)} s over 50 requests, 10 concurrent (target p99 ≤ 2 s)`,
  );

  // 2. Many groups from nothing.
  const t0 = performance.now();
  for (let i = 0; i < GROUPS; i += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, GROUPS - i) }, (_, j) =>
        createGroup(admin, SYSTEMS[(i + j) % SYSTEMS.length]!, "storefront", spec(`many-${i + j}`, (i + j) % 2 ? "dc1" : "dc2", 1)),
      ),
    );
  const created = performance.now() - t0;
  for (;;) {
    const n = await db.group.count({ where: { name: { startsWith: "many-" }, readyReplicas: 1 } });
    if (n === GROUPS) break;
    if (performance.now() - t0 > 600_000) throw new Error(`only ${n}/${GROUPS} converged in 10 min`);
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(
    `${GROUPS} groups of ${SYSTEMS.length} systems across 2 clusters converged in ${((performance.now() - t0) / 1000).toFixed(1)} s (requests took ${(created / 1000).toFixed(1)} s; target 1,000 in ≤ 60 s)`,
  );

  // 3. A resync when nothing changed: rows written per table while it runs (the queue's own tables and
  // the clusters' health probe excluded; node heartbeats that land in the window are shown separately).
  const writes = async () =>
    new Map(
      (
        await db.$queryRaw<
          { relname: string; n: bigint }[]
        >`SELECT relname, (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS n FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname <> 'Cluster'`
      ).map((r) => [r.relname, Number(r.n)]),
    );
  const changed = (a: Map<string, number>, b: Map<string, number>) =>
    [...b].map(([t, n]) => [t, n - (a.get(t) ?? 0)] as const).filter(([t, n]) => n > 0 && t !== "Node");
  // Wait until the fleet is quiet (pods and groups settled: nothing written for 5 s), so the window
  // below sees the resync's writes and not the tail of the convergence.
  for (let last = await writes(); ; ) {
    await new Promise((r) => setTimeout(r, 5000));
    await db.$executeRaw`SELECT pg_stat_clear_snapshot()`;
    const now = await writes();
    if (changed(last, now).length === 0) break;
    last = now;
  }
  const before = await writes();
  const callsBefore = await sim.requests();
  await worker.resync();
  // The resync and every reconcile it requested have run once the queue is empty again.
  const resyncStarted = performance.now();
  for (let queued = -1; queued !== 0 && performance.now() - resyncStarted < 300_000; ) {
    await new Promise((r) => setTimeout(r, 500));
    queued = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs`)[0]!.n);
  }
  const resyncTook = performance.now() - resyncStarted;
  const calls = new Map([...(await sim.requests())].map(([k, n]) => [k, n - (callsBefore.get(k) ?? 0)] as const).filter(([, n]) => n > 0));
  const groups = await db.group.count();
  console.log(
    `no-op resync of ${groups} groups, done in ${(resyncTook / 1000).toFixed(1)} s: ${[...calls.values()].reduce((a, n) => a + n, 0)} API calls to clusters and Harbor (${[
      ...calls,
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")})`,
  );
  await db.$executeRaw`SELECT pg_stat_clear_snapshot()`;
  const delta = [...(await writes())].map(([t, n]) => [t, n - (before.get(t) ?? 0)] as const).filter(([, n]) => n > 0);
  const outsideNodes = changed(before, await writes()).reduce((a, [, n]) => a + n, 0);
  console.log(`no-op resync: ${outsideNodes} rows written (target 0)${delta.length ? `; by table: ${delta.map(([t, n]) => `${t} ${n}`).join(", ")}` : ""}`);
} finally {
  await worker?.stop();
  await db.$disconnect();
  await sim.stop();
  await stop();
}
