// Fault injection through the library API and the admin HTTP endpoint.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import https from "node:https";
import * as k8s from "@kubernetes/client-node";
import { testSim, type TestSim, raw, until } from "./testing.js";
import { CA_PEM } from "./k8s/apiserver.js";

let sim: TestSim;
let core: k8s.CoreV1Api;
let name: string;
beforeAll(async () => {
  sim = await testSim({ nodes: 2 });
  core = sim.kc.makeApiClient(k8s.CoreV1Api);
  name = sim.clusters[0].name;
});
afterAll(() => sim.stop());

const admin = (body: unknown) =>
  fetch(`${sim.adminUrl}/faults`, { method: "POST", body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe("faults", () => {
  it("added latency", async () => {
    sim.faults.set(name, { latencyMs: 150 });
    const t = Date.now();
    await core.listNode();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    sim.faults.clear(name);
  });

  it("error rate with 429 + Retry-After, and 500 via the admin endpoint", async () => {
    sim.faults.set(name, { errorRate: 1, errorCode: 429, retryAfterSeconds: 3 });
    const r = await raw(sim.clusters[0], "/api/v1/nodes");
    expect(r.status).toBe(429);
    expect(r.headers["retry-after"]).toBe("3");
    expect(r.json()).toMatchObject({ kind: "Status", reason: "TooManyRequests", code: 429 });
    expect((await admin({ action: "set", target: name, errorRate: 1, errorCode: 500 })).status).toBe(200);
    expect((await raw(sim.clusters[0], "/api/v1/nodes")).status).toBe(500);
    await admin({ action: "clear" });
    expect((await raw(sim.clusters[0], "/api/v1/nodes")).status).toBe(200);
    expect((await admin({ action: "set", target: "nope" })).status).toBe(400);
  });

  it("dropped watch connections end client watches", async () => {
    let ended = false;
    const w = new k8s.Watch(sim.kc);
    await w.watch(
      "/api/v1/namespaces/default/configmaps",
      {},
      () => {},
      () => {
        ended = true;
      },
    );
    await until(() => sim.clusters[0].store !== undefined);
    const n = await admin({ action: "dropWatches", target: name });
    expect(n.body.result).toBeGreaterThanOrEqual(1);
    await until(() => ended, 3000, "watch ended");
  });

  it("API refusing connections for N seconds", async () => {
    await sim.faults.refuseConnections(name, 0.5);
    // a pooled keep-alive socket may see the reset first; fresh connections are refused
    await raw(sim.clusters[0], "/api/v1/nodes").catch(() => undefined);
    const err = await raw(sim.clusters[0], "/api/v1/nodes").then(
      () => undefined,
      (e) => e,
    );
    expect(err?.code).toBe("ECONNREFUSED");
    await until(async () => (await raw(sim.clusters[0], "/api/v1/nodes")).status === 200, 5000, "server back");
  });

  it("registry faults use Harbor error format", async () => {
    sim.faults.set("dc1", { errorRate: 1, errorCode: 500 });
    const r = await fetch(`${sim.dataCentres[0].registryInfo.url}/api/v2.0/health`);
    expect(r.status).toBe(500);
    expect((await r.json()).errors[0].code).toBe("INTERNAL_SERVER_ERROR");
    sim.faults.clear();
  });

  it("answering HTML like a proxy whose upstream is down, on the API server and the registry", async () => {
    expect((await admin({ action: "set", target: name, answer: "html" })).status).toBe(200);
    const r = await raw(sim.clusters[0], "/api/v1/nodes");
    expect(r.status).toBe(502);
    expect(r.headers["content-type"]).toBe("text/html");
    expect(r.text).toMatch(/^<html>/);
    sim.faults.set("dc1", { answer: "html" });
    const h = await fetch(`${sim.dataCentres[0].registryInfo.url}/api/v2.0/health`);
    expect([h.status, h.headers.get("content-type")]).toEqual([502, "text/html"]);
    await admin({ action: "clear" });
    expect((await raw(sim.clusters[0], "/api/v1/nodes")).status).toBe(200);
  });

  it("truncated JSON: a 200 whose JSON stops half-way", async () => {
    sim.faults.set(name, { answer: "truncated" });
    const r = await raw(sim.clusters[0], "/api/v1/nodes");
    expect([r.status, r.headers["content-type"]]).toEqual([200, "application/json"]);
    expect(() => r.json()).toThrow(SyntaxError);
    sim.faults.clear(name);
  });

  it("black hole: connections are accepted and never answered, until the client gives up", async () => {
    const c = sim.clusters[0];
    const before = await sim.faults.connections(name);
    expect((await admin({ action: "set", target: name, answer: "blackHole" })).status).toBe(200);
    const req = https.request(new URL("/api/v1/nodes", c.url), { ca: CA_PEM, agent: false, headers: { authorization: `Bearer ${c.token}` } });
    const outcome = new Promise((resolve) => {
      req.on("response", () => resolve("answered"));
      req.on("error", () => resolve("closed"));
    });
    req.end();
    expect(await Promise.race([outcome, new Promise((r) => setTimeout(() => r("still waiting"), 500))])).toBe("still waiting");
    expect(await sim.faults.connections(name)).toBe(before + 1);
    expect((await admin({ action: "connections", target: name })).body.result).toBe(before + 1);
    req.destroy();
    await until(async () => (await sim.faults.connections(name)) === before, 2000, "connection closed");
    sim.faults.clear(name);
    expect((await raw(c, "/api/v1/nodes")).status).toBe(200);
  });

  it("kill a node via the admin endpoint", async () => {
    const node = sim.clusters[0].store.objects("nodes")[0].metadata.name;
    expect((await admin({ action: "killNode", target: name, node })).status).toBe(200);
    await until(async () => (await core.readNode({ name: node })).status?.conditions?.find((c) => c.type === "Ready")?.status === "Unknown", 5000, "NotReady");
    await admin({ action: "reviveNode", target: name, node });
    await until(async () => (await core.readNode({ name: node })).status?.conditions?.find((c) => c.type === "Ready")?.status === "True", 5000, "Ready");
  });

  it("crash loop: matching pods restart with back-off (CrashLoopBackOff, not ready) until cleared, via the admin endpoint", async () => {
    const apps = sim.kc.makeApiClient(k8s.AppsV1Api);
    const labels = { app: "crashy" };
    await apps.createNamespacedDeployment({
      namespace: "default",
      body: {
        metadata: { name: "crashy" },
        spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1" }] } } },
      },
    });
    const pod = () => core.listNamespacedPod({ namespace: "default", labelSelector: "app=crashy" }).then((l) => l.items[0]);
    await until(async () => (await pod())?.status?.containerStatuses?.[0]?.ready, 5000, "ready");
    expect((await admin({ action: "crashLoop", target: name, namespace: "default", labelSelector: "app=crashy" })).status).toBe(200);
    const crashed = await until(
      async () => {
        const p = await pod();
        const cs = p?.status?.containerStatuses?.[0];
        return cs?.state?.waiting?.reason === "CrashLoopBackOff" && (cs.restartCount ?? 0) >= 2 && p;
      },
      5000,
      "restarted twice in CrashLoopBackOff",
    );
    const cs = crashed.status!.containerStatuses![0]!;
    expect(crashed.status!.phase).toBe("Running");
    expect(cs.ready).toBe(false);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(cs.state!.waiting!.message).toMatch(/^back-off \d+(ms|s) restarting failed container=app pod=crashy-/);
    sim.faults.clear(name);
    await until(async () => (await pod())?.status?.containerStatuses?.[0]?.ready, 5000, "ready again once cleared");
    await apps.deleteNamespacedDeployment({ namespace: "default", name: "crashy" });
  });
});
