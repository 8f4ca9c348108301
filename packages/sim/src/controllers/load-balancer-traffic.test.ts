// On the loopback pod network a LoadBalancer Service's external address carries traffic, as MetalLB +
// kube-proxy make it: a request to <external address>:<port> reaches the group's pods through the real haproxy
// LB pods; it keeps flowing when an LB pod is killed; deleting the Service frees the address.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, testSim, until, type TestSim } from "../testing.js";
import type { Pod, Service } from "../k8s/objects.js";
import { podGet, refusal } from "../network/testing.js";
import { LB_KIND_ANNOTATION } from "./data-plane.js";

let sim: TestSim;
const NS = "shop";
const store = () => sim.clusters[0].store;
const LABELS = { "capstan.io/load-balancer": "front" };

beforeAll(async () => {
  sim = await testSim({ nodes: 2, podNetwork: "loopback" });
  store().create("namespaces", { metadata: { name: NS } });
  for (const name of ["web-a", "web-b"])
    store().create("pods", {
      metadata: { name, namespace: NS, labels: { "capstan.io/group": name } },
      spec: { containers: [{ name: "app", image: "web:1", ports: [{ containerPort: 8080 }] }] },
    });
  const backends = await until(
    () => {
      const ips = ["web-a", "web-b"].map((n) => (store().get("pods", NS, n) as Pod | undefined)?.status?.podIP);
      return ips.every(Boolean) && (ips as string[]);
    },
    5000,
    "the group's pods",
  );
  store().create("configmaps", { metadata: { name: "lb-front", namespace: NS }, data: { "haproxy.cfg": haproxyCfg(backends) } });
  store().create("apps/deployments", {
    metadata: { name: "lb-front", namespace: NS },
    spec: {
      replicas: 2,
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS, annotations: { [LB_KIND_ANNOTATION]: "haproxy" } },
        spec: {
          containers: [
            {
              name: "haproxy",
              image: "haproxy:2.6",
              ports: [{ containerPort: 8000 }],
              volumeMounts: [{ name: "config", mountPath: "/usr/local/etc/haproxy" }],
            },
          ],
          volumes: [{ name: "config", configMap: { name: "lb-front" } }],
        },
      },
    },
  });
  store().create("services", {
    metadata: { name: "lb-front", namespace: NS },
    spec: { type: "LoadBalancer", selector: LABELS, ports: [{ port: 80, targetPort: 8000 }] },
  });
}, 30_000);
afterAll(async () => {
  await sim?.stop();
});

const haproxyCfg = (servers: string[]) =>
  [
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 10s",
    "  timeout server 10s",
    "frontend fe",
    "  bind :8000",
    "  default_backend be",
    "backend be",
    "  balance roundrobin",
    ...servers.map((ip, i) => `  server s${i} ${ip}:8080`),
    "",
  ].join("\n");

/** The pods that answered `n` requests to ip:80, each on a new connection; every request must succeed. */
async function spread(ip: string, n = 10) {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await podGet(ip, 80);
    expect(r.status).toBe(200);
    seen.add(JSON.parse(r.body).pod);
  }
  return [...seen].sort();
}

const external = () => (store().get("services", NS, "lb-front") as Service | undefined)?.status?.loadBalancer?.ingress?.[0]?.ip;
const readyLbPods = () =>
  ((store().get("endpoints", NS, "lb-front") as { subsets?: { addresses?: unknown[] }[] } | undefined)?.subsets?.[0]?.addresses ?? []).length;

describe("a LoadBalancer Service's external address", () => {
  let ip: string;

  it("is in the cluster's own leased range, outside every node's pod /24", async () => {
    ip = await until(external, 5000, "the Service's external address");
    const octet = sim.clusters[0].opts.loopbackOctet;
    expect(ip).toMatch(new RegExp(`^127\\.${octet}\\.255\\.([1-9]|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-3])$`));
  });

  it("reaches the group's pods through the LB pods", async () => {
    await until(() => readyLbPods() === 2, 10_000, "two ready LB pods");
    expect(await until(() => spread(ip).catch(() => undefined), 10_000, "answers on the external address")).toEqual(["web-a", "web-b"]);
  }, 30_000);

  it("keeps carrying traffic when an LB pod is killed", async () => {
    const [gone] = (store().objects("pods", NS) as Pod[]).filter((p) => p.metadata.labels?.["capstan.io/load-balancer"] === "front");
    const del = await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/${gone!.metadata.name}?gracePeriodSeconds=0`, { method: "DELETE" });
    expect(del.status).toBe(200);
    // no wait: the requests start while the Endpoints may still list the killed pod
    expect(await spread(ip, 20)).toEqual(["web-a", "web-b"]);
  }, 30_000);

  it("resets connections while the Service has no ready endpoint", async () => {
    store().update("configmaps", { ...store().get("configmaps", NS, "lb-front"), data: { "haproxy.cfg": "frontend fe\n  no-such-keyword\n" } });
    for (const p of (store().objects("pods", NS) as Pod[]).filter((p) => p.metadata.labels?.["capstan.io/load-balancer"] === "front"))
      await raw(sim.clusters[0], `/api/v1/namespaces/${NS}/pods/${p.metadata.name}?gracePeriodSeconds=0`, { method: "DELETE" });
    await until(() => readyLbPods() === 0 && sim.clusters[0].controllers!.forwarders!.listening(`${NS}/lb-front`).includes(80), 10_000, "no ready LB pod");
    expect(await refusal(ip, 80)).toBe("ECONNRESET");
  }, 30_000);

  it("is freed when the Service is deleted", async () => {
    store().remove("services", NS, "lb-front");
    expect(await until(async () => (await refusal(ip, 80)) === "ECONNREFUSED", 5000, "nothing listening")).toBe(true);
    // free for another listener (the next Service given the address)
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(80, ip, resolve));
    await new Promise((r) => server.close(r));
  });
});
