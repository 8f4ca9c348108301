// metrics.k8s.io against the real kubectl (`kubectl top`) and the load model behind it.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { testSim, type TestSim, until, raw } from "../testing.js";

let sim: TestSim;
const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();
const ok = async (args: string[]) => {
  const r = await sim.kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
};
const api = (p: string) => raw({ url: sim.clusters[0].url, token: sim.clusters[0].token }, p);
/** millicores from a metrics-server CPU figure ("123456789n") */
const milli = (q: string) => Number(q.replace(/n$/, "")) / 1e6;
interface Named {
  metadata: { name: string };
  spec: { nodeName: string };
  containers: { usage: { cpu: string } }[];
}

beforeAll(async () => {
  sim = await testSim({ nodes: 2 });
  const deployment = (name: string) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: "main", image: "nginx:1.25", resources: { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "1", memory: "256Mi" } } }],
        },
      },
    },
  });
  for (const name of ["web", "worker"])
    await raw({ url: sim.clusters[0].url, token: sim.clusters[0].token }, "/apis/apps/v1/namespaces/default/deployments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(deployment(name)),
    });
  await until(async () => (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods")).json().items.length === 4, 10_000, "4 running pods");
});
afterAll(() => sim.stop());

describe("metrics.k8s.io", () => {
  it("is discovered and answers pod and node metrics as metrics-server does", async () => {
    const groups = (await api("/apis")).json().groups.map((g: { name: string }) => g.name);
    expect(groups).toContain("metrics.k8s.io");
    const list = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb")).json();
    expect(list.kind).toBe("PodMetricsList");
    expect(list.items).toHaveLength(2);
    const item = list.items[0];
    expect(item.window).toBe("15s");
    expect(item.metadata.labels.app).toBe("web");
    expect(item.containers[0].usage.cpu).toMatch(/^\d+n$/);
    expect(item.containers[0].usage.memory).toMatch(/^\d+Ki$/);
    // idle: a fifth of the 500m request, ±5 %
    expect(milli(item.containers[0].usage.cpu)).toBeGreaterThan(90);
    expect(milli(item.containers[0].usage.cpu)).toBeLessThan(110);
    const one = (await api(`/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${item.metadata.name}`)).json();
    expect(one.kind).toBe("PodMetrics");
    expect((await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope")).status).toBe(404);
    const nodes = (await api("/apis/metrics.k8s.io/v1beta1/nodes")).json();
    expect(nodes.kind).toBe("NodeMetricsList");
    expect(nodes.items).toHaveLength(2);
  });

  it("a node uses the sum of its pods plus its system's overhead", async () => {
    const pods = (await api("/apis/metrics.k8s.io/v1beta1/pods")).json().items;
    const podList = (await api("/api/v1/namespaces/default/pods")).json().items;
    const nodeOf = new Map<string, string>(podList.map((p: Named) => [p.metadata.name, p.spec.nodeName]));
    const nodes = (await api("/apis/metrics.k8s.io/v1beta1/nodes")).json().items;
    for (const n of nodes) {
      const sum = pods
        .filter((p: Named) => nodeOf.get(p.metadata.name) === n.metadata.name)
        .reduce((a: number, p: Named) => a + milli(p.containers[0].usage.cpu), 0);
      const node = (await api(`/api/v1/nodes/${n.metadata.name}`)).json();
      const overhead = Number(node.status.capacity.cpu) * 1000 * 0.05;
      // the two reads may fall in different 15 s windows: the noise is ±5 %
      expect(milli(n.usage.cpu)).toBeGreaterThan((sum + overhead) * 0.9);
      expect(milli(n.usage.cpu)).toBeLessThan((sum + overhead) * 1.1);
    }
  });

  it("raising a group's load raises its pods' usage, capped at the CPU limit; others stay idle", async () => {
    sim.faults.setLoad(sim.clusters[0].name, "default", "app=web", { cpu: 1.5 });
    const web = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb")).json().items;
    for (const p of web) expect(milli(p.containers[0].usage.cpu)).toBeGreaterThan(700);
    sim.faults.setLoad(sim.clusters[0].name, "default", "app=web", { cpu: 5 });
    const capped = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb")).json().items;
    for (const p of capped) expect(milli(p.containers[0].usage.cpu)).toBe(1000);
    const worker = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dworker")).json().items;
    for (const p of worker) expect(milli(p.containers[0].usage.cpu)).toBeLessThan(110);
    sim.faults.clearLoad(sim.clusters[0].name);
  });

  it("a shared load is divided among the group's serving pods", async () => {
    // 1.6 requests' worth over web's 2 pods: 0.8 × 500m each
    sim.faults.setLoad(sim.clusters[0].name, "default", "app=web", { cpuTotal: 1.6 });
    const web = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb")).json().items;
    for (const p of web) expect(milli(p.containers[0].usage.cpu)).toBeGreaterThan(380);
    for (const p of web) expect(milli(p.containers[0].usage.cpu)).toBeLessThan(420);
    expect(() => sim.faults.setLoad(sim.clusters[0].name, "default", "app=web", { cpu: 1, cpuTotal: 2 })).toThrow("not both");
    sim.faults.clearLoad(sim.clusters[0].name);
  });

  it("the admin endpoint sets the load", async () => {
    const post = (body: unknown) => fetch(`${sim.adminUrl}/faults`, { method: "POST", body: JSON.stringify(body) });
    expect((await post({ action: "setLoad", target: sim.clusters[0].name, namespace: "default", labelSelector: "app=worker", cpu: 1 })).status).toBe(200);
    const worker = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dworker")).json().items;
    for (const p of worker) expect(milli(p.containers[0].usage.cpu)).toBeGreaterThan(450);
    expect((await post({ action: "setLoad", target: sim.clusters[0].name, namespace: "default", cpu: -1 })).status).toBe(400);
    expect((await post({ action: "setLoad", target: sim.clusters[0].name, namespace: "default", labelSelector: "app=worker", cpuTotal: 6 })).status).toBe(200);
    const shared = (await api("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dworker")).json().items;
    for (const p of shared) expect(milli(p.containers[0].usage.cpu)).toBe(1000); // 3 requests each, capped at the 1-core limit
    await post({ action: "clearLoad", target: sim.clusters[0].name });
  });

  it.skipIf(!hasKubectl)("kubectl top pod and kubectl top node work", async () => {
    const pods = await ok(["top", "pod", "-l", "app=web"]);
    expect(pods).toMatch(/NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/);
    expect(pods).toMatch(/web-\S+\s+\d+m\s+\d+Mi/);
    expect(pods.trim().split("\n")).toHaveLength(3);
    const all = await ok(["top", "pod", "-A"]);
    expect(all).toContain("worker-");
    const nodes = await ok(["top", "node"]);
    expect(nodes).toMatch(/NAME\s+CPU\(cores\)\s+CPU(%|\(%\))\s+MEMORY\(bytes\)\s+MEMORY(%|\(%\))/);
    expect(nodes.trim().split("\n")).toHaveLength(3);
  });
});
