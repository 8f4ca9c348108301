// Metrics history (docs/metrics.md; `npm run bench -- observability`):
// 1. a 24-hour query for a 50-pod group (target ≤ 100 ms), the API's use case, with other groups' history
//    in the same table: a day of minute points written, then rolled up by the worker's own task (5-minute
//    points, which the 24-hour range reads, and hours);
// 2. the database side of one scrape round at 4 × 5,000 nodes and 200,000 pods: reading 200,000
//    metrics-server figures and writing 220,000 points (the simulator's own bench measures serving lists
//    of that size; fetching them is a list like any other).
import { randomUUID } from "node:crypto";
import { usageMiB, usageMillicores } from "@capstan/domain";
import { createGroup, getGroupMetrics } from "@capstan/usecases";
import { buildWorld, withDataCentre } from "../packages/usecases/src/testing/fixtures";
import { rollupMetrics } from "../apps/worker/src/metrics/rollup";
import { writeNodePoints, writePodPoints } from "../apps/worker/src/metrics/scrape";
import { benchDatabase } from "./database";
import { loadNote } from "./load";

// a throw-away key for the bench's own database (the data centre's Harbor password is sealed with it)
process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";
const PODS = 50,
  OTHER_GROUPS = 20,
  MINUTES = 24 * 60,
  RUNS = 20;
const { db, stop } = await benchDatabase();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1);

try {
  const world = await buildWorld(db);
  await withDataCentre(world);
  await createGroup(world.as.developer, "shop", "storefront", {
    name: "web",
    dataCentre: "dc1",
    imageTag: "1.0.0",
    replicas: PODS,
    cpu: "500m",
    memory: "512Mi",
  });
  const web = (await db.group.findFirstOrThrow({ where: { name: "web" } })).id;
  const start = Math.floor(Date.now() / 60_000) * 60_000 - MINUTES * 60_000;
  let rows = 0;
  for (const groupId of [web, ...Array.from({ length: OTHER_GROUPS }, () => randomUUID())]) {
    const g: string[] = [],
      at: string[] = [],
      pod: string[] = [],
      v: number[] = [];
    for (let m = 0; m < MINUTES; m++)
      for (let p = 0; p < PODS; p++) {
        g.push(groupId);
        at.push(new Date(start + m * 60_000).toISOString());
        pod.push(`web-${p}`);
        v.push(100 + ((m * 7 + p) % 50));
      }
    for (let i = 0; i < g.length; i += 20_000) {
      const s = <T>(xs: T[]) => xs.slice(i, i + 20_000);
      await db.$executeRaw`INSERT INTO "PodMetricPoint" ("groupId", resolution, at, pod, "cpuMillis", "memoryMiB")
        SELECT g, 60, a, p, v, v FROM unnest(${s(g)}::uuid[], ${s(at)}::timestamp(3)[], ${s(pod)}::text[], ${s(v)}::real[]) AS t(g, a, p, v)`;
    }
    rows += g.length;
  }
  const rolledUp = await rollupMetrics(db);
  await db.$executeRaw`VACUUM ANALYZE "PodMetricPoint"`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const h = await getGroupMetrics(world.as.developer, "shop", "storefront", "web", { range: "24h" });
    times.push(performance.now() - t0);
    if (h.pods.length !== PODS) throw new Error(`expected ${PODS} pods, got ${h.pods.length}`);
  }
  console.log(
    `24-hour metrics query, ${PODS}-pod group (${rows.toLocaleString("en")} minute points and ${rolledUp.written.toLocaleString("en")} rolled up in the table): median ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms (target ≤ 100 ms); ${loadNote()}`,
  );

  // One scrape round at the scale, database side: figures as metrics-server writes them, parsed and written.
  const CLUSTERS = 4,
    NODES = 5000,
    POD_COUNT = 200_000;
  const groups = Array.from({ length: 4000 }, () => randomUUID());
  const figures = Array.from({ length: POD_COUNT }, (_, i) => ({ cpu: `${123_456_789 + i}n`, memory: `${262_144 + i}Ki` }));
  const at = new Date(Math.floor(Date.now() / 15_000) * 15_000);
  const t0 = performance.now();
  for (let c = 0; c < CLUSTERS; c++) {
    const p = { group: [] as string[], pod: [] as string[], cpu: [] as number[], mem: [] as number[] };
    for (let i = c * (POD_COUNT / CLUSTERS); i < (c + 1) * (POD_COUNT / CLUSTERS); i++) {
      p.group.push(groups[i % groups.length]!);
      p.pod.push(`pod-${i}`);
      p.cpu.push(usageMillicores(figures[i]!.cpu));
      p.mem.push(usageMiB(figures[i]!.memory));
    }
    const n = { node: [] as string[], cpu: [] as number[], mem: [] as number[] };
    for (let i = 0; i < NODES; i++) {
      n.node.push(`node-${i}`);
      n.cpu.push(usageMillicores(`${i * 1_000_000}n`));
      n.mem.push(usageMiB(`${i * 1024}Ki`));
    }
    await writePodPoints(db, at, p);
    await writeNodePoints(db, randomUUID(), at, n);
  }
  const ms = performance.now() - t0;
  console.log(
    `one scrape round, ${CLUSTERS} × ${NODES.toLocaleString("en")} nodes, ${POD_COUNT.toLocaleString("en")} pods (parse + write, clusters in sequence): ${ms.toFixed(0)} ms, ${(POD_COUNT + CLUSTERS * NODES).toLocaleString("en")} rows written (budget: 15 s a round); ${loadNote()}`,
  );
} finally {
  await db.$disconnect();
  await stop();
}
