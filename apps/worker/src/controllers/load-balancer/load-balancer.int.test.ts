// The load-balancer controller against the simulator on its loopback pod network, where LB pods run the real
// haproxy: a balancer's ConfigMap, Deployment and Service applied and repaired, requests flowing through it to
// its member group's pods (also through the Service's external address), the group's new pods followed, a fault on the row and cleared, drains ended, and
// deletion (objects, pods, then the row).
import { reconcile } from "@capstan/db/kinds";
import { haproxyBackendName, lbObjectName } from "@capstan/domain";
import { HaproxyRuntime } from "@capstan/orchestrator";
import type { Sim } from "@capstan/sim";
import { createGroup, scaleGroup } from "@capstan/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../../../../packages/usecases/src/testing/fixtures";
import { podGet } from "../../../../../packages/sim/src/network/testing";
import { resync } from "../../resync";
import { admitNodes, simulatedWorld, waitFor } from "../../testing";
import { startWorker } from "../../worker";
import { controllers } from "../index";
import { reconcileSystem } from "../system/reconcile";

let sim: Sim;
let world: World;
let k8s: Awaited<ReturnType<typeof simulatedWorld>>["k8s"];
let worker: Awaited<ReturnType<typeof startWorker>>;
let lb: { id: string; clusterId: string };
const PORT = 8088;
// The simulator's loopback pod network: the worker reaches LB pods' runtime API there (docs/security/outbound.md).
process.env.CAPSTAN_POD_NETWORKS = "127.0.0.0/8";

const row = () => world.db.loadBalancer.findUnique({ where: { id: lb.id } });
const configMap = () => k8s.core.readNamespacedConfigMap({ name: lbObjectName("front"), namespace: "shop" });
const lbPodIps = async () =>
  (await k8s.core.listNamespacedPod({ namespace: "shop", labelSelector: "capstan.io/load-balancer=front" })).items
    .filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") && !p.metadata?.deletionTimestamp)
    .map((p) => p.status!.podIP!);
const podsOf = async (group: string) => (await world.db.pod.findMany({ where: { group: { name: group } }, orderBy: { name: "asc" } })).filter((p) => p.ready);
const webPods = () => podsOf("web");
/** Who answered each of `n` requests sent through the balancer's first ready pod (or `ip`): a pod's name, or what failed. */
async function answeredBy(n: number, ip?: string): Promise<string[]> {
  ip ??= (await lbPodIps())[0];
  const names: string[] = [];
  for (let i = 0; i < n; i++)
    names.push(
      await podGet(ip!, PORT, "/", 5_000).then(
        ({ status, body }) => (status === 200 ? (/"pod":"([^"]+)"/.exec(body)?.[1] ?? body) : `status ${status}`),
        (e: Error) => `failed: ${e.message}`,
      ),
    );
  return names;
}

/** A change of the balancer's spec, as a use case makes it: a new generation, and a reconcile requested. */
async function changed() {
  await world.db.loadBalancer.update({ where: { id: lb.id }, data: { generation: { increment: 1 } } });
  await reconcile.loadBalancer(world.db, lb);
}
/** Every ready LB pod runs the balancer's generation. */
const converged = () => waitFor("the generation applied", row, (r) => r!.observedGeneration === r!.generation && !r!.lastError, 30_000);

beforeAll(async () => {
  const env = await simulatedWorld({ podNetwork: "loopback", timings: { startMs: 0, probeScale: 0 } });
  ({ sim, world, k8s } = env);
  worker = await startWorker(env.db, env.url, { concurrency: 2, inventoryEveryMs: 500, resyncMinutes: 0, log: () => {} });
  await admitNodes(world, 6, 60_000);
  await createGroup(world.as.developer, "shop", "storefront", { name: "web", dataCentre: "dc1", imageTag: "1.0", replicas: 2, cpu: "50m", memory: "64Mi" });
  await waitFor("two web pods ready", webPods, (ps) => ps.length === 2 && ps.every((p) => p.ip), 30_000);
  const group = await world.db.group.findFirstOrThrow({ where: { name: "web" }, include: { application: true } });
  const created = await world.db.loadBalancer.create({
    data: {
      applicationId: group.applicationId,
      dataCentreId: group.dataCentreId,
      clusterId: group.clusterId,
      name: "front",
      replicas: 2,
      port: PORT,
      algorithm: "roundrobin",
      healthCheck: { path: "/healthz", intervalSeconds: 1, rise: 1, fall: 2 },
      timeouts: { connectSeconds: 5, clientSeconds: 30, serverSeconds: 30 },
      members: { create: [{ groupId: group.id, weight: 100 }] },
    },
  });
  lb = { id: created.id, clusterId: created.clusterId };
  await reconcile.loadBalancer(world.db, lb);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await sim?.stop();
});

describe("the load-balancer controller", () => {
  it("applies the balancer, runs its generation on every LB pod, and requests flow to the group's pods", { timeout: 90_000 }, async () => {
    const applied = await waitFor("the balancer applied", row, (r) => r?.readyReplicas === 2 && r.observedGeneration === r.generation && !r.lastError, 60_000);
    expect(applied!.dataPlane).toBe(true);
    const cm = await configMap();
    const pods = (await webPods()).map((p) => p.name);
    for (const p of pods) expect(cm.data!["haproxy.cfg"]).toContain(`server ${p} `);
    const d = await k8s.apps.readNamespacedDeployment({ name: "lb-front", namespace: "shop" });
    expect(d.spec?.template.spec?.containers[0]?.image).toBe("haproxy:2.6");
    await k8s.core.readNamespacedService({ name: "lb-front", namespace: "shop" });
    const answered = await waitFor(
      "both web pods answer through haproxy",
      () => answeredBy(20),
      (names) => new Set(names).size === 2,
      20_000,
    );
    expect(new Set(answered)).toEqual(new Set(pods));
  });

  it("follows the member group's pods: a new pod is a backend and gets requests", { timeout: 90_000 }, async () => {
    await scaleGroup(world.as.developer, "shop", "storefront", "web", { replicas: 3 });
    const pods = await waitFor("three web pods", webPods, (ps) => ps.length === 3 && ps.every((p) => p.ip), 30_000);
    await waitFor("the new pod in the configuration", configMap, (cm) => pods.every((p) => cm.data!["haproxy.cfg"]!.includes(`server ${p.name} `)), 30_000);
    const names = pods.map((p) => p.name);
    await waitFor(
      "every pod answers through haproxy",
      () => answeredBy(30),
      (got) => got.every((n) => names.includes(n)) && new Set(got).size === 3,
      30_000,
    );
  });

  it("splits 1,000 requests 3:1 between two groups by their weights, within ±5 %", { timeout: 120_000 }, async () => {
    await createGroup(world.as.developer, "shop", "storefront", {
      name: "canary",
      dataCentre: "dc1",
      imageTag: "1.1",
      replicas: 1,
      cpu: "50m",
      memory: "64Mi",
    });
    const [canary] = await waitFor(
      "the canary pod ready",
      () => podsOf("canary"),
      (ps) => ps.length === 1 && !!ps[0]!.ip,
      30_000,
    );
    const groups = await world.db.group.findMany({ where: { name: { in: ["web", "canary"] } } });
    await world.db.loadBalancerMember.update({
      where: { loadBalancerId_groupId: { loadBalancerId: lb.id, groupId: groups.find((g) => g.name === "web")!.id } },
      data: { weight: 3 },
    });
    await world.db.loadBalancerMember.create({ data: { loadBalancerId: lb.id, groupId: groups.find((g) => g.name === "canary")!.id, weight: 1 } });
    await changed();
    await waitFor("the canary in the configuration", configMap, (cm) => cm.data!["haproxy.cfg"]!.includes(`server ${canary!.name} `), 30_000);
    await converged();
    const names = await answeredBy(1000);
    const web = new Set((await webPods()).map((p) => p.name));
    expect(names.filter((n) => !web.has(n) && n !== canary!.name)).toEqual([]);
    const share = names.filter((n) => web.has(n)).length / names.length;
    expect(Math.abs(share - 0.75)).toBeLessThanOrEqual(0.05);
  });

  it("the stats of the runtime API match the requests sent", { timeout: 60_000 }, async () => {
    const [ip] = await lbPodIps();
    const spec = { name: "front" };
    const total = async () =>
      (await new HaproxyRuntime(ip!).stats()).filter((s) => s.backend === haproxyBackendName(spec)).reduce((n, s) => n + s.totalSessions, 0);
    const before = await total();
    expect((await answeredBy(100, ip)).filter((n) => n.startsWith("failed") || n.startsWith("status"))).toEqual([]);
    expect((await total()) - before).toBe(100);
  });

  it("a pod taken out gets no new request, while a slow request in flight to it completes", { timeout: 60_000 }, async () => {
    const [ip] = await lbPodIps();
    const runtime = new HaproxyRuntime(ip!);
    const servers = async () => (await runtime.stats()).filter((s) => s.backend === haproxyBackendName({ name: "front" }));
    const slow = podGet(ip!, PORT, "/?sleep=3000", 10_000);
    const busy = await waitFor("the slow request in flight", servers, (ss) => ss.some((s) => s.currentSessions === 1), 5_000);
    const pod = busy.find((s) => s.currentSessions === 1)!.server;
    await world.db.loadBalancerPodState.create({ data: { loadBalancerId: lb.id, podName: pod, state: "DRAINING", drainSeconds: 30 } });
    await reconcile.loadBalancer(world.db, lb);
    try {
      // How fast is the bench's figure (docs/load-balancers.md), not a timed test's.
      await waitFor("the pod draining in haproxy", servers, (ss) => /DRAIN|MAINT/.test(ss.find((s) => s.server === pod)!.status), 5_000);
      expect(await answeredBy(20, ip)).not.toContain(pod);
      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.body).toContain(`"pod":"${pod}"`);
      // Nothing in flight any more: out long before its 30 s.
      await waitFor(
        "the pod out",
        () => world.db.loadBalancerPodState.findFirst({ where: { loadBalancerId: lb.id, podName: pod } }),
        (s) => s?.state === "OUT",
        10_000,
      );
    } finally {
      // Put back whatever happened: the next tests count on every pod being in.
      await world.db.loadBalancerPodState.deleteMany({ where: { loadBalancerId: lb.id } });
      await reconcile.loadBalancer(world.db, lb);
    }
    await waitFor(
      "the pod back in",
      () => answeredBy(40, ip),
      (names) => names.includes(pod),
      10_000,
    );
  });

  it("a group taken out gets no request, and again once it is put back", { timeout: 60_000 }, async () => {
    const canary = await world.db.group.findFirstOrThrow({ where: { name: "canary" } });
    const [pod] = await podsOf("canary");
    const where = { loadBalancerId_groupId: { loadBalancerId: lb.id, groupId: canary.id } };
    await world.db.loadBalancerMember.update({ where, data: { state: "DRAINING", drainSeconds: 5, stateSince: new Date() } });
    await reconcile.loadBalancer(world.db, lb);
    try {
      await waitFor(
        "no request to the canary",
        () => answeredBy(40),
        (names) => !names.includes(pod!.name) && !names.some((n) => n.startsWith("failed")),
        10_000,
      );
      await waitFor(
        "the canary out",
        () => world.db.loadBalancerMember.findUnique({ where }),
        (m) => m?.state === "OUT",
        15_000,
      );
    } finally {
      await world.db.loadBalancerMember.update({ where, data: { state: "IN", drainSeconds: null, stateSince: new Date() } });
      await reconcile.loadBalancer(world.db, lb);
    }
    await waitFor(
      "the canary answers again",
      () => answeredBy(40),
      (names) => names.includes(pod!.name),
      10_000,
    );
  });

  it("a changed algorithm takes effect: source sends one client to one pod", { timeout: 60_000 }, async () => {
    await world.db.loadBalancer.update({ where: { id: lb.id }, data: { algorithm: "source" } });
    await changed();
    await converged();
    const [ip] = await lbPodIps();
    expect(new Set(await answeredBy(30, ip)).size).toBe(1);
    await world.db.loadBalancer.update({ where: { id: lb.id }, data: { algorithm: "roundrobin" } });
    await changed();
    await converged();
    expect(new Set(await answeredBy(30, ip)).size).toBeGreaterThan(1);
  });

  it("after one LB pod is killed, requests keep succeeding through the other", { timeout: 60_000 }, async () => {
    const [victim, other] = await lbPodIps();
    const pods = (await k8s.core.listNamespacedPod({ namespace: "shop", labelSelector: "capstan.io/load-balancer=front" })).items;
    const name = pods.find((p) => p.status?.podIP === victim)!.metadata!.name!;
    await k8s.core.deleteNamespacedPod({ name, namespace: "shop", gracePeriodSeconds: 0 });
    const names = await answeredBy(100, other);
    expect(names.filter((n) => n.startsWith("failed") || n.startsWith("status"))).toEqual([]);
    await waitFor("two LB pods ready again", row, (r) => r?.readyReplicas === 2, 30_000);
  });

  it("ends a pod's drain once nothing is in flight, and forgets the state of a pod that is gone", { timeout: 60_000 }, async () => {
    const [first] = await webPods();
    await world.db.loadBalancerPodState.create({ data: { loadBalancerId: lb.id, podName: first!.name, state: "DRAINING", drainSeconds: 300 } });
    await world.db.loadBalancerPodState.create({ data: { loadBalancerId: lb.id, podName: "web-gone-0", state: "OUT" } });
    await reconcile.loadBalancer(world.db, lb);
    // Nothing is in flight to it: OUT long before its 300 s.
    await waitFor(
      "the pod out and the gone pod's state removed",
      () => world.db.loadBalancerPodState.findMany({ where: { loadBalancerId: lb.id } }),
      (s) => s.length === 1 && s[0]!.podName === first!.name && s[0]!.state === "OUT",
      20_000,
    );
    const others = [...(await webPods()), ...(await podsOf("canary"))].map((p) => p.name).filter((n) => n !== first!.name);
    await waitFor(
      "requests reach only the pods still in",
      () => answeredBy(20),
      (names) => names.every((n) => others.includes(n)),
      20_000,
    );
    await world.db.loadBalancerPodState.deleteMany({ where: { loadBalancerId: lb.id } });
    await reconcile.loadBalancer(world.db, lb);
    await waitFor(
      "the pod back in",
      () => answeredBy(30),
      (names) => names.includes(first!.name),
      20_000,
    );
  });

  it("is repaired on resync, and the namespace's pruning leaves it alone", { timeout: 60_000 }, async () => {
    await k8s.apps.deleteNamespacedDeployment({ name: "lb-front", namespace: "shop" });
    await k8s.core.deleteNamespacedConfigMap({ name: "lb-front", namespace: "shop" });
    await resync(world.db, controllers());
    await waitFor("the Deployment back", () => k8s.apps.readNamespacedDeployment({ name: "lb-front", namespace: "shop" }).catch(() => null), Boolean, 30_000);
    await waitFor("the ConfigMap back", () => configMap().catch(() => null), Boolean, 30_000);
    const system = await world.db.system.findFirstOrThrow({ where: { name: "shop" } });
    await reconcileSystem(world.db, { systemId: system.id, clusterId: lb.clusterId });
    await k8s.apps.readNamespacedDeployment({ name: "lb-front", namespace: "shop" });
    await k8s.core.readNamespacedService({ name: "lb-front", namespace: "shop" });
  });

  it("records a fault on the row and clears it on the next success", { timeout: 60_000 }, async () => {
    sim.faults.set("dc1-c1", { errorRate: 1, errorCode: 500 });
    await reconcile.loadBalancer(world.db, lb);
    const failed = await waitFor("the failure recorded", row, (r) => !!r?.lastError, 20_000);
    expect(failed!.failedAttempts).toBeGreaterThan(0);
    sim.faults.clear("dc1-c1");
    await reconcile.loadBalancer(world.db, lb);
    await waitFor("the failure cleared", row, (r) => r?.lastError === null && r.failedAttempts === 0, 30_000);
  });

  it("runs nginx once its kind changes: every LB pod reports the rendered hash, and requests flow", { timeout: 120_000 }, async () => {
    await world.db.loadBalancer.update({ where: { id: lb.id }, data: { kind: "NGINX", algorithm: "round_robin" } });
    await changed();
    await waitFor("nginx running the generation", row, (r) => r!.observedGeneration === r!.generation && !r!.lastError && r!.readyReplicas === 2, 90_000);
    expect(Object.keys((await configMap()).data!)).toEqual(["nginx.conf"]);
    const members = [...(await webPods()), ...(await podsOf("canary"))].map((p) => p.name);
    const names = await answeredBy(20);
    expect(names.filter((n) => !members.includes(n))).toEqual([]);
  });

  it("in a data centre whose names point at the Service's address: requests to that address reach the group's pods", { timeout: 60_000 }, async () => {
    await world.db.dataCentre.update({ where: { name: "dc1" }, data: { dnsTarget: "SERVICE_ADDRESS" } });
    await changed();
    const address = await waitFor(
      "the Service's external address",
      async () => (await k8s.core.readNamespacedService({ name: "lb-front", namespace: "shop" })).status?.loadBalancer?.ingress?.[0]?.ip,
      (ip) => ip !== undefined,
      30_000,
    );
    const members = [...(await webPods()), ...(await podsOf("canary"))].map((p) => p.name);
    // the simulator forwards <address>:<port> to the ready LB pods, as MetalLB + kube-proxy would
    const names = await waitFor(
      "answers on the Service's address",
      () => answeredBy(20, address),
      (got) => got.every((n) => members.includes(n)),
      20_000,
    );
    expect(new Set(names).size).toBeGreaterThan(1);
    await world.db.dataCentre.update({ where: { name: "dc1" }, data: { dnsTarget: "POD_IPS" } });
  });

  it("when its deletion is requested, removes its objects, waits for its pods, then its row", { timeout: 60_000 }, async () => {
    await world.db.loadBalancer.update({ where: { id: lb.id }, data: { deletionRequestedAt: new Date() } });
    await reconcile.loadBalancer(world.db, lb);
    await waitFor("the row gone", row, (r) => r === null, 40_000);
    expect(await lbPodIps()).toEqual([]);
    await expect(k8s.apps.readNamespacedDeployment({ name: "lb-front", namespace: "shop" })).rejects.toThrow();
    await expect(configMap()).rejects.toThrow();
  });
});
