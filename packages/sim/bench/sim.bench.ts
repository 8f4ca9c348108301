// Scale bench. The simulator runs as its own process (as it does for the portal); this process is
// the client. Prints: pods-running time, client-node list of 50,000 pods, watch events/s, sim memory.
// Run: npm run bench   (env: BENCH_DCS=2 BENCH_CLUSTERS_PER_DC=2 BENCH_NODES=5000 BENCH_PODS=200000)
import * as k8s from "@kubernetes/client-node";
// client-node's own (de)serializer, to time its phases separately
import { ObjectSerializer } from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";
import { spawn } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import type { FaultController } from "../src/admin.js";

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const DCS = env("BENCH_DCS", 2),
  CPD = env("BENCH_CLUSTERS_PER_DC", 2),
  NODES = env("BENCH_NODES", 5000),
  PODS = env("BENCH_PODS", 200_000);
const LIST = env("BENCH_LIST", 50_000);
const PER_DEPLOY = 1000;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const out = fs.mkdtempSync(path.join(os.tmpdir(), "simbench-"));
const here = path.dirname(new URL(import.meta.url).pathname);
// a larger young generation cuts GC work for this allocation-heavy process considerably
const child = spawn(
  process.execPath,
  [
    "--max-old-space-size=8192",
    "--max-semi-space-size=64",
    "--import",
    "tsx",
    path.join(here, "../src/cli.ts"),
    "--data-centres",
    String(DCS),
    "--clusters-per-dc",
    String(CPD),
    "--nodes",
    String(NODES),
    "--out",
    out,
    "--no-events",
    "--watch-history",
    String(env("BENCH_WATCH_HISTORY", 10_000)),
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
await new Promise<void>((resolve, reject) => {
  let buf = "";
  child.stdout!.on("data", (d) => {
    buf += d;
    if (buf.includes("sim ready")) resolve();
  });
  child.on("exit", (c) => reject(new Error(`sim exited ${c}`)));
});
const adminUrl = JSON.parse(fs.readFileSync(path.join(out, "admin.json"), "utf8")).url;
/** The admin endpoint's GET /stats body (FaultController.stats). */
type Stats = ReturnType<FaultController["stats"]>;
const stats = async (): Promise<Stats> => (await fetch(`${adminUrl}/stats`)).json();
const names = (await stats()).clusters.map((c) => c.name);
log(`sim ready: ${names.length} clusters x ${NODES} nodes`);

const kcFor = (name: string) => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(path.join(out, `${name}.kubeconfig`));
  return kc;
};
const perCluster = Math.ceil(PODS / names.length);
await Promise.all(
  names.map(async (name) => {
    const kc = kcFor(name);
    const core = kc.makeApiClient(k8s.CoreV1Api),
      apps = kc.makeApiClient(k8s.AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: "bench" } } });
    for (let i = 0, left = perCluster; left > 0; i++, left -= PER_DEPLOY) {
      const n = Math.min(PER_DEPLOY, left),
        dn = `app-${i}`;
      await apps.createNamespacedDeployment({
        namespace: "bench",
        body: {
          metadata: { name: dn },
          spec: {
            replicas: n,
            selector: { matchLabels: { app: dn } },
            template: {
              metadata: { labels: { app: dn, tier: "bench" } },
              spec: {
                containers: [{ name: "c", image: "nginx:1.25", resources: { requests: { cpu: "10m", memory: "16Mi" } }, ports: [{ containerPort: 80 }] }],
              },
            },
          },
        },
      });
    }
  }),
);
let st: Stats;
for (;;) {
  st = await stats();
  const running = st.clusters.reduce((a: number, c) => a + c.running, 0);
  const total = st.clusters.reduce((a: number, c) => a + c.pods, 0);
  log(`pods ${total}, running ${running}, sim rss ${mib(st.memory.rss)}`);
  if (running >= perCluster * names.length) break;
  await sleep(5000);
}
const upSec = (Date.now() - t0) / 1000;
await sleep(2000);
st = await stats();
const podCount = st.clusters.reduce((a: number, c) => a + c.pods, 0);
const memLine = `sim memory at ${podCount} pods (${names.length} x ${NODES} nodes): rss ${mib(st.memory.rss)}, heapUsed ${mib(st.memory.heapUsed)}`;
log(memLine);

// list pods through client-node (the first LIST pods of one cluster's namespace, single request)
const kc = kcFor(names[0]);
const core = kc.makeApiClient(k8s.CoreV1Api);
const listTimes: number[] = [];
let listed = 0;
for (let i = 0; i < 3; i++) {
  const t = Date.now();
  const l = await core.listNamespacedPod({ namespace: "bench", limit: LIST });
  listTimes.push(Date.now() - t);
  listed = l.items.length;
}
log(`client-node list of ${listed} pods: ${listTimes.join(" / ")} ms (target < 2000)`);
// The same request split into the phases client-node goes through: transfer, JSON.parse of the
// body, ObjectSerializer.deserialize into model classes (with Date objects for every timestamp).
const u = kc.getCurrentCluster()!.server,
  token = kc.getCurrentUser()!.token!;
const ca = Buffer.from(kc.getCurrentCluster()!.caData!, "base64");
const https = await import("node:https");
const phases: { transfer: number; parse: number; deserialize: number; bytes: number }[] = [];
let wire = 0;
for (let i = 0; i < 3; i++) {
  wire = 0;
  let t = performance.now();
  // as node-fetch (client-node's HTTP layer) does: ask for gzip, inflate when the server compressed
  const text = await new Promise<string>((resolve, reject) =>
    https
      .get(
        `${u}/api/v1/namespaces/bench/pods?limit=${LIST}`,
        { ca, headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip,deflate" } },
        (res) => {
          const gz = res.headers["content-encoding"] === "gzip";
          const src = gz ? res.pipe(zlib.createGunzip()) : res;
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => {
            wire += d.length;
          });
          src.on("data", (d: Buffer) => chunks.push(d));
          src.on("end", () => resolve(Buffer.concat(chunks).toString()));
        },
      )
      .on("error", reject),
  );
  const transfer = performance.now() - t;
  t = performance.now();
  const parsed = JSON.parse(text);
  const parse = performance.now() - t;
  t = performance.now();
  ObjectSerializer.deserialize(parsed, "V1PodList", "");
  phases.push({ transfer, parse, deserialize: performance.now() - t, bytes: Buffer.byteLength(text) });
}
// the same transfer without Accept-Encoding (the server then sends the 100 MiB uncompressed)
const plainMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await new Promise<void>((resolve, reject) =>
    https
      .get(`${u}/api/v1/namespaces/bench/pods?limit=${LIST}`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          Buffer.concat(chunks).toString();
          resolve();
        });
      })
      .on("error", reject),
  );
  plainMs.push(performance.now() - t);
}
const plainBest = Math.round(Math.min(...plainMs));
const best = (k: "transfer" | "parse" | "deserialize") => Math.round(Math.min(...phases.map((p) => p[k])));
const rawBytes = phases[0].bytes;
log(
  `phases (best of 3): transfer ${best("transfer")} ms (${mib(rawBytes)}, ${mib(wire)} on the wire), JSON.parse ${best("parse")} ms, ObjectSerializer.deserialize ${best("deserialize")} ms; uncompressed transfer ${plainBest} ms`,
);
// How a controller or client-go's pager lists: pages of 500 with limit/continue.
const pageTimes: number[] = [];
let firstPageMs = 0,
  pagedCount = 0;
for (let i = 0; i < 3; i++) {
  const t = Date.now();
  let cont: string | undefined,
    n = 0;
  do {
    const l = await core.listNamespacedPod({ namespace: "bench", limit: Math.min(500, LIST - n), _continue: cont });
    if (!n && !i) firstPageMs = Date.now() - t;
    n += l.items.length;
    cont = l.metadata?._continue;
  } while (cont && n < LIST);
  pageTimes.push(Date.now() - t);
  pagedCount = n;
}
log(`client-node paginated list (limit=500) of ${pagedCount} pods: ${pageTimes.join(" / ")} ms, first page after ${firstPageMs} ms`);

// watch throughput: the sim modifies pods server-side while one watcher counts events
const churnN = Math.min(100_000, perCluster);
const churn = () =>
  fetch(`${adminUrl}/faults`, { method: "POST", body: JSON.stringify({ action: "churn", target: names[0], namespace: "bench", count: churnN }) });
// 1) raw HTTPS watcher that only counts lines: the sim's own delivery rate
let rawEvents = 0;
const rawReq = https.get(
  `${u}/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${(await stats()).clusters[0].resourceVersion}`,
  { ca, headers: { authorization: `Bearer ${token}` } },
  (res) => {
    res.on("data", (d: Buffer) => {
      for (const b of d) if (b === 10) rawEvents++;
    });
  },
);
rawReq.on("error", () => {});
await sleep(200);
const tw = Date.now();
void churn();
while (rawEvents < churnN && Date.now() - tw < 120_000) await sleep(10);
const rawWatchMs = Date.now() - tw;
rawReq.destroy();
const rawEps = Math.round((rawEvents / rawWatchMs) * 1000);
log(`raw watch: ${rawEvents} events in ${rawWatchMs} ms = ${rawEps} events/s`);
const rv = String((await stats()).clusters[0].resourceVersion);
// 2) client-node watch (adds client-side JSON parsing per event)
let events = 0;
const w = new k8s.Watch(kc);
const req = await w.watch(
  "/api/v1/namespaces/bench/pods",
  { resourceVersion: rv },
  () => {
    events++;
  },
  () => {},
);
await sleep(200);
const t = Date.now();
void churn();
while (events < churnN && Date.now() - t < 120_000) await sleep(10);
const watchMs = Date.now() - t;
req.abort();
const eps = Math.round((events / watchMs) * 1000);
log(`watch: ${events} events in ${watchMs} ms = ${eps} events/s (target 10,000)`);

console.log("\nRESULTS");
console.log(`clusters=${names.length} nodes/cluster=${NODES} pods=${podCount}; all running after ${upSec.toFixed(0)} s`);
console.log(`list ${listed} pods via client-node, one request: best ${Math.min(...listTimes)} ms (runs: ${listTimes.join(", ")}; target < 2000)`);
console.log(
  `  phases, best of 3: HTTPS transfer ${best("transfer")} ms (${mib(rawBytes)}, ${mib(wire)} on the wire) + JSON.parse ${best("parse")} ms + ObjectSerializer.deserialize ${best("deserialize")} ms (uncompressed transfer without Accept-Encoding: ${plainBest} ms)`,
);
console.log(
  `list ${pagedCount} pods via client-node in pages of 500 (limit/continue): best ${Math.min(...pageTimes)} ms (runs: ${pageTimes.join(", ")}), first page ${firstPageMs} ms`,
);
console.log(`watch: ${rawEps} events/s delivered (raw HTTPS watcher), ${eps} events/s through a client-node Watch`);
console.log(memLine);
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
fs.rmSync(out, { recursive: true, force: true });
process.exit(0);
