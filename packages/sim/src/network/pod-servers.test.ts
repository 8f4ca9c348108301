// The loopback pod network: ordinary pods get 127.x IPs and answer HTTP on their container ports with
// their name, group and image; the readiness path follows the simulated Ready condition; serving stops
// when the pod terminates (a request in flight finishes) and when its node is killed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSim, until, raw, type TestSim } from "../testing.js";
import type { Pod } from "../k8s/objects.js";
import { podGet, refusal } from "./testing.js";

let sim: TestSim;
const NS = "web";

beforeAll(async () => {
  sim = await testSim({ nodes: 3, clustersPerDc: 2, podNetwork: "loopback" });
  sim.clusters[0].store.create("namespaces", { metadata: { name: NS } });
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

/** A pod of group `group` serving on 8080, ready `delaySeconds` × probeScale (0.05) after it starts. */
function pod(name: string, group: string, delaySeconds = 0) {
  sim.clusters[0].store.create("pods", {
    metadata: { name, namespace: NS, labels: { "capstan.io/group": group } },
    spec: {
      containers: [
        {
          name: "app",
          image: `registry.example/shop/${group}:1.0`,
          ports: [{ containerPort: 8080 }],
          readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: delaySeconds },
        },
      ],
    },
  });
  return until(() => {
    const p: Pod | undefined = sim.clusters[0].store.get("pods", NS, name);
    return p?.status?.phase === "Running" && p;
  });
}
const isReady = (name: string) => {
  const p: Pod | undefined = sim.clusters[0].store.get("pods", NS, name);
  return p?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
};

describe("loopback pod network", () => {
  it("pods get loopback IPs and answer with their name, group and image; readiness follows the pod's", async () => {
    const p = await pod("a-1", "a", 40); // ready after 2 s
    const ip = p.status!.podIP!;
    expect(ip).toMatch(/^127\.([1-9]\d*)\.\d+\.\d+$/);
    const hello = await until(() => podGet(ip, 8080, "/anything"));
    expect(hello.status).toBe(200);
    expect(JSON.parse(hello.body)).toEqual({ pod: "a-1", namespace: NS, group: "a", image: "registry.example/shop/a:1.0", ip, port: 8080 });
    expect(isReady("a-1")).toBe(false);
    expect((await podGet(ip, 8080, "/healthz")).status).toBe(503);
    await until(() => isReady("a-1"), 10_000, "a-1 ready");
    expect((await podGet(ip, 8080, "/healthz")).status).toBe(200);
  });

  it("pods have distinct addresses, from node ranges unique across clusters", async () => {
    const cidrs = sim.clusters.flatMap((c) => c.store.objects("nodes").map((n: { spec: { podCIDR: string } }) => n.spec.podCIDR));
    expect(cidrs).toHaveLength(6);
    expect(new Set(cidrs).size).toBe(6);
    for (const c of cidrs) expect(c).toMatch(/^127\.([1-9]\d*)\.\d+\.0\/24$/);
    // one 127.<octet>.0.0/16 per cluster
    const octet = (cidr: string) => cidr.split(".")[1];
    expect(new Set(cidrs.map(octet)).size).toBe(2);
    const [b, c] = await Promise.all([pod("b-1", "b"), pod("b-2", "b")]);
    expect(b.status!.podIP).not.toBe(c.status!.podIP);
    expect(JSON.parse((await podGet(c.status!.podIP!, 8080)).body).pod).toBe("b-2");
  });

  it("a deleted pod stops accepting connections while a slow request in flight completes", async () => {
    const p = await pod("d-1", "d");
    const ip = p.status!.podIP!;
    await until(() => podGet(ip, 8080));
    const t0 = Date.now();
    const slow = podGet(ip, 8080, "/?sleep=1500");
    await new Promise((r) => setTimeout(r, 200)); // the request is in flight
    const del = await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/d-1`, { method: "DELETE" });
    expect(del.status).toBe(200);
    await until(() => !sim.clusters[0].store.get("pods", NS, "d-1"), 5000, "d-1 gone");
    expect(await refusal(ip, 8080)).toBe("ECONNREFUSED");
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).pod).toBe("d-1");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
  });

  it("a killed node's pods stop answering; revived, they answer again", async () => {
    const p = await pod("k-1", "k");
    const ip = p.status!.podIP!;
    await until(() => podGet(ip, 8080));
    sim.faults.killNode(sim.clusters[0].name, p.spec.nodeName!);
    expect(await refusal(ip, 8080)).toBe("ECONNREFUSED");
    sim.faults.reviveNode(sim.clusters[0].name, p.spec.nodeName!);
    // revival is noticed through the node's lease (FAST: every 200 ms), then the kubelet resyncs
    await until(() => podGet(ip, 8080), 10_000, "k-1 answering again");
  });
});

describe("traffic costs CPU", () => {
  it("each request/s a pod served over the last window adds 5 millicores to its usage; probes cost nothing", async () => {
    const c = sim.clusters[0];
    c.store.create("pods", {
      metadata: { name: "busy-1", namespace: NS, labels: { "capstan.io/group": "busy" } },
      spec: {
        containers: [
          {
            name: "app",
            image: "registry.example/shop/busy:1.0",
            ports: [{ containerPort: 8080 }],
            resources: { requests: { cpu: "100m" } },
            readinessProbe: { httpGet: { path: "/healthz", port: 8080 } },
          },
        ],
      },
    });
    const p = await until(() => {
      const x: Pod | undefined = c.store.get("pods", NS, "busy-1");
      return x?.status?.phase === "Running" && x;
    });
    const ip = p.status!.podIP!;
    await until(() => podGet(ip, 8080, "/healthz"));
    /** millicores of the pod's container as metrics.k8s.io serves it */
    const usage = async () => {
      const m = (await raw({ url: c.url, token: c.token }, `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods/busy-1`)).json();
      return Number(m.containers[0].usage.cpu.replace(/n$/, "")) / 1e6;
    };
    // idle: a fifth of 100m (±5 %); the probe requests above are not traffic
    expect(await usage()).toBeLessThan(22);
    // 150 requests in the 15 s window: 10 requests/s, 50 millicores more
    for (let i = 0; i < 150; i++) expect((await podGet(ip, 8080, `/work/${i}`)).status).toBe(200);
    const busy = await usage();
    expect(busy).toBeGreaterThan(65);
    expect(busy).toBeLessThan(73);
  });
});
