// The simulated HorizontalPodAutoscaler end to end: a Deployment follows a shared load between minReplicas
// and maxReplicas, scale-down waits for the stabilisation window, status, events and kubectl as the real.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { testSim, type TestSim, until, raw } from "../testing.js";
import type { Deployment, Event, HorizontalPodAutoscaler } from "../k8s/objects.js";

let sim: TestSim;
const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
})();
const NS = "default";
const api = (p: string, init?: { method?: string; body?: unknown }) =>
  raw({ url: sim.clusters[0].url, token: sim.clusters[0].token }, p, {
    method: init?.method,
    headers: { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
const create = async (path: string, body: unknown) => {
  const r = await api(path, { method: "POST", body });
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${r.text}`);
};
const deployment = (name: string, requests: Record<string, string> | undefined) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: NS },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "main", image: "nginx:1.25", resources: { requests } }] } },
  },
});
const hpa = (name: string, target: string, behavior?: unknown) => ({
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name, namespace: NS },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
    behavior,
  },
});
const getHpa = async (name: string): Promise<HorizontalPodAutoscaler> =>
  (await api(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/${name}`)).json();
const replicas = async (name: string): Promise<number> =>
  ((await api(`/apis/apps/v1/namespaces/${NS}/deployments/${name}`)).json() as Deployment).spec.replicas!;
const condition = (h: HorizontalPodAutoscaler, type: string) => h.status?.conditions?.find((c) => c.type === type);
const events = async (name: string): Promise<Event[]> =>
  (await api(`/api/v1/namespaces/${NS}/events?fieldSelector=involvedObject.name%3D${name}`)).json().items;

beforeAll(async () => {
  sim = await testSim({ nodes: 3 });
  await create(`/apis/apps/v1/namespaces/${NS}/deployments`, deployment("web", { cpu: "200m", memory: "64Mi" }));
  await create(
    `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`,
    hpa("web", "web", { scaleDown: { stabilizationWindowSeconds: 2 }, scaleUp: { stabilizationWindowSeconds: 0 } }),
  );
});
afterAll(() => sim.stop());

describe("the HorizontalPodAutoscaler", () => {
  it("holds an idle group at minReplicas and says the metric is valid", async () => {
    const h = await until(async () => {
      const x = await getHpa("web");
      return x.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization !== undefined && condition(x, "ScalingActive")?.status === "True" && x;
    }, 10_000);
    // idle: a fifth of the request, ±5 % noise
    expect(h.status!.currentMetrics![0].resource!.current.averageUtilization).toBeGreaterThanOrEqual(18);
    expect(h.status!.currentMetrics![0].resource!.current.averageUtilization).toBeLessThanOrEqual(22);
    expect(condition(h, "ScalingActive")).toMatchObject({
      reason: "ValidMetricFound",
      message: expect.stringContaining("cpu resource utilization (percentage of request)"),
    });
    expect(condition(h, "AbleToScale")?.status).toBe("True");
    expect(h.status).toMatchObject({ desiredReplicas: 1 });
    // the API server's defaults: the behaviour given is completed with the default policies
    expect(h.spec.behavior?.scaleUp?.policies).toEqual([
      { type: "Pods", value: 4, periodSeconds: 15 },
      { type: "Percent", value: 100, periodSeconds: 15 },
    ]);
    expect(await replicas("web")).toBe(1);
  });

  it("raising the shared load scales up to at most maxReplicas; lowering it scales down after the window", async () => {
    // the group's demand: 4 pods' requests; at a 50 % target that wants 8 replicas, capped at 5
    sim.faults.setLoad(sim.clusters[0].name, NS, "app=web", { cpuTotal: 4 });
    await until(async () => (await replicas("web")) === 5, 10_000, "5 replicas");
    const up = await until(async () => {
      const x = await getHpa("web");
      return x.status?.currentReplicas === 5 && x.status.currentMetrics?.[0]?.resource?.current?.averageUtilization !== undefined && x;
    }, 10_000);
    // 4 requests' worth over 5 pods: 80 % each (±5 %)
    expect(up.status!.currentMetrics![0].resource!.current.averageUtilization).toBeGreaterThanOrEqual(75);
    expect(up.status!.currentMetrics![0].resource!.current.averageUtilization).toBeLessThanOrEqual(85);
    expect(up.status!.lastScaleTime).toBeDefined();
    expect(condition(up, "ScalingLimited")).toMatchObject({ status: "True", reason: "TooManyReplicas" });
    const rescales = (await events("web")).filter((e) => e.reason === "SuccessfulRescale");
    expect(rescales.map((e) => e.message)).toContain("New size: 5; reason: cpu resource utilization (percentage of request) above target");
    expect(rescales[0].source?.component).toBe("horizontal-pod-autoscaler");
    // several syncs later it still never went beyond maxReplicas
    await new Promise((r) => setTimeout(r, 600));
    expect(await replicas("web")).toBe(5);

    // a tenth of a request each: the group wants 1 replica, but the last high recommendation holds for 2 s
    sim.faults.setLoad(sim.clusters[0].name, NS, "app=web", { cpuTotal: 0.5 });
    const lowered = Date.now();
    const held = await until(
      async () => {
        const x = await getHpa("web");
        return condition(x, "AbleToScale")?.reason === "ScaleDownStabilized" && x;
      },
      5000,
      "ScaleDownStabilized",
    );
    expect(held.status!.desiredReplicas).toBe(5);
    expect(await replicas("web")).toBe(5);
    await until(async () => (await replicas("web")) === 1, 10_000, "back to 1 replica");
    // the window (2 s) counts from the last high recommendation, at most one sync (200 ms) before the change
    expect(Date.now() - lowered).toBeGreaterThanOrEqual(1700);
    const down = await getHpa("web");
    expect(down.status!.desiredReplicas).toBe(1);
    expect((await events("web")).map((e) => e.message)).toContain("New size: 1; reason: All metrics below target");
  });

  it("a target without CPU requests: ScalingActive False, FailedGetResourceMetric, no scaling", async () => {
    await create(`/apis/apps/v1/namespaces/${NS}/deployments`, deployment("bare", undefined));
    await create(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, hpa("bare", "bare"));
    // until its pod exists the complaint is "no pods returned by selector", as the real one's
    const h = await until(async () => {
      const x = await getHpa("bare");
      return condition(x, "ScalingActive")?.message?.includes("missing request") && x;
    }, 10_000);
    expect(condition(h, "ScalingActive")).toMatchObject({
      reason: "FailedGetResourceMetric",
      message: expect.stringMatching(
        /^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container main of Pod bare-/,
      ),
    });
    const ev = await until(async () => (await events("bare")).find((e) => e.reason === "FailedGetResourceMetric"));
    expect(ev.type).toBe("Warning");
    expect(await replicas("bare")).toBe(1);
  });

  it("a missing target: AbleToScale False, FailedGetScale", async () => {
    await create(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, hpa("ghost", "nope"));
    const h = await until(async () => {
      const x = await getHpa("ghost");
      return condition(x, "AbleToScale")?.status === "False" && x;
    }, 10_000);
    expect(condition(h, "AbleToScale")).toMatchObject({
      reason: "FailedGetScale",
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "nope" not found`,
    });
    const ev = await until(async () => (await events("ghost")).find((e) => e.reason === "FailedGetScale"));
    expect(ev.type).toBe("Warning");
  });

  it.skipIf(!hasKubectl)("kubectl get hpa and kubectl describe hpa", async () => {
    const get = await sim.kubectl(["get", "hpa", "web"]);
    expect(get.stderr).toBe("");
    expect(get.stdout).toMatch(/NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE/);
    expect(get.stdout).toMatch(/web\s+Deployment\/web\s+cpu: \d+%\/50%\s+1\s+5\s+1\s+\d+s/);
    const d = await sim.kubectl(["describe", "hpa", "web"]);
    expect(d.stderr).toBe("");
    expect(d.stdout).toMatch(/Reference:\s+Deployment\/web/);
    expect(d.stdout).toMatch(/Min replicas:\s+1/);
    expect(d.stdout).toMatch(/Max replicas:\s+5/);
    expect(d.stdout).toMatch(/AbleToScale\s+True/);
    expect(d.stdout).toMatch(/ScalingActive\s+True\s+ValidMetricFound/);
    expect(d.stdout).toMatch(/SuccessfulRescale\s+.*New size: 5; reason: cpu resource utilization \(percentage of request\) above target/);
  });
});
