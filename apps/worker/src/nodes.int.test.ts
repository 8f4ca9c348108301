// The node lifecycle end to end against a simulated cluster: new nodes enter INIT and are cordoned and
// tainted, pass their checks into WAIT, are admitted ONLINE in bulk, and drained OFFLINE through the
// Eviction API, where a PodDisruptionBudget holds a pod back until it is lifted; a drain follows kubectl
// drain's rules (a bare pod blocks it until ops choose force; DaemonSet pods stay); each node's pod count is
// kept as its pods come and go.
import type { Db } from "@capstan/db";
import { bulkTransitionNodes, createGroup, getGroup, getNode, getNodeBulkTransition, listNodes, setNodeLabels, transitionNode } from "@capstan/usecases";
import type { AppsV1Api, CoreV1Api, V1Node, V1Pod } from "@kubernetes/client-node";
import type { Sim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../packages/usecases/src/testing/fixtures";
import { simulatedWorld, waitFor } from "./testing";
import { startWorker } from "./worker";

let sim: Sim;
let db: Db;
let world: World;
let core: CoreV1Api;
let apps: AppsV1Api;
let worker: Awaited<ReturnType<typeof startWorker>>;
const ops = () => world.as.ops;
const PREPARED = "capstan.io/prepared";
const NODES = ["dc1-c1-node-001", "dc1-c1-node-002", "dc1-c1-node-003", "dc1-c1-node-004"];

beforeAll(async () => {
  const env = await simulatedWorld({ nodes: 4, timings: { startMs: 0, probeScale: 0 } });
  ({ sim, db, world } = env);
  core = env.k8s.core;
  apps = env.k8s.apps;
  await db.labelDefinition.createMany({
    data: [
      { key: "zone", kind: "ZONE", values: ["default", "cicd"], dedicated: ["cicd"] },
      ...["res.normal", "res.ssd", "res.gpu"].map((key) => ({ key, kind: "RESOURCE" as const })),
    ],
  });
  await db.labelExclusiveSet.create({ data: { name: "normal-or-gpu", labels: ["res.normal", "res.gpu"] } });
  // The preparation label stands for whatever an operator's preparation does; until it is set, checks fail.
  worker = await startWorker(db, env.url, {
    concurrency: 2,
    inventoryEveryMs: 300,
    log: () => {},
    initChecks: { requireReady: true, minKubeletVersion: "v1.30.0", requiredLabels: ["zone", PREPARED] },
  });
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
    const n = await waitFor(
      "the node to be cordoned and tainted",
      () => k8sNode(NODES[0]!),
      (n) => n.spec?.unschedulable === true && lifecycleTaint(n) === "init",
    );
    expect(n.spec?.taints).toContainEqual({ key: "capstan.io/status", value: "init", effect: "NoSchedule" });
    const d = await waitFor(
      "the check results",
      () => node(NODES[0]!),
      (d) => d.checkResults !== null,
    );
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
    const err = await setNodeLabels(ops(), "dc1-c1", d.name, {
      labels: { zone: "default", "res.normal": "true", "res.gpu": "true" },
      version: d.version,
    }).catch((e) => e);
    expect(err).toMatchObject({
      status: 422,
      fields: { "labels.res.normal": expect.stringContaining("exclude each other"), "labels.res.gpu": expect.any(String) },
    });
  });

  it("puts edited labels on the Node; a node whose checks then pass moves to WAIT by itself", async () => {
    for (const name of NODES) {
      const d = await node(name);
      const own = Object.fromEntries(Object.entries(d.labels).filter(([k]) => !k.includes("kubernetes.io")));
      await setNodeLabels(ops(), "dc1-c1", name, { labels: { ...own, [PREPARED]: "true" }, version: d.version });
    }
    const n = await waitFor(
      "the label on the Node",
      () => k8sNode(NODES[0]!),
      (n) => n.metadata?.labels?.[PREPARED] === "true",
    );
    expect(n.metadata?.labels?.["kubernetes.io/hostname"]).toBe(NODES[0]);
    const d = await waitFor(
      "WAIT",
      () => node(NODES[0]!),
      (d) => d.status === "WAIT",
    );
    expect(d.transitions[0]).toMatchObject({ from: "INIT", to: "WAIT", by: null, reason: "The init checks passed." });
    await waitFor(
      "the wait taint",
      () => k8sNode(NODES[0]!),
      (n) => lifecycleTaint(n) === "wait" && n.spec?.unschedulable === true,
    );
  });

  it("admits WAIT nodes in bulk: ONLINE removes the taint and uncordons", async () => {
    await waitFor(
      "all nodes in WAIT",
      () => listNodes(ops(), { cluster: "dc1-c1", status: "wait" }),
      (p) => p.total === NODES.length,
    );
    const { id, total } = await bulkTransitionNodes(ops(), { to: "online", reason: "admitted", filter: { cluster: "dc1-c1", status: "WAIT" } });
    expect(total).toBe(NODES.length);
    const bulk = await waitFor(
      "the bulk transition",
      () => getNodeBulkTransition(ops(), id),
      (b) => b.finishedAt !== null && b.items.every((i) => i.applied === "SUCCEEDED"),
    );
    expect(bulk).toMatchObject({ done: 4, succeeded: 4, failed: 0 });
    for (const name of NODES) {
      const n = await k8sNode(name);
      expect(n.spec?.unschedulable ?? false).toBe(false);
      expect(lifecycleTaint(n)).toBeNull();
    }
  });

  it(
    "drains an OFFLINE node through the Eviction API: a PodDisruptionBudget blocks it until lifted, then the pods run elsewhere",
    { timeout: 90_000 },
    async () => {
      await createGroup(world.as.developer, "shop", "storefront", {
        name: "web",
        dataCentre: "dc1",
        imageTag: "1.0",
        replicas: 2,
        cpu: "100m",
        memory: "128Mi",
      });
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
      const blocked = await waitFor(
        "the blocked eviction",
        () => node(victim),
        (d) => d.transitions[0]?.result === "FAILED",
      );
      expect(blocked.transitions[0]!.detail!.evictions).toEqual(
        expect.arrayContaining([
          { pod: expect.stringMatching(/^shop\/storefront-web-/), evicted: false, reason: expect.stringContaining("disruption budget") },
        ]),
      );
      expect((await k8sNode(victim)).spec?.unschedulable).toBe(true);

      sim.clusters[0]!.store.delete("policy/poddisruptionbudgets", "shop", "web");
      const done = await waitFor(
        "the drain to finish",
        () => node(victim),
        (d) => d.transitions[0]?.result === "SUCCEEDED",
        60_000,
      );
      expect(done.transitions[0]!.detail!.evictions!.every((e) => e.evicted)).toBe(true);
      const after = await waitFor("the pods to run elsewhere", group, (g) => g.pods.length === 2 && g.pods.every((p) => p.ready && p.node !== victim), 60_000);
      expect(after.pods.map((p) => p.node)).not.toContain(victim);
    },
  );

  it(
    "a bare pod blocks OFFLINE without force: nothing is evicted and the result names it; with force it is evicted and the audit says so; DaemonSet pods stay",
    { timeout: 90_000 },
    async () => {
      const online = await listNodes(ops(), { cluster: "dc1-c1", status: "ONLINE", sort: "name" });
      const target = online.items[0]!.name;
      await core.createNamespace({ body: { metadata: { name: "scratch" } } });
      await apps.createNamespacedDaemonSet({
        namespace: "scratch",
        body: {
          metadata: { name: "agent" },
          spec: {
            selector: { matchLabels: { app: "agent" } },
            template: {
              metadata: { labels: { app: "agent" } },
              spec: { tolerations: [{ operator: "Exists" }], containers: [{ name: "c", image: "busybox" }] },
            },
          },
        },
      });
      await core.createNamespacedPod({
        namespace: "scratch",
        body: { metadata: { name: "bare" }, spec: { nodeName: target, containers: [{ name: "c", image: "busybox" }] } },
      });
      const onTarget = () =>
        core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${target}` }).then((l) => l.items.filter((p) => !p.metadata?.deletionTimestamp));
      const name = (p: V1Pod) => `${p.metadata!.namespace}/${p.metadata!.name}`;
      await waitFor(
        "the bare and the daemon pod running on the node",
        onTarget,
        (ps) => ps.some((p) => name(p) === "scratch/bare" && p.status?.phase === "Running") && ps.some((p) => p.metadata?.labels?.app === "agent"),
      );
      const before = (await onTarget()).map(name).sort();

      await transitionNode(ops(), "dc1-c1", target, { to: "OFFLINE", reason: "disk swap" });
      const blocked = await waitFor(
        "the drain to stop",
        () => node(target),
        (d) => d.transitions[0]?.result === "FAILED",
      );
      expect(blocked.transitions[0]!.detail).toEqual({
        blocked: [{ pod: "scratch/bare", reason: "unreplicated", message: expect.stringContaining("declares no controller") }],
      });
      expect(blocked.transitions[0]).toMatchObject({ force: false, deleteEmptyDirData: false });
      expect(blocked.allowed).toContain("OFFLINE");
      expect((await onTarget()).map(name).sort()).toEqual(before); // kubectl drain checks every pod first: nothing was evicted
      expect((await k8sNode(target)).spec?.unschedulable).toBe(true);

      // An option that is not for OFFLINE is refused; a node whose drain succeeded cannot be sent OFFLINE again.
      await expect(transitionNode(ops(), "dc1-c1", target, { to: "ONLINE", reason: "back", force: true })).rejects.toMatchObject({
        status: 422,
        fields: { force: expect.stringContaining("OFFLINE") },
      });
      await transitionNode(ops(), "dc1-c1", target, { to: "offline", reason: "disk swap; the bare pod is a leftover test", force: true });
      const done = await waitFor(
        "the forced drain to finish",
        () => node(target),
        (d) => d.transitions[0]?.result === "SUCCEEDED",
        60_000,
      );
      expect(done.transitions[0]).toMatchObject({ from: "OFFLINE", to: "OFFLINE", force: true });
      expect(done.transitions[0]!.detail!.evictions).toContainEqual({ pod: "scratch/bare", evicted: true, warning: "unreplicated" });
      expect(done.transitions[0]!.detail!.evictions!.some((e) => e.pod.startsWith("scratch/agent-"))).toBe(false);
      await waitFor(
        "the bare pod gone",
        () =>
          core.readNamespacedPod({ namespace: "scratch", name: "bare" }).then(
            () => true,
            () => false,
          ),
        (exists) => !exists,
      );
      expect((await onTarget()).some((p) => p.metadata?.labels?.app === "agent")).toBe(true);
      const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "node.transition", targetId: `dc1-c1/${target}` }, orderBy: { id: "desc" } });
      expect(audit.after).toMatchObject({ status: "OFFLINE", force: true, deleteEmptyDirData: false });
      await expect(transitionNode(ops(), "dc1-c1", target, { to: "OFFLINE", reason: "again", force: true })).rejects.toMatchObject({ status: 409 });
      await apps.deleteNamespacedDaemonSet({ namespace: "scratch", name: "agent" });
    },
  );

  it("a pod with emptyDir data blocks OFFLINE; once it is deleted by hand the drain finishes by itself", { timeout: 90_000 }, async () => {
    const target = (await listNodes(ops(), { cluster: "dc1-c1", status: "ONLINE", sort: "name" })).items[0]!.name;
    await core.createNamespacedPod({
      namespace: "scratch",
      body: {
        metadata: { name: "scratchpad" },
        spec: {
          nodeName: target,
          volumes: [{ name: "tmp", emptyDir: {} }],
          containers: [{ name: "c", image: "busybox", volumeMounts: [{ name: "tmp", mountPath: "/tmp" }] }],
        },
      },
    });
    await waitFor(
      "the pod running",
      () => core.readNamespacedPod({ namespace: "scratch", name: "scratchpad" }),
      (p) => p.status?.phase === "Running",
    );
    await transitionNode(ops(), "dc1-c1", target, { to: "OFFLINE", reason: "firmware" });
    const blocked = await waitFor(
      "the drain to stop",
      () => node(target),
      (d) => d.transitions[0]?.result === "FAILED",
    );
    expect(blocked.transitions[0]!.detail!.blocked).toEqual([
      { pod: "scratch/scratchpad", reason: "localStorage", message: expect.stringContaining("emptyDir") },
    ]);
    // Let the blocked drain be retried a few times first: every pass must keep the retries going.
    await new Promise((r) => setTimeout(r, 4_000));
    await core.deleteNamespacedPod({ namespace: "scratch", name: "scratchpad", gracePeriodSeconds: 0 });
    const done = await waitFor(
      "the drain to finish",
      () => node(target),
      (d) => d.transitions[0]?.result === "SUCCEEDED",
      60_000,
    );
    expect(done.transitions[0]!.detail?.blocked).toBeUndefined();
    await transitionNode(ops(), "dc1-c1", target, { to: "ONLINE", reason: "firmware done" });
    await waitFor(
      "the node back in service",
      () => node(target),
      (d) => d.transitions[0]?.result === "SUCCEEDED" && !d.unschedulable,
    );
  });

  it("keeps each node's pod count as pods are created, deleted and bound elsewhere; sort=podCount orders by it", { timeout: 60_000 }, async () => {
    const online = (await listNodes(ops(), { cluster: "dc1-c1", status: "ONLINE", sort: "name" })).items.map((n) => n.name);
    const [a, b] = online as [string, string];
    const pin = (podName: string, nodeName: string) =>
      core.createNamespacedPod({
        namespace: "scratch",
        body: { metadata: { name: podName }, spec: { nodeName, containers: [{ name: "c", image: "busybox" }] } },
      });
    // What the cluster says runs on each node (unfinished pods), against what Capstan stores.
    const live = async () => {
      const counts = new Map<string, number>();
      for (const p of (await core.listPodForAllNamespaces()).items)
        if (p.spec?.nodeName && !["Succeeded", "Failed"].includes(p.status?.phase ?? "")) counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
      return counts;
    };
    const stored = async () => new Map((await listNodes(ops(), { cluster: "dc1-c1", pageSize: 100 })).items.map((n) => [n.name, n.podCapacity.count]));
    const matches = async () => {
      const [l, s] = await Promise.all([live(), stored()]);
      return [...s].every(([n, c]) => c === (l.get(n) ?? 0)) ? s : null;
    };
    await waitFor(
      "the earlier DaemonSet's pods gone",
      () => core.listNamespacedPod({ namespace: "scratch", labelSelector: "app=agent" }),
      (l) => l.items.length === 0,
    );
    const base = (await waitFor("pod counts to match the cluster", matches, (m) => m !== null))!;
    for (const p of ["c1", "c2", "c3"]) await pin(p, a);
    await pin("d1", b);
    const first = await waitFor("the new pods counted", matches, (m) => m !== null && m.get(a) === base.get(a)! + 3 && m.get(b) === base.get(b)! + 1);
    const detail = await node(a);
    expect(detail.podCapacity.count).toBe(first!.get(a));
    expect(detail.podCapacity.count).toBe(detail.pods.filter((p) => !["Succeeded", "Failed"].includes(p.phase)).length);

    // Deleted pods leave the count; a pod of the same name bound to another node moves its count there.
    for (const p of ["c1", "c2"]) await core.deleteNamespacedPod({ namespace: "scratch", name: p, gracePeriodSeconds: 0 });
    await waitFor(
      "c1 and c2 gone",
      () => core.listNamespacedPod({ namespace: "scratch" }),
      (l) => !l.items.some((p) => ["c1", "c2"].includes(p.metadata!.name!)),
    );
    await pin("c1", b);
    await waitFor("pod counts to match again", matches, (m) => m !== null && m.get(a) === base.get(a)! + 1 && m.get(b) === base.get(b)! + 2);

    const desc = (await listNodes(ops(), { cluster: "dc1-c1", sort: "podCount", order: "desc", pageSize: 100 })).items.map((n) => n.podCapacity.count);
    expect(desc).toEqual([...desc].sort((x, y) => y - x));
    expect(new Set(desc).size).toBeGreaterThan(1); // the sort has something to sort on
    const asc = await listNodes(ops(), { cluster: "dc1-c1", sort: "podCount", order: "asc", pageSize: 1 });
    expect(asc.items[0]!.podCapacity.count).toBe(Math.min(...desc));
  });
});
