// A web terminal's keystroke round trip (docs/terminal.md; target p95 ≤ 50 ms): a key typed in the browser's
// WebSocket goes to the gateway, through the cluster's exec (the simulator's shell, which echoes it on its
// TTY) and back. One session; keys typed one at a time, each timed from send to its echo.
import { secrets } from "@capstan/db/secrets";
import { startSim } from "@capstan/sim";
import { createTerminalTicket } from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import * as k8s from "@kubernetes/client-node";
import WebSocket from "ws";
import { startGateway } from "../apps/gateway/src/gateway";
import { benchDatabase } from "./database";
import { loadNote } from "./load";

const KEYS = 2000;
process.env.CAPSTAN_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const { db, stop } = await benchDatabase();
const sim = await startSim({ nodes: 2, admin: false, timings: { startMs: 0, probeScale: 0 } });
const cluster = sim.dataCentres[0]!.clusters[0]!;
try {
  // The rows a ticket needs, made directly: a developer's system, application, group and running pod.
  const dept = await db.department.create({ data: { name: "retail", displayName: "Retail" } });
  const system = await db.system.create({ data: { name: "shop", displayName: "Shop", departmentId: dept.id } });
  const app = await db.application.create({ data: { systemId: system.id, name: "storefront", displayName: "Storefront" } });
  const dc = await db.dataCentre.create({
    data: { name: "dc1", displayName: "DC1", region: "r", harborUrl: "http://h", harborUsername: "u", harborPasswordEnc: Buffer.from("x") },
  });
  const row = await db.cluster.create({
    data: { name: "dc1-c1", dataCentreId: dc.id, apiEndpoint: "sim", kubeconfigEnc: secrets().seal(cluster.kubeconfig()) },
  });
  const group = await db.group.create({
    data: { applicationId: app.id, name: "web", dataCentreId: dc.id, clusterId: row.id, imageTag: "1.0", replicas: 1, cpuMillis: 50, memoryMiB: 64 },
  });
  const user = await db.user.create({ data: { email: "dev@capstan.test", name: "Dev", platformRole: "PLATFORM_ADMIN" } });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig());
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: "shop" } } });
  await core.createNamespacedPod({ namespace: "shop", body: { metadata: { name: "web-0" }, spec: { containers: [{ name: "storefront", image: "x" }] } } });
  for (let i = 0; (await core.readNamespacedPod({ namespace: "shop", name: "web-0" })).status?.phase !== "Running"; i++) {
    if (i > 100) throw new Error("the pod did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  await db.pod.create({ data: { clusterId: row.id, namespace: "shop", name: "web-0", uid: "u", groupId: group.id, phase: "Running", ready: true } });

  const gateway = await startGateway({ db, port: 0, host: "127.0.0.1" });
  const ctx = { db, actor: await loadActor(db, user.id) };
  const { ticket } = await createTerminalTicket(ctx, "shop", "storefront", "web", "web-0", {});
  const ws = new WebSocket(`ws://127.0.0.1:${gateway.port}/terminal?ticket=${ticket}`);
  let shown = "";
  let waiting: (() => void) | undefined;
  ws.on("message", (d: Buffer) => {
    if (d[0] !== 1) return;
    shown += d.subarray(1).toString();
    waiting?.();
  });
  await new Promise((r) => ws.once("open", r));
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      if (done()) return resolve();
      waiting = () => done() && resolve();
    });
  await until(() => shown.includes("/ # "));
  const times: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const before = shown.length;
    const t0 = performance.now();
    ws.send(Buffer.from([0, key.charCodeAt(0)]));
    await until(() => shown.length > before);
    times.push(performance.now() - t0);
    if (i % 60 === 59) {
      // Ctrl-C: a fresh line now and then, awaited so that its prompt is not taken for the next key's echo
      const at = shown.length;
      ws.send(Buffer.from([0, 0x03]));
      await until(() => shown.length > at && shown.endsWith("/ # "));
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
  console.log(
    `terminal keystroke round trip (browser → gateway → exec → echo), ${KEYS} keys: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms (target p95 ≤ 50 ms); ${loadNote()}`,
  );
  ws.close();
  // The gateway records the session's end; let it finish before the database goes.
  while (!(await db.terminalSession.findFirst({ where: { endedAt: { not: null } } }))) await new Promise((r) => setTimeout(r, 50));
  await gateway.close();
} finally {
  await sim.stop();
  await db.$disconnect();
  await stop();
}
