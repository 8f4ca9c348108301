// The hand-over between workers (apps/worker/src/liveness.ts, docs/operations.md): two worker processes,
// reconciles held in flight in the cluster, the one watching the cluster killed with SIGKILL, and the time
// until the other has (a) freed the dead worker's jobs and (b) taken the cluster's inventory watch; then
// until every change has landed. The periodic resync is off, so only the hand-over can bring them back.
// Rounds (BENCH_ROUNDS, 5): each kills the watching worker and starts a fresh one beside the survivor.
import os from "node:os";
import path from "node:path";
import { advisoryKey } from "@capstan/db/advisory-lock";
import { HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { startSim } from "@capstan/sim";
import { createGroup, registerCluster, registerDataCentre, scaleGroup } from "@capstan/usecases";
import pg from "pg";
import { admitNodes, waitFor } from "../apps/worker/src/admit-nodes";
import { livenessKey } from "../apps/worker/src/liveness";
import { buildWorld, grantQuota } from "../packages/usecases/src/testing/fixtures";
import { startChild } from "../scripts/lib/processes";
import { benchDatabase } from "./database";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GROUPS = ["h0", "h1", "h2", "h3"];
process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";

const { url, db, stop } = await benchDatabase();
const sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 6, admin: false, timings: { startMs: 0, probeScale: 0 } });
const sql = new pg.Client({ connectionString: url });
await sql.connect();
const workers = new Map<string, Awaited<ReturnType<typeof startChild>>>();
let next = 0;
const main = path.resolve(import.meta.dirname, "../apps/worker/src/main.ts");

async function startWorker(): Promise<string> {
  const name = `worker-${++next}`;
  const env = {
    ...process.env,
    DATABASE_URL: `${url}?application_name=${name}`,
    CAPSTAN_RESYNC_MINUTES: "0",
    CAPSTAN_METRICS_SCRAPE_SECONDS: "0",
    CAPSTAN_WORKER_CONCURRENCY: "2",
  };
  const child = await startChild(name, process.execPath, ["--import", "tsx", main], env, "[worker] running");
  workers.set(name, child);
  return name;
}

/** Granted advisory locks: the process (application_name) holding each key. */
async function locks(): Promise<{ app: string; key: string }[]> {
  const { rows } = await sql.query<{ app: string; classid: string; objid: string }>(
    `SELECT a.application_name AS app, l.classid::text, l.objid::text FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows.map((r) => ({ app: r.app, key: BigInt.asIntN(64, (BigInt(r.classid) << 32n) | BigInt(r.objid)).toString() }));
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

try {
  const world = await buildWorld(db);
  const dc = sim.dataCentres[0]!;
  await registerDataCentre(world.as.platformAdmin, {
    name: "dc1",
    displayName: "DC 1",
    region: "bench",
    harborUrl: dc.registryInfo.url,
    harborUsername: dc.registryInfo.username,
    harborPassword: dc.registryInfo.password,
  });
  await registerCluster(world.as.platformAdmin, { name: "dc1-c1", dataCentre: "dc1", kubeconfig: dc.clusters[0]!.kubeconfig() });
  await grantQuota(world, "dc1");
  await new HarborClient(dc.registryInfo.url, dc.registryInfo.username, dc.registryInfo.password).ensureProject("shop");
  await pushMinimalImage(dc.registryInfo.url, dc.registryInfo, "shop/storefront", "1.0");
  await Promise.all([startWorker(), startWorker()]);
  await admitNodes(world, 6, 120_000);
  const cluster = await db.cluster.findUniqueOrThrow({ where: { name: "dc1-c1" } });
  const inventoryKey = advisoryKey("inventory", cluster.id);
  for (const g of GROUPS)
    await createGroup(world.as.developer, "shop", "storefront", { name: g, dataCentre: "dc1", imageTag: "1.0", replicas: 1, cpu: "50m", memory: "64Mi" });
  const landed = (replicas: number) => async () =>
    (await db.group.findMany({ where: { name: { in: GROUPS } } })).every((g) => g.readyReplicas === replicas && g.observedGeneration === g.generation);
  await waitFor("the groups to run", landed(1), (ok) => ok, 60_000);

  const freed: number[] = [];
  const watched: number[] = [];
  const done: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const victim = await waitFor("a worker watching the cluster", async () => (await locks()).find((l) => l.key === inventoryKey)?.app, Boolean, 30_000);
    const replicas = 1 + (round % 2);
    const release = sim.faults.hold("dc1-c1", (u) => /\/namespaces\/shop\/deployments\/storefront-h\d/.test(u.pathname));
    for (const g of GROUPS) await scaleGroup(world.as.developer, "shop", "storefront", g, { replicas });
    const jobs = await waitFor(
      "a job of the victim's",
      async () => {
        const mine = new Set((await locks()).filter((l) => l.app === victim).map((l) => l.key));
        const { rows } = await sql.query<{ id: string; locked_by: string }>(
          "SELECT id::text, locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL",
        );
        return rows.filter((r) => mine.has(livenessKey(r.locked_by)));
      },
      (rows) => rows.length > 0,
      30_000,
    );
    const killedAt = performance.now();
    const child = workers.get(victim!)!;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    workers.delete(victim!);
    release();
    await waitFor(
      "the dead worker's jobs to be freed",
      async () =>
        (
          await sql.query(
            "SELECT 1 FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[]) AND locked_by IS NOT NULL AND locked_by = ANY($2::text[])",
            [jobs.map((j) => j.id), jobs.map((j) => j.locked_by)],
          )
        ).rowCount,
      (n) => n === 0,
      60_000,
    );
    freed.push(performance.now() - killedAt);
    await waitFor(
      "the other worker to watch the cluster",
      async () => (await locks()).some((l) => l.key === inventoryKey && l.app !== victim),
      Boolean,
      60_000,
    );
    watched.push(performance.now() - killedAt);
    await waitFor("every change to land", landed(replicas), (ok) => ok, 120_000);
    done.push(performance.now() - killedAt);
    console.log(
      `round ${round}: ${victim} killed holding ${jobs.length} job(s): freed in ${seconds(freed.at(-1)!)} s, cluster watched again in ${seconds(watched.at(-1)!)} s, every change landed in ${seconds(done.at(-1)!)} s`,
    );
    await startWorker(); // two workers again for the next round
  }
  const handOver = freed.map((f, i) => Math.max(f, watched[i]!));
  console.log(
    `SIGKILL hand-over over ${ROUNDS} rounds (jobs freed and cluster watched): p50 ${seconds(quantile(handOver, 0.5))} s, max ${seconds(Math.max(...handOver))} s; every change landed: p50 ${seconds(quantile(done, 0.5))} s, max ${seconds(Math.max(...done))} s`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1 / 5 / 15 min)`,
  );
} finally {
  for (const child of workers.values()) child.kill("SIGKILL");
  await sql.end();
  await sim.stop();
  await db.$disconnect();
  await stop();
}
