// Scale bench. The simulator runs as its own process (as it does for the portal); this process is
// the client. Prints: pods-running time, client-node list of 50,000 pods, watch events/s, sim memory.
// Run: npm run bench   (env: BENCH_DCS=2 BENCH_CLUSTERS_PER_DC=2 BENCH_NODES=5000 BENCH_PODS=200000)
import * as k8s from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const DCS = env('BENCH_DCS', 2), CPD = env('BENCH_CLUSTERS_PER_DC', 2), NODES = env('BENCH_NODES', 5000), PODS = env('BENCH_PODS', 200_000);
const LIST = env('BENCH_LIST', 50_000);
const PER_DEPLOY = 1000;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const t0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'simbench-'));
const here = path.dirname(new URL(import.meta.url).pathname);
// a larger young generation cuts GC work for this allocation-heavy process considerably
const child = spawn(process.execPath, ['--max-old-space-size=8192', '--max-semi-space-size=64', '--import', 'tsx', path.join(here, '../src/cli.ts'),
  '--data-centres', String(DCS), '--clusters-per-dc', String(CPD), '--nodes', String(NODES), '--out', out, '--no-events',
  '--watch-history', String(env('BENCH_WATCH_HISTORY', 10_000))], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  let buf = '';
  child.stdout!.on('data', (d) => { buf += d; if (buf.includes('sim ready')) resolve(); });
  child.on('exit', (c) => reject(new Error(`sim exited ${c}`)));
});
const adminUrl = JSON.parse(fs.readFileSync(path.join(out, 'admin.json'), 'utf8')).url;
const stats = async () => (await fetch(`${adminUrl}/stats`)).json() as Promise<any>;
const names = (await stats()).clusters.map((c: any) => c.name) as string[];
log(`sim ready: ${names.length} clusters x ${NODES} nodes`);

const kcFor = (name: string) => { const kc = new k8s.KubeConfig(); kc.loadFromFile(path.join(out, `${name}.kubeconfig`)); return kc; };
const perCluster = Math.ceil(PODS / names.length);
await Promise.all(names.map(async (name) => {
  const kc = kcFor(name);
  const core = kc.makeApiClient(k8s.CoreV1Api), apps = kc.makeApiClient(k8s.AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: 'bench' } } });
  for (let i = 0, left = perCluster; left > 0; i++, left -= PER_DEPLOY) {
    const n = Math.min(PER_DEPLOY, left), dn = `app-${i}`;
    await apps.createNamespacedDeployment({ namespace: 'bench', body: { metadata: { name: dn }, spec: { replicas: n, selector: { matchLabels: { app: dn } },
      template: { metadata: { labels: { app: dn, tier: 'bench' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } }, ports: [{ containerPort: 80 }] }] } } } } });
  }
}));
let st: any;
for (;;) {
  st = await stats();
  const running = st.clusters.reduce((a: number, c: any) => a + c.running, 0);
  const total = st.clusters.reduce((a: number, c: any) => a + c.pods, 0);
  log(`pods ${total}, running ${running}, sim rss ${mib(st.memory.rss)}`);
  if (running >= perCluster * names.length) break;
  await sleep(5000);
}
const upSec = (Date.now() - t0) / 1000;
await sleep(2000);
st = await stats();
const podCount = st.clusters.reduce((a: number, c: any) => a + c.pods, 0);
const memLine = `sim memory at ${podCount} pods (${names.length} x ${NODES} nodes): rss ${mib(st.memory.rss)}, heapUsed ${mib(st.memory.heapUsed)}`;
log(memLine);

// list pods through client-node (the first LIST pods of one cluster's namespace, single request)
const kc = kcFor(names[0]);
const core = kc.makeApiClient(k8s.CoreV1Api);
const listTimes: number[] = [];
let listed = 0, rv = '';
for (let i = 0; i < 3; i++) {
  const t = Date.now();
  const l = await core.listNamespacedPod({ namespace: 'bench', limit: LIST });
  listTimes.push(Date.now() - t);
  listed = l.items.length;
  rv = l.metadata!.resourceVersion!;
}
log(`client-node list of ${listed} pods: ${listTimes.join(' / ')} ms (target < 2000)`);
// the same request without client-node's parsing/deserialization: what the server itself costs
const u = kc.getCurrentCluster()!.server, token = kc.getCurrentUser()!.token!;
const ca = Buffer.from(kc.getCurrentCluster()!.caData!, 'base64');
const https = await import('node:https');
let rawMs = 0, rawBytes = 0;
{
  const t = Date.now();
  await new Promise<void>((resolve, reject) => https.get(`${u}/api/v1/namespaces/bench/pods?limit=${LIST}`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.on('data', (d) => { rawBytes += d.length; }); res.on('end', () => resolve()); }).on('error', reject));
  rawMs = Date.now() - t;
}
log(`raw HTTPS transfer of the same list (no parsing): ${rawMs} ms, ${mib(rawBytes)}`);

// watch throughput: the sim modifies pods server-side while one watcher counts events
const churnN = Math.min(100_000, perCluster);
const churn = () => fetch(`${adminUrl}/faults`, { method: 'POST', body: JSON.stringify({ action: 'churn', target: names[0], namespace: 'bench', count: churnN }) });
// 1) raw HTTPS watcher that only counts lines: the sim's own delivery rate
let rawEvents = 0;
const rawReq = https.get(`${u}/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${(await stats()).clusters[0].resourceVersion}`, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
  res.on('data', (d: Buffer) => { for (const b of d) if (b === 10) rawEvents++; });
});
rawReq.on('error', () => {});
await sleep(200);
let tw = Date.now();
void churn();
while (rawEvents < churnN && Date.now() - tw < 120_000) await sleep(10);
const rawWatchMs = Date.now() - tw;
rawReq.destroy();
const rawEps = Math.round((rawEvents / rawWatchMs) * 1000);
log(`raw watch: ${rawEvents} events in ${rawWatchMs} ms = ${rawEps} events/s`);
rv = String((await stats()).clusters[0].resourceVersion);
// 2) client-node watch (adds client-side JSON parsing per event)
let events = 0;
const w = new k8s.Watch(kc);
const req = await w.watch('/api/v1/namespaces/bench/pods', { resourceVersion: rv }, () => { events++; }, () => {});
await sleep(200);
const t = Date.now();
void churn();
while (events < churnN && Date.now() - t < 120_000) await sleep(10);
const watchMs = Date.now() - t;
req.abort();
const eps = Math.round((events / watchMs) * 1000);
log(`watch: ${events} events in ${watchMs} ms = ${eps} events/s (target 10,000)`);

console.log('\nRESULTS');
console.log(`clusters=${names.length} nodes/cluster=${NODES} pods=${podCount}; all running after ${upSec.toFixed(0)} s`);
console.log(`list ${listed} pods via client-node: best ${Math.min(...listTimes)} ms (runs: ${listTimes.join(', ')})`);
console.log(`same list over raw HTTPS without client-side parsing: ${rawMs} ms (${mib(rawBytes)})`);
console.log(`watch: ${rawEps} events/s delivered (raw HTTPS watcher), ${eps} events/s through a client-node Watch`);
console.log(memLine);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
fs.rmSync(out, { recursive: true, force: true });
process.exit(0);
