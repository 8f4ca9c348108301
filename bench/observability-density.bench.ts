// The fleet density query (docs/metrics.md, "Fleet density"; `npm run bench -- observability`) at the issue's
// scale: 4 clusters × 5,000 nodes, 200,000 Running pods in 4,000 groups, and 15 minutes of 15-second points
// for every pod and node (the 5-minute window is a third of them; the rest must not be read). Prints the
// use case's median and p95, and PostgreSQL's plan with its row counts.
import { DENSITY_WINDOW_MS } from "@capstan/domain";
import { getFleetDensity, registerCluster } from "@capstan/usecases";
import { fleetDensitySql } from "../packages/usecases/src/metrics/get-fleet-density";
import { buildWorld, kubeconfigFor, withDataCentre } from "../packages/usecases/src/testing/fixtures";
import { benchDatabase } from "./database";

// a throw-away key for the bench's own database (the data centre's Harbor password is sealed with it)
process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";
const CLUSTERS = 4,
  NODES = 5000,
  GROUPS = 4000,
  PODS = 200_000,
  WINDOWS = 60,
  RUNS = 5;
const { db, stop } = await benchDatabase();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(0);

try {
  const world = await buildWorld(db);
  await withDataCentre(world, { cluster: "c0" });
  for (let c = 1; c < CLUSTERS; c++)
    await registerCluster(world.as.platformAdmin, { name: `c${c}`, dataCentre: "dc1", kubeconfig: kubeconfigFor("http://127.0.0.1:9") });
  const now = new Date(Math.floor(Date.now() / 15_000) * 15_000);
  const t0 = performance.now();
  // Cluster c holds nodes n-0 … n-4999 and the groups (and so the pods) k ≡ c (mod 4): 10 pods a node.
  await db.$executeRaw`
    INSERT INTO "Node" (id, "clusterId", name, zone, status, ready, "allocCpuMillis", "allocMemoryMiB", "updatedAt")
    SELECT gen_random_uuid(), c.id, 'n-' || i, 'zone-' || (i % 3), 'ONLINE', true, 32000, 131072, now()
    FROM "Cluster" c, generate_series(0, ${NODES - 1}) i`;
  await db.$executeRaw`
    INSERT INTO "Group" (id, "applicationId", name, "dataCentreId", "clusterId", "imageTag", replicas, "cpuMillis", "memoryMiB", "updatedAt")
    SELECT gen_random_uuid(), a.id, 'g-' || k, c."dataCentreId", c.id, '1', ${PODS / GROUPS}, 500, 512, now()
    FROM generate_series(0, ${GROUPS - 1}) k
    JOIN "Cluster" c ON c.name = 'c' || (k % ${CLUSTERS})
    CROSS JOIN (SELECT id FROM "Application" WHERE name = 'storefront') a`;
  await db.$executeRaw`
    INSERT INTO "Pod" (id, "clusterId", namespace, name, uid, "groupId", "nodeName", phase, ready, "cpuMillis", "memoryMiB", "updatedAt")
    SELECT gen_random_uuid(), g."clusterId", 'shop', g.name || '-' || i, gen_random_uuid()::text, g.id, 'n-' || ((i / ${CLUSTERS}) % ${NODES}),
      'Running', true, 500, 512, now()
    FROM generate_series(0, ${PODS - 1}) i JOIN "Group" g ON g.name = 'g-' || (i % ${GROUPS})`;
  // Points written as the scraper does, one window after another (the table's physical order follows `at`).
  for (let w = WINDOWS; w >= 1; w--) {
    const at = new Date(now.getTime() - w * 15_000).toISOString();
    await db.$executeRaw`
      INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
      SELECT p."groupId", 15, ${at}::timestamp(3), p.name, 100 + (hashtext(p.name) & 255), 200 FROM "Pod" p`;
    await db.$executeRaw`
      INSERT INTO "NodeMetricPoint" ("clusterId", node, resolution, at, "cpuMillis", "memoryMiB")
      SELECT n."clusterId", n.name, 15, ${at}::timestamp(3), 4000, 8000 FROM "Node" n`;
  }
  await db.$executeRaw`ANALYZE`;
  const points = (PODS + CLUSTERS * NODES) * WINDOWS;
  console.log(`fleet density data: ${points.toLocaleString("en")} points written in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t1 = performance.now();
    const d = await getFleetDensity(world.as.ops, now);
    times.push(performance.now() - t1);
    const measured = d.clusters.reduce((s, c) => s + c.measured, 0);
    if (measured !== PODS) throw new Error(`expected ${PODS} pods measured, got ${measured}`);
  }
  console.log(
    `fleet density, ${CLUSTERS} × ${NODES.toLocaleString("en")} nodes, ${PODS.toLocaleString("en")} pods, ${points.toLocaleString("en")} points in the tables: median ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms`,
  );
  // The plan with actual row counts, of the statement the use case sends.
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, BUFFERS) ${fleetDensitySql(new Date(now.getTime() - DENSITY_WINDOW_MS), now)}`;
  console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
} finally {
  await db.$disconnect();
  await stop();
}
