// The fleet as production gets it: a simulator (its own process, as `npm start` runs it) with 4 clusters
// × 5,000 nodes and 200,000 pods, read into PostgreSQL by the worker's own inventory sync.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@capstan/db";
import { registerCluster, registerDataCentre, type Context } from "@capstan/usecases";
import * as k8s from "@kubernetes/client-node";
import { startInventorySync } from "../../apps/worker/src/inventory";

const DCS = 2, CLUSTERS_PER_DC = 2, PER_DEPLOYMENT = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const root = path.resolve(import.meta.dirname, "../..");

async function startSimProcess(nodes: number) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-fleet-sim-"));
  const child = spawn(process.execPath, ["--max-old-space-size=8192", "--max-semi-space-size=64", "--import", "tsx", path.join(root, "packages/sim/src/cli.ts"),
    "--data-centres", String(DCS), "--clusters-per-dc", String(CLUSTERS_PER_DC), "--nodes", String(nodes), "--out", out, "--no-events"], { stdio: ["ignore", "pipe", "pipe"] });
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

/** 49 Deployments of ordinary pods and one of GPU pods per cluster, until every pod runs. */
async function fillClusters(sim: Awaited<ReturnType<typeof startSimProcess>>, pods: number, log: (s: string) => void) {
  const perCluster = pods / sim.clusters.length;
  await Promise.all(
    sim.clusters.map(async (name) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromString(sim.kubeconfig(name));
      const apps = kc.makeApiClient(k8s.AppsV1Api);
      await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: "bench" } } });
      for (let i = 0; i * PER_DEPLOYMENT < perCluster; i++) {
        const gpu = i === 0;
        const app = `app-${i}`;
        const requests: Record<string, string> = gpu ? { cpu: "2", memory: "8Gi", "nvidia.com/gpu": "1" } : { cpu: "500m", memory: "1Gi" };
        await apps.createNamespacedDeployment({
          namespace: "bench",
          body: {
            metadata: { name: app },
            spec: {
              replicas: Math.min(PER_DEPLOYMENT, perCluster - i * PER_DEPLOYMENT),
              selector: { matchLabels: { app } },
              template: {
                metadata: { labels: { app } },
                spec: { ...(gpu ? { nodeSelector: { res: "gpu" } } : {}), containers: [{ name: "c", image: "nginx:1.25", resources: { requests, limits: gpu ? { "nvidia.com/gpu": "1" } : undefined } }] },
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

export async function syncFromSimulator(db: Db, admin: Context, nodes: number, pods: number, log: (s: string) => void) {
  const t0 = performance.now();
  const sim = await startSimProcess(nodes);
  try {
    await fillClusters(sim, pods, log);
    const simSeconds = (performance.now() - t0) / 1000;
    for (const [dc, url] of sim.registries) await registerDataCentre(admin, { name: dc, displayName: dc, region: "bench", harborUrl: url, harborUsername: "admin", harborPassword: "unused" });
    for (const c of sim.clusters) await registerCluster(admin, { name: c, dataCentre: c.split("-")[0]!, kubeconfig: sim.kubeconfig(c) });
    const t1 = performance.now();
    const syncs = (await db.cluster.findMany()).map((c) => startInventorySync(db, c, (m) => log(`  inventory: ${m}`)));
    // Done when every node and pod has its row and the nodes' requested sums match the pods'.
    for (;;) {
      await sleep(2_000);
      const [r] = await db.$queryRaw<{ nodes: number; pods: number; requested: number; expected: number }[]>`
        SELECT (SELECT count(*)::int FROM "Node") AS nodes, (SELECT count(*)::int FROM "Pod") AS pods,
          (SELECT COALESCE(sum("requestedCpuMillis"), 0)::float8 FROM "Node") AS requested,
          (SELECT COALESCE(sum("cpuMillis"), 0)::float8 FROM "Pod" WHERE phase IN ('Pending', 'Running') AND "nodeName" IS NOT NULL) AS expected`;
      log(`  inventory: ${r!.nodes} nodes, ${r!.pods} pods, requested CPU ${r!.requested} of ${r!.expected} m summed (${((performance.now() - t1) / 1000).toFixed(0)} s)`);
      if (r!.nodes >= sim.clusters.length * nodes && r!.pods >= pods && r!.requested === r!.expected) break;
      if (performance.now() - t1 > 20 * 60_000) throw new Error("inventory sync did not finish in 20 min");
    }
    for (const s of syncs) s.stop();
    return { simSeconds, syncSeconds: (performance.now() - t1) / 1000 };
  } finally {
    await sim.stop();
  }
}
