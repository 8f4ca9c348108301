// When things go wrong: a node dies, the API server errors and slows down while people keep working,
// the worker is killed mid-reconcile. Everything converges afterwards and no requested change is lost.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Sim } from "@capstan/sim";
import { createGroup, getGroup, scaleGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { admitNodes, simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

const FAST = { startMs: 0, probeScale: 0, nodeGraceMs: 1000, podEvictionMs: 500, leaseRenewMs: 200, terminationMs: 0 };
let env: Awaited<ReturnType<typeof simulatedWorld>>;
let sim: Sim;
let world: World;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
const dev = () => world.as.developer;
const spec = (name: string, replicas: number) => ({ name, dataCentre: "dc1", imageTag: "1.0", replicas, cpu: "50m", memory: "64Mi" });

beforeAll(async () => {
  env = await simulatedWorld({ nodes: 8, timings: FAST });
  ({ sim, world } = env);
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

/** Every group's Deployment in the cluster asks for the replicas PostgreSQL wants, and they are ready. */
async function converged(): Promise<boolean> {
  const groups = await world.db.group.findMany({ include: { application: true } });
  for (const g of groups) {
    const d = await env.k8s.apps.readNamespacedDeployment({ name: `${g.application.name}-${g.name}`, namespace: "shop" }).catch(() => null);
    if (!d || d.spec?.replicas !== g.replicas || (d.status?.readyReplicas ?? 0) !== g.replicas || g.readyReplicas !== g.replicas) return false;
  }
  return true;
}

describe("reliability", () => {
  it("a worker killed with SIGKILL mid-reconcile: the next one converges everything", { timeout: 150_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], {
      env: { ...process.env, DATABASE_URL: env.url },
      stdio: "ignore",
    });
    // The child worker compiles itself with tsx first, which takes tens of seconds on a loaded machine.
    await admitNodes(world, 8, 90_000);
    for (let i = 0; i < 6; i++) await createGroup(dev(), "shop", "storefront", spec(`k${i}`, 2));
    await waitFor(
      "the first worker to start applying",
      () => world.db.group.count({ where: { observedGeneration: { gt: 0 } } }),
      (n) => n > 0,
      30_000,
    );
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    for (let i = 0; i < 6; i++) await scaleGroup(dev(), "shop", "storefront", `k${i}`, { replicas: 3 });
    worker = await startWorker(world.db, env.url, { concurrency: 4, inventoryEveryMs: 300, log: () => {} });
    await worker.addJob("resync", {}, { jobKey: "resync" });
    await waitFor("convergence after the restart", converged, (ok) => ok, 60_000);
  });

  it("a node dies: its pods are rescheduled elsewhere and the portal shows it", { timeout: 150_000 }, async () => {
    await createGroup(dev(), "shop", "storefront", spec("survivor", 2));
    const before = await waitFor(
      "two ready pods",
      () => getGroup(dev(), "shop", "storefront", "survivor"),
      (g) => g.readyReplicas === 2 && g.pods.length === 2 && g.pods.every((p) => p.ready),
    );
    const victim = before.pods[0]!.node!;
    sim.faults.killNode("dc1-c1", victim);
    // As in Kubernetes, the dead node's pod stays (Terminating) until the node returns; two others serve.
    const after = await waitFor(
      "pods to run elsewhere",
      () => getGroup(dev(), "shop", "storefront", "survivor"),
      (g) => g.readyReplicas === 2 && g.pods.filter((p) => p.ready && p.node !== victim).length === 2,
      60_000,
    );
    expect(after.pods.filter((p) => p.node === victim).every((p) => !p.ready)).toBe(true);
    const node = await waitFor(
      "the node to show as not ready",
      () => world.db.node.findFirstOrThrow({ where: { name: victim } }),
      (n) => !n.ready,
    );
    expect(node.ready).toBe(false);
  });

  it("200 operations while the API server errors 30% of the time and is slow: nothing is lost", { timeout: 150_000 }, async () => {
    const names = Array.from({ length: 10 }, (_, i) => `f${i}`);
    for (const n of names) await createGroup(dev(), "shop", "storefront", spec(n, 1));
    sim.faults.set("dc1-c1", { errorRate: 0.3, errorCode: 500, latencyMs: 50 });
    const desired = new Map<string, number>();
    for (let op = 0; op < 200; op++) {
      const name = names[op % names.length]!;
      const replicas = 1 + ((op * 7) % 3);
      await scaleGroup(dev(), "shop", "storefront", name, { replicas });
      desired.set(name, replicas);
    }
    await new Promise((r) => setTimeout(r, 30_000)); // 30 s of reconciles failing and retrying under the faults
    sim.faults.clear("dc1-c1");
    await worker!.addJob("resync", {}, { jobKey: "resync" });
    await waitFor("convergence once the faults stop", converged, (ok) => ok, 90_000);
    for (const [name, replicas] of desired) expect((await world.db.group.findFirstOrThrow({ where: { name } })).replicas).toBe(replicas);
  });
});
