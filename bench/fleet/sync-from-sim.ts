// The fleet as production gets it: a simulator (its own process, as `npm start` runs it) with 4 clusters
// × 5,000 nodes and 200,000 pods, read into PostgreSQL by the worker's own inventory sync.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@capstan/db";
import { ClusterClient } from "@capstan/orchestrator";
import { registerCluster, registerDataCentre, type Context } from "@capstan/usecases";
import * as k8s from "@kubernetes/client-node";
import { startInventorySync } from "../../apps/worker/src/inventory";

const DCS = 2,
  CLUSTERS_PER_DC = 2,
  PER_DEPLOYMENT = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = path.resolve(import.meta.dirname, "../..");

async function startSimProcess(nodes: number) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-fleet-sim-"));
  const child = spawn(
    process.execPath,
    [
      "--max-old-space-size=8192",
      "--max-semi-space-size=64",
      "--import",
      "tsx",
      path.join(root, "packages/sim/src/cli.ts"),
      "--data-centres",
      String(DCS),
      "--clusters-per-dc",
      String(CLUSTERS_PER_DC),
      "--nodes",
      String(nodes),
      "--out",
      out,
      "--no-events",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("sim ready") && resolve());
    child.once("exit", (c) => reject(new Error(`simulator exited ${c}: ${err}`)));
  });
  const registries = new Map([...err.matchAll(/^registry (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const clusters = [...err.matchAll(/^cluster (\S+) /gm)].map((m) => m[1]!);
  const adminUrl = (JSON.parse(fs.readFileSync(path.join(out, "admin.json"), "utf8")) as { url: string }).url;
  const stats = async () => ((await (await fetch(`${adminUrl}/stats`)).json()) as { clusters: { pods: number; running: number }[] }).clusters;
  const stop = async () => {
    child.kill("SIGTERM");
    if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    fs.rmSync(out, { recursive: true, force: true });
  };
  return { out, registries, clusters, stats, stop, kubeconfig: (c: string) => fs.readFileSync(path.join(out, `${c}.kubeconfig`), "utf8") };
}

/** Per cluster one Deployment of GPU pods (two per GPU node: 10 % of nodes have 4 GPUs, some behind the
 * cicd taint), the rest in Deployments of 1,000 ordinary pods; then waits until every pod runs. */
async function fillClusters(sim: Awaited<ReturnType<typeof startSimProcess>>, nodes: number, pods: number, log: (s: string) => void) {
  const perCluster = pods / sim.clusters.length,
    gpuPods = Math.min(PER_DEPLOYMENT, nodes / 5);
  const deployments = [
    { app: "gpu", replicas: gpuPods, gpu: true },
    ...Array.from({ length: Math.ceil((perCluster - gpuPods) / PER_DEPLOYMENT) }, (_, i) => ({
      app: `app-${i}`,
      replicas: Math.min(PER_DEPLOYMENT, perCluster - gpuPods - i * PER_DEPLOYMENT),
      gpu: false,
    })),
  ];
  await Promise.all(
    sim.clusters.map(async (name) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromString(sim.kubeconfig(name));
      const apps = kc.makeApiClient(k8s.AppsV1Api);
      await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "bench" } } });
      for (const { app, replicas, gpu } of deployments) {
        const requests: Record<string, string> = gpu ? { cpu: "2", memory: "8Gi", "nvidia.com/gpu": "1" } : { cpu: "500m", memory: "1Gi" };
        await apps.createNamespacedDeployment({
          namespace: "bench",
          body: {
            metadata: { name: app },
            spec: {
              replicas,
              selector: { matchLabels: { app } },
              template: {
                metadata: { labels: { app } },
                spec: {
                  ...(gpu ? { nodeSelector: { res: "gpu" } } : {}),
                  containers: [{ name: "c", image: "nginx:1.25", resources: { requests, limits: gpu ? { "nvidia.com/gpu": "1" } : undefined } }],
                },
              },
            },
          },
        });
      }
    }),
  );
  for (;;) {
    const running = (await sim.stats()).reduce((n, c) => n + c.running, 0);
    log(`  simulator: ${running} of ${pods} pods running`);
    if (running >= pods) return;
    await sleep(10_000);
  }
}

/** One cluster's pods (50,000 in the full fleet) through Capstan's own client: in pages of 500 as the inventory lists them (ClusterClient.pages), and in one request. */
async function listAllPods(client: ClusterClient) {
  let t = performance.now(),
    count = 0;
  for await (const page of client.pages("/api/v1/pods", { limit: 500 }, { timeoutMs: 120_000 })) count += page.items.length;
  const pagedSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const whole = (await client.list("/api/v1/pods", {}, { timeoutMs: 120_000 })).items.length;
  return { count, pagedSeconds, whole, wholeSeconds: (performance.now() - t) / 1000 };
}

export async function syncFromSimulator(url: string, db: Db, admin: Context, nodes: number, pods: number, log: (s: string) => void) {
  const t0 = performance.now();
  const sim = await startSimProcess(nodes);
  try {
    await fillClusters(sim, nodes, pods, log);
    const simSeconds = (performance.now() - t0) / 1000;
    for (const [dc, url] of sim.registries)
      await registerDataCentre(admin, { name: dc, displayName: dc, region: "bench", harborUrl: url, harborUsername: "admin", harborPassword: "unused" });
    for (const c of sim.clusters) await registerCluster(admin, { name: c, dataCentre: c.split("-")[0]!, kubeconfig: sim.kubeconfig(c) });
    const t1 = performance.now();
    const errors: string[] = [];
    const syncs = (await db.cluster.findMany()).map((c) => startInventorySync(db, c, (m) => errors.push(m)));
    // Done when every node and pod has its row and the nodes' requested sums match the pods'. The probe has
    // its own connection, so it does not queue behind the sync's writes; no progress for 3 min is a stall.
    const probe = createDb(url, 1);
    let last = "",
      lastChange = performance.now();
    // When the first row, the last node and the last pod had their rows (the requested sums follow within
    // seconds), sampled every 100 ms until the first row, then every second (so each is up to that late).
    let firstSeconds: number | undefined, nodesSeconds: number | undefined, podsSeconds: number | undefined;
    try {
      while (firstSeconds === undefined) {
        await sleep(100);
        const [f] = await probe.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "Node") OR EXISTS (SELECT 1 FROM "Pod") AS any`;
        if (f!.any) firstSeconds = (performance.now() - t1) / 1000;
      }
      log(`  inventory: first rows stored after ${firstSeconds.toFixed(1)} s`);
      for (let tick = 0; ; tick++) {
        await sleep(1_000);
        const [r] = await probe.$queryRaw<
          { nodes: number; pods: number }[]
        >`SELECT (SELECT count(*)::int FROM "Node") AS nodes, (SELECT count(*)::int FROM "Pod") AS pods`;
        const elapsed = (performance.now() - t1) / 1000,
          seconds = elapsed.toFixed(0);
        if (r!.nodes >= sim.clusters.length * nodes) nodesSeconds ??= elapsed;
        if (r!.pods >= pods) podsSeconds ??= elapsed;
        if (tick % 5 && !(nodesSeconds && podsSeconds)) continue;
        const [q] = await probe.$queryRaw<{ requested: number; expected: number }[]>`
          SELECT (SELECT COALESCE(sum("requestedCpuMillis"), 0)::float8 FROM "Node") AS requested,
            (SELECT COALESCE(sum("cpuMillis"), 0)::float8 FROM "Pod" WHERE phase IN ('Pending', 'Running') AND "nodeName" IS NOT NULL) AS expected`;
        const state = `${r!.nodes} nodes, ${r!.pods} pods, requested CPU ${q!.requested} of ${q!.expected} m summed, ${errors.length} errors`;
        log(`  inventory: ${state} (${seconds} s)`);
        if (r!.nodes >= sim.clusters.length * nodes && r!.pods >= pods && q!.requested === q!.expected) break;
        if (state !== last) [last, lastChange] = [state, performance.now()];
        else if (performance.now() - lastChange > 180_000)
          throw new Error(`inventory sync stalled after ${seconds} s at ${state}; first errors: ${[...new Set(errors)].slice(0, 3).join(" | ")}`);
      }
    } finally {
      await probe.$disconnect();
    }
    await Promise.all(syncs.map((s) => s.stop()));
    const syncSeconds = (performance.now() - t1) / 1000;
    // Peak RSS of this process, which ran the four syncs, read before the list below adds its own.
    const rssMiB = process.resourceUsage().maxRSS / 1024;
    const list = await listAllPods(new ClusterClient(sim.kubeconfig(sim.clusters[0]!)));
    return {
      simSeconds,
      syncSeconds,
      rssMiB,
      firstSeconds,
      nodesSeconds: nodesSeconds!,
      podsSeconds: podsSeconds!,
      list,
      errors: errors.length,
      firstErrors: [...new Set(errors)].slice(0, 3),
    };
  } finally {
    await sim.stop();
  }
}
