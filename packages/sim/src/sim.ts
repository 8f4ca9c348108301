// Library entry: start N data centres (each a Harbor registry + M clusters) in this process.
import fs from "node:fs/promises";
import path from "node:path";
import { Cluster, type Timings, type ImageCheck } from "./cluster.js";
import { Registry } from "./harbor/registry.js";
import { startAdmin, FaultController } from "./admin.js";
import { loadSchemas } from "./k8s/schema.js";
import { LOOPBACK_NODES_PER_CLUSTER, type PodNetwork } from "./nodes.js";
import { leaseLoopback, type LoopbackLease } from "./network/loopback.js";

export interface SimOptions {
  dataCentres?: number;
  clustersPerDc?: number;
  nodes?: number;
  seed?: number;
  /** 0/undefined = ephemeral ports. Otherwise clusters get base+i, registries base+100+j, admin base+99. */
  portBase?: number;
  host?: string;
  out?: string;
  timings?: Partial<Timings>;
  recordEvents?: boolean;
  admin?: boolean;
  harborPassword?: string;
  /** per-cluster watch history (events); default 50,000 */
  watchHistory?: number;
  /**
   * Where pod IPs come from: `cidr` (default; 10.x, nothing answers) or `loopback` (127.x: ordinary pods
   * answer HTTP on their container ports and LB pods run the real haproxy/nginx; docs/simulator.md).
   */
  podNetwork?: PodNetwork;
  /** Lines per second each simulated container prints (default 0.5; the admin endpoint's `logRate` changes it). */
  logLinesPerSecond?: number;
}

export interface DataCentre {
  name: string;
  registry: Registry;
  clusters: Cluster[];
  registryInfo: { url: string; username: string; password: string };
}

export interface Sim {
  clusters: Cluster[];
  dataCentres: DataCentre[];
  faults: FaultController;
  adminUrl?: string;
  stop(): Promise<void>;
}

export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  await loadSchemas();
  const nDc = opts.dataCentres ?? 1,
    nC = opts.clustersPerDc ?? 1,
    nodes = opts.nodes ?? 20,
    seed = opts.seed ?? 1;
  const host = opts.host ?? "127.0.0.1";
  let loopback: LoopbackLease | undefined;
  if (opts.podNetwork === "loopback") {
    if (nodes > LOOPBACK_NODES_PER_CLUSTER) throw new Error(`the loopback pod network has room for ${LOOPBACK_NODES_PER_CLUSTER} nodes per cluster`);
    loopback = await leaseLoopback(nDc * nC);
  }
  const base = opts.portBase ?? 0;
  const dataCentres: DataCentre[] = [];
  const clusters: Cluster[] = [];
  const registries: Registry[] = [];
  // image pulls are checked against every simulated registry; foreign hosts count as pullable
  const imageCheck: ImageCheck = (image, credentials) => {
    for (const r of registries) {
      const v = r.checkImage(image, credentials);
      if (v !== "foreign") return v;
    }
    return "ok" as const;
  };
  let ci = 0;
  for (let d = 1; d <= nDc; d++) {
    const name = `dc${d}`;
    const registry = new Registry({ name, host, port: base ? base + 100 + d : 0, password: opts.harborPassword });
    await registry.start();
    registries.push(registry);
    const dcClusters: Cluster[] = [];
    for (let c = 1; c <= nC; c++) {
      const cl = new Cluster({
        name: `${name}-c${c}`,
        dataCentre: name,
        index: ci,
        nodes,
        seed,
        host,
        port: base ? base + ci : 0,
        timings: opts.timings,
        imageCheck,
        recordEvents: opts.recordEvents,
        watchHistory: opts.watchHistory,
        loopbackOctet: loopback?.octets[ci],
        logLinesPerSecond: opts.logLinesPerSecond,
      });
      ci++;
      await cl.start();
      dcClusters.push(cl);
      clusters.push(cl);
    }
    dataCentres.push({ name, registry, clusters: dcClusters, registryInfo: { url: registry.url, username: "admin", password: registry.password } });
  }
  const faults = new FaultController(clusters, registries);
  let admin: Awaited<ReturnType<typeof startAdmin>> | undefined;
  if (opts.admin ?? true) admin = await startAdmin(faults, host, base ? base + 99 : 0);
  if (opts.out) {
    await fs.mkdir(opts.out, { recursive: true });
    for (const c of clusters) await fs.writeFile(path.join(opts.out, `${c.name}.kubeconfig`), c.kubeconfig(), { mode: 0o600 });
    for (const dc of dataCentres)
      await fs.writeFile(path.join(opts.out, `${dc.name}.registry.json`), JSON.stringify(dc.registryInfo, null, 2) + "\n", { mode: 0o600 });
    if (admin) await fs.writeFile(path.join(opts.out, "admin.json"), JSON.stringify({ url: admin.url }, null, 2) + "\n");
  }
  return {
    clusters,
    dataCentres,
    faults,
    adminUrl: admin?.url,
    async stop() {
      await admin?.close();
      await Promise.all([...clusters.map((c) => c.stop()), ...registries.map((r) => r.stop())]);
      await loopback?.release();
    },
  };
}
