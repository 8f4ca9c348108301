// The load balancers' traffic figures (issue 16, docs/load-balancers.md "Measured"): a weight change and a pod
// taken out, each made while a steady open-loop load of 200 requests/s runs for 10 s through a real haproxy
// balancer, measured on the whole product path: the use case (as the portal calls it) → the transaction's
// reconcile job → the worker's load-balancer controller (in its own process, as `npm start` runs it) → haproxy's
// runtime API on every LB pod. The simulator (its own process) runs the loopback pod network: the member groups'
// pods answer HTTP on 127.x addresses with their name, and the LB pods are real haproxy processes.
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { haproxyBackendName } from "@capstan/domain";
import { HaproxyRuntime, HarborClient, pushMinimalImage } from "@capstan/orchestrator";
import { createGroup, createLoadBalancer, putBackPod, registerCluster, setLoadBalancerMembers, takeOutPod } from "@capstan/usecases";
import { admitNodes } from "../apps/worker/src/admit-nodes";
import { buildWorld, grantQuota } from "../packages/usecases/src/testing/fixtures";
import { benchDatabase } from "./database";
import { epochMs, get, type LoadMessage, type LoadPlan, type Request } from "./lb-load";
import { startSimProcess, registerSimDataCentre } from "./sim-process";
import { startWorkerProcess } from "./worker-process";

const RATE = 200; // requests per second, sent on a fixed schedule whatever the answers
const SECONDS = 10;
const CHANGE_AT_MS = 2000; // the change is made this long into the run
const WINDOW = 40; // requests in the sliding window the share is read over (0.2 s at 200/s)
const PORT = 8088;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/**
 * Runs the load for `seconds` in a process of its own (as clients are other machines: the use case's work here
 * must not hold it up) and makes `change` here when the load asks for it, CHANGE_AT_MS into the run. Resolves
 * with every request and when the change was called and returned, all in ms from the load's start.
 */
function underLoad(ips: string[], change: () => Promise<unknown>, seconds = SECONDS) {
  const child = fork(path.join(import.meta.dirname, "lb-load.ts"), [], { execArgv: ["--import", "tsx"] });
  let changed: Promise<{ called: number; returned: number }> | undefined;
  return new Promise<{ requests: Request[]; called: number; returned: number }>((resolve, reject) => {
    child.on("message", (m: LoadMessage) => {
      if (m.type === "change") {
        const called = epochMs();
        changed = change().then(() => ({ called, returned: epochMs() }));
        changed.catch(reject);
      } else void changed!.then(({ called, returned }) => resolve({ requests: m.requests, called: called - m.start, returned: returned - m.start }), reject);
    });
    child.once("exit", (code) => (code ? reject(new Error(`the load's process exited with ${code}`)) : undefined));
    child.send({ ips, port: PORT, rate: RATE, seconds, changeAtMs: Math.min(CHANGE_AT_MS, (seconds * 1000) / 2) } satisfies LoadPlan);
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const met = (ok: boolean) => (ok ? "met" : "NOT MET");

/** The line on the load itself: what was sent, how late the generator was, what failed. */
function loadLine(requests: Request[], called: number): string {
  const late = Math.max(...requests.map((r) => r.sent - r.due));
  const failed = requests.filter((r) => r.failed);
  const after = failed.filter((r) => r.sent >= called);
  const kinds = [...new Set(failed.map((r) => r.failed))].join(", ");
  // Late by more than a window's worth: requests went out in bursts, not steadily, and the figures above do not hold.
  const steady = late <= (WINDOW * 1000) / RATE ? "" : "; NOT STEADY, sent in bursts: the figures above do not hold";
  return `${requests.length} requests at ${RATE}/s (generator at most ${late.toFixed(0)} ms late${steady}), failed: ${failed.length} in the run, ${after.length} from the call on (target 0  ${met(failed.length === 0)})${kinds ? ` [${kinds}]` : ""}`;
}

/**
 * A weight change 1:1 → 3:1 (blue:green): the time from the call until the share of blue over a sliding window
 * of WINDOW requests (by send time) reaches 75 % ± 5 % and stays there to the end of the run; the window is
 * dated by its first request, so the figure is when requests started to follow the new weights.
 */
function weightEffect(requests: Request[], called: number): number | null {
  const answered = requests.filter((r) => r.group);
  // In whole requests: 75 % ± 5 % of the window is 15 ± 1 twentieths of it. (As fractions, 28/40 − 0.75 is
  // 0.05000000000000004, which put a window at the band's edge outside it.)
  const inBand = (i: number) => {
    const blue = answered.slice(i, i + WINDOW).filter((r) => r.group === "blue").length;
    return Math.abs(20 * blue - 15 * WINDOW) <= WINDOW;
  };
  let first: number | null = null;
  for (let i = answered.length - WINDOW; i >= 0 && inBand(i); i--) first = i;
  if (first === null) return null;
  return Math.max(0, answered[first]!.sent - called);
}

/** The share of blue among the requests sent in each second from the call on, e.g. "blue's share by second after the call: 50 % 74 % 75 % …". */
function sharesPerSecond(requests: Request[], called: number): string {
  const shares: string[] = [];
  for (let t = called; t < SECONDS * 1000; t += 1000) {
    const second = requests.filter((r) => r.group && r.sent >= t && r.sent < t + 1000);
    if (second.length) shares.push(`${Math.round((100 * second.filter((r) => r.group === "blue").length) / second.length)} %`);
  }
  return `blue's share by second after the call: ${shares.join(" ")}`;
}

/** haproxy's view of the backends on each LB pod now (status, weight, last check), to read a figure against. */
async function haproxyView(ips: string[]): Promise<string> {
  const views = await Promise.all(
    ips.map(async (ip) => {
      const stats = await new HaproxyRuntime(ip).stats().catch((e: Error) => e);
      if (stats instanceof Error) return `${ip}: ${stats.message}`;
      const servers = stats.filter((x) => x.backend === haproxyBackendName({ name: "front" }));
      return `${ip}: ${servers.map((x) => `${x.server.replace(/^storefront-/, "")} ${x.status} w${x.weight} ${x.checkStatus ?? ""}`.trim()).join(", ")}`;
    }),
  );
  return `haproxy after the run: ${views.join("; ")}`;
}

/** Builds the world: one data centre on the loopback pod network, two groups of two pods, a haproxy balancer with two LB pods. */
async function setUp() {
  process.env.CAPSTAN_SECRET_KEY ??= "YmVuY2gta2V5LWZvci1jYXBzdGFuLW9ubHktMzJieXQ=";
  const { url, db, stop } = await benchDatabase();
  const cleanup: (() => Promise<unknown>)[] = [stop];
  try {
    const sim = await startSimProcess({ dataCentres: 1, nodes: 6, timings: { startMs: 0, probeScale: 0 }, podNetwork: "loopback" });
    cleanup.unshift(() => sim.stop());
    const world = await buildWorld(db);
    const admin = world.as.platformAdmin;
    const dc = sim.dataCentres[0]!;
    await registerSimDataCentre(admin, dc);
    await registerCluster(admin, { name: dc.clusters[0]!.name, dataCentre: dc.name, kubeconfig: dc.clusters[0]!.kubeconfig });
    await grantQuota(world, dc.name);
    await new HarborClient(dc.registry.url, dc.registry.username, dc.registry.password).ensureProject("shop");
    await pushMinimalImage(dc.registry.url, dc.registry, "shop/storefront", "1.0");
    const worker = await startWorkerProcess(url, 4);
    cleanup.unshift(() => worker.stop());
    await admitNodes(world, 6, 60_000);
    for (const name of ["blue", "green"])
      await createGroup(world.as.developer, "shop", "storefront", { name, dataCentre: dc.name, imageTag: "1.0", replicas: 2, cpu: "50m", memory: "64Mi" });
    await createLoadBalancer(world.as.developer, "shop", "storefront", {
      name: "front",
      dataCentre: dc.name,
      replicas: 2,
      port: PORT,
      healthCheck: { path: "/healthz", intervalSeconds: 1, rise: 1, fall: 2 },
      members: [
        { group: "blue", weight: 100 },
        { group: "green", weight: 100 },
      ],
    });
    await until("the balancer ready on both LB pods, with all four pods as backends", 120_000, async () => {
      const row = await db.loadBalancer.findFirst({ where: { name: "front" } });
      const pods = await db.pod.count({ where: { group: { name: { in: ["blue", "green"] } }, ready: true, ip: { not: null } } });
      return row && pods === 4 && row.readyReplicas === 2 && row.observedGeneration === row.generation && !row.lastError && row.dataPlane ? row : null;
    });
    const ips = await until("the LB pods' addresses", 30_000, async () => {
      const pods = await db.pod.findMany({ where: { name: { startsWith: "lb-front-" }, ready: true, ip: { not: null } } });
      return pods.length === 2 ? pods.map((p) => p.ip!) : null;
    });
    // Every member pod answers through every LB pod before anything is measured.
    await until("every pod answering through haproxy", 30_000, async () => {
      const rs = Array.from({ length: 16 }, (): Request => ({ due: 0, sent: 0 }));
      await Promise.all(rs.map((r, i) => get(ips[i % 2]!, PORT, r)));
      return rs.every((r) => r.pod) && new Set(rs.map((r) => r.pod)).size === 4 ? true : null;
    });
    return { world, db, ips, stop: () => cleanup.reduce((p, f) => p.then(f), Promise.resolve() as Promise<unknown>) };
  } catch (e) {
    for (const f of cleanup) await f().catch(() => undefined);
    throw e;
  }
}

/** Polls `get` every 100 ms until it gives something other than null. */
async function until<T>(what: string, timeoutMs: number, get: () => Promise<T | null>): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const got = await get();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The balancer's generation runs on every LB pod. */
const converged = (db: Awaited<ReturnType<typeof setUp>>["db"]) =>
  until("the balancer converged", 60_000, async () => {
    const row = await db.loadBalancer.findFirstOrThrow({ where: { name: "front" } });
    return row.observedGeneration === row.generation && !row.lastError ? row : null;
  });

/** "<t> after the call (<t'> after the use case returned)", or that it was not seen within the run. */
const effectText = (took: number | null, run: { called: number; returned: number }) =>
  took === null
    ? `not within the run (> ${s(SECONDS * 1000 - run.called)})`
    : `${s(took)} after the call (${s(Math.max(0, took - (run.returned - run.called)))} after the use case returned in ${s(run.returned - run.called)})`;

/** Prints the traffic figures (each with the load average). */
export async function traffic(): Promise<void> {
  const { world, db, ips, stop } = await setUp();
  try {
    console.log(
      `path: use case (in this process, as the portal calls it) → reconcile job → worker (own process) → haproxy runtime API on 2 LB pods (real haproxy, simulator's loopback pod network); 4 backends (blue, green × 2); load average ${load()}`,
    );
    const dev = world.as.developer;
    const members = async (blue: number, green: number) => {
      const { version } = await db.loadBalancer.findFirstOrThrow({ where: { name: "front" } });
      return setLoadBalancerMembers(dev, "shop", "storefront", "front", {
        members: [
          { group: "blue", weight: blue },
          { group: "green", weight: green },
        ],
        version,
      });
    };
    const [pod, spare] = (await db.pod.findMany({ where: { group: { name: "blue" } }, orderBy: { name: "asc" } })).map((p) => p.name);
    // Warm-up, unmeasured: each use case and controller path once, and the generator for a second.
    await members(100, 100);
    await takeOutPod(dev, "shop", "storefront", "front", spare!, { drainSeconds: 0 });
    await converged(db);
    await putBackPod(dev, "shop", "storefront", "front", spare!);
    await converged(db);
    await underLoad(ips, async () => undefined, 2);

    // (a) 1:1 → 3:1.
    const a = await underLoad(ips, () => members(150, 50));
    const took = weightEffect(a.requests, a.called);
    console.log(
      `weight change 1:1 → 3:1 → share of blue within 75 % ± 5 % over a window of ${WINDOW} requests, to the end: ${effectText(took, a)}; target ≤ 1 s  ${met(took !== null && took <= 1000)}; load average ${load()}`,
    );
    console.log(`  ${loadLine(a.requests, a.called)}; ${sharesPerSecond(a.requests, a.called)}`);
    console.log(`  ${await haproxyView(ips)}`);
    await converged(db);

    // (b) one pod out (the default 30 s drain: no new request, those in flight finish).
    const b = await underLoad(ips, () => takeOutPod(dev, "shop", "storefront", "front", pod!, {}));
    const got = b.requests.filter((r) => r.pod === pod);
    const after = got.filter((r) => r.sent >= b.called);
    // When the last request it got was sent; none after the call: at once.
    const effect = after.length ? after.at(-1)!.sent - b.called : 0;
    console.log(
      `pod taken out → no new request to it: ${effectText(effect, b)}, ${after.length} requests sent to it after the call; target ≤ 1 s  ${met(effect <= 1000)}; load average ${load()}`,
    );
    console.log(`  ${loadLine(b.requests, b.called)}`);
    console.log(`  ${await haproxyView(ips)}`);
    await putBackPod(dev, "shop", "storefront", "front", pod!);
  } finally {
    await stop();
  }
}
