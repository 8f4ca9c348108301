// The node lifecycle end to end against a simulated cluster: new nodes enter INIT and are cordoned and
// tainted, pass their checks into WAIT, are admitted ONLINE in bulk, and drained OFFLINE through the
// Eviction API, where a PodDisruptionBudget holds a pod back until it is lifted.
import type { Db } from "@capstan/db";
import { bulkTransitionNodes, createGroup, getGroup, getNode, getNodeBulkTransition, listNodes, setNodeLabels, transitionNode } from "@capstan/usecases";
import type { CoreV1Api, V1Node } from "@kubernetes/client-node";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let db: Db;
let world: World;
let core: CoreV1Api;
let worker: Awaited<ReturnType<typeof startWorker>>;
const ops = () => world.as.ops;
const PREPARED = "capstan.io/prepared";
const NODES = ["dc1-c1-node-001", "dc1-c1-node-002", "dc1-c1-node-003", "dc1-c1-node-004"];

beforeAll(async () => {
  const env = await simulatedWorld({ nodes: 4, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, db, world } = env);
  core = env.k8s.core;
  await db.labelDefinition.createMany({
    data: [
      { key: "zone", kind: "ZONE", values: ["default", "cicd"], dedicated: ["cicd"] },
      ...["res.normal", "res.ssd", "res.gpu"].map((key) => ({ key, kind: "RESOURCE" as const })),
    ],
  });
  await db.labelExclusiveSet.create({ data: { name: "normal-or-gpu", labels: ["res.normal", "res.gpu"] } });
  // The preparation label stands for whatever an operator's preparation does; until it is set, checks fail.
  worker = await startWorker(db, env.url, { concurrency: 2, inventoryEveryMs: 300, log: () => {}, initChecks: { requireReady: true, minKubeletVersion: "v1.30.0", requiredLabels: ["zone", PREPARED] } });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

const lifecycleTaint = (n: V1Node) => n.spec?.taints?.find((t) => t.key === "capstan.io/status")?.value ?? null;
const k8sNode = (name: string) => core.readNode({ name });
const node = (name: string) => getNode(ops(), "dc1-c1", name);

describe("node lifecycle", () => {
  it("a new node enters INIT, by the system, and is cordoned and tainted; failed checks are shown", async () => {
    const n = await waitFor("the node to be cordoned and tainted", () => k8sNode(NODES[0]!), (n) => n.spec?.unschedulable === true && lifecycleTaint(n) === "init");
    expect(n.spec?.taints).toContainEqual({ key: "capstan.io/status", value: "init", effect: "NoSchedule" });
    const d = await waitFor("the check results", () => node(NODES[0]!), (d) => d.checkResults !== null);
    expect(d.status).toBe("INIT");
    expect(d.transitions.at(-1)).toMatchObject({ from: null, to: "INIT", by: null });
    expect(d.checkResults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: "ready", ok: true }),
        expect.objectContaining({ check: "kubeletVersion", ok: true }),
        expect.objectContaining({ check: `label:${PREPARED}`, ok: false, message: `Label ${PREPARED} is missing.` }),
      ]),
    );
  });

  it("refuses a transition the state machine forbids with a 409 naming both states", async () => {
    await expect(transitionNode(ops(), "dc1-c1", NODES[0]!, { to: "online", reason: "skip the checks" })).rejects.toMatchObject({
      status: 409,
      message: "A node in INIT cannot move to ONLINE; it can move to WAIT.",
    });
  });

  it("refuses labels that break the label policy with a 422 naming them", async () => {
    const d = await node(NODES[0]!);
    const err = await setNodeLabels(ops(), "dc1-c1", d.name, { labels: { zone: "default", "res.normal": "true", "res.gpu": "true" }, version: d.version }).catch((e) => e);
    expect(err).toMatchObject({ status: 422, fields: { "labels.res.normal": expect.stringContaining("exclude each other"), "labels.res.gpu": expect.any(String) } });
  });

  it("puts edited labels on the Node; a node whose checks then pass moves to WAIT by itself", async () => {
    for (const name of NODES) {
      const d = await node(name);
      const own = Object.fromEntries(Object.entries(d.labels).filter(([k]) => !k.includes("kubernetes.io")));
      await setNodeLabels(ops(), "dc1-c1", name, { labels: { ...own, [PREPARED]: "true" }, version: d.version });
    }
    const n = await waitFor("the label on the Node", () => k8sNode(NODES[0]!), (n) => n.metadata?.labels?.[PREPARED] === "true");
    expect(n.metadata?.labels?.["kubernetes.io/hostname"]).toBe(NODES[0]);
    const d = await waitFor("WAIT", () => node(NODES[0]!), (d) => d.status === "WAIT");
    expect(d.transitions[0]).toMatchObject({ from: "INIT", to: "WAIT", by: null, reason: "The init checks passed." });
    await waitFor("the wait taint", () => k8sNode(NODES[0]!), (n) => lifecycleTaint(n) === "wait" && n.spec?.unschedulable === true);
  });

  it("admits WAIT nodes in bulk: ONLINE removes the taint and uncordons", async () => {
    await waitFor("all nodes in WAIT", () => listNodes(ops(), { cluster: "dc1-c1", status: "wait" }), (p) => p.total === NODES.length);
    const { id, total } = await bulkTransitionNodes(ops(), { to: "online", reason: "admitted", filter: { cluster: "dc1-c1", status: "WAIT" } });
    expect(total).toBe(NODES.length);
    const bulk = await waitFor("the bulk transition", () => getNodeBulkTransition(ops(), id), (b) => b.finishedAt !== null && b.items.every((i) => i.applied === "SUCCEEDED"));
    expect(bulk).toMatchObject({ done: 4, succeeded: 4, failed: 0 });
    for (const name of NODES) {
      const n = await k8sNode(name);
      expect(n.spec?.unschedulable ?? false).toBe(false);
      expect(lifecycleTaint(n)).toBeNull();
    }
  });

  it("drains an OFFLINE node through the Eviction API: a PodDisruptionBudget blocks it until lifted, then the pods run elsewhere", { timeout: 90_000 }, async () => {
    await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 2, cpu: "100m", memory: "128Mi" });
    const group = () => getGroup(world.as.developer, "shop", "storefront", "web");
    const g = await waitFor("the group to be available", group, (g) => g.readyReplicas === 2 && g.pods.length === 2 && g.pods.every((p) => p.ready));
    const victim = g.pods[0]!.node!;
    await sim.clusters[0]!.store.create("policy/poddisruptionbudgets", {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: "shop" },
      spec: { minAvailable: 2, selector: { matchLabels: { "capstan.io/group": "web" } } },
    });
    await transitionNode(ops(), "dc1-c1", victim, { to: "OFFLINE", reason: "kernel upgrade" });
    const blocked = await waitFor("the blocked eviction", () => node(victim), (d) => d.transitions[0]?.result === "FAILED");
    expect(blocked.transitions[0]!.detail!.evictions).toEqual(
      expect.arrayContaining([{ pod: expect.stringMatching(/^shop\/storefront-web-/), evicted: false, reason: expect.stringContaining("disruption budget") }]),
    );
    expect((await k8sNode(victim)).spec?.unschedulable).toBe(true);

    sim.clusters[0]!.store.delete("policy/poddisruptionbudgets", "shop", "web");
    const done = await waitFor("the drain to finish", () => node(victim), (d) => d.transitions[0]?.result === "SUCCEEDED", 60_000);
    expect(done.transitions[0]!.detail!.evictions!.every((e) => e.evicted)).toBe(true);
    const after = await waitFor("the pods to run elsewhere", group, (g) => g.pods.length === 2 && g.pods.every((p) => p.ready && p.node !== victim), 60_000);
    expect(after.pods.map((p) => p.node)).not.toContain(victim);
  });
});
