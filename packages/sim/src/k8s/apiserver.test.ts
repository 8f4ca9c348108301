import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as k8s from "@kubernetes/client-node";
import { testSim, type TestSim, raw } from "../testing.js";

let sim: TestSim;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
beforeAll(async () => {
  sim = await testSim({ nodes: 5 });
  core = sim.kc.makeApiClient(k8s.CoreV1Api);
  apps = sim.kc.makeApiClient(k8s.AppsV1Api);
});
afterAll(() => sim.stop());

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 0;
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
};
const bodyOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return undefined;
  } catch (e) {
    const { body } = e as { body?: unknown };
    return typeof body === "string" ? JSON.parse(body) : body;
  }
};

describe("API server via @kubernetes/client-node", () => {
  it("lists nodes with labels and capacity", async () => {
    const nodes = await core.listNode();
    expect(nodes.items).toHaveLength(5);
    expect(nodes.items[0].metadata?.name).toBe("dc1-c1-node-001");
    expect(nodes.items[0].status?.capacity?.cpu).toBeDefined();
    expect(nodes.items.filter((n) => n.metadata?.labels?.zone === "cicd")).toHaveLength(1);
  });

  it("rejects requests without the bearer token", async () => {
    const r = await raw(sim.clusters[0], "/api/v1/nodes", { auth: false });
    expect(r.status).toBe(401);
  });

  it("create twice -> 409 AlreadyExists; stale update -> 409 Conflict; bad name -> 422", async () => {
    await core.createNamespace({ body: { metadata: { name: "ns1" } } });
    const cm = await core.createNamespacedConfigMap({ namespace: "ns1", body: { metadata: { name: "c1" }, data: { a: "1" } } });
    expect(cm.metadata?.uid).toBeTruthy();
    const dup = await bodyOf(core.createNamespacedConfigMap({ namespace: "ns1", body: { metadata: { name: "c1" } } }));
    expect(dup).toMatchObject({ kind: "Status", reason: "AlreadyExists", code: 409, message: 'configmaps "c1" already exists' });
    await core.replaceNamespacedConfigMap({ name: "c1", namespace: "ns1", body: { ...cm, data: { a: "2" } } });
    const stale = await bodyOf(core.replaceNamespacedConfigMap({ name: "c1", namespace: "ns1", body: { ...cm, data: { a: "3" } } }));
    expect(stale).toMatchObject({ reason: "Conflict", code: 409 });
    const bad = await bodyOf(core.createNamespacedConfigMap({ namespace: "ns1", body: { metadata: { name: "Bad_Name" } } }));
    expect(bad).toMatchObject({ reason: "Invalid", code: 422 });
    expect(bad.details.causes[0].field).toBe("metadata.name");
    expect(await codeOf(core.readNamespacedConfigMap({ name: "nope", namespace: "ns1" }))).toBe(404);
  });

  it("label and field selectors, limit/continue", async () => {
    for (let i = 0; i < 7; i++)
      await core.createNamespacedConfigMap({
        namespace: "ns1",
        body: { metadata: { name: `sel-${i}`, labels: { i: String(i), parity: i % 2 ? "odd" : "even" } } },
      });
    expect((await core.listNamespacedConfigMap({ namespace: "ns1", labelSelector: "parity=odd" })).items).toHaveLength(3);
    expect((await core.listNamespacedConfigMap({ namespace: "ns1", labelSelector: "i in (1,2),parity!=odd" })).items).toHaveLength(1);
    expect((await core.listNamespacedConfigMap({ namespace: "ns1", labelSelector: "!parity" })).items.map((c) => c.metadata?.name)).toEqual(["c1"]);
    expect((await core.listNamespacedConfigMap({ namespace: "ns1", fieldSelector: "metadata.name=sel-3" })).items).toHaveLength(1);
    const p1 = await core.listNamespacedConfigMap({ namespace: "ns1", labelSelector: "parity", limit: 4 });
    expect(p1.items).toHaveLength(4);
    const p2 = await core.listNamespacedConfigMap({ namespace: "ns1", labelSelector: "parity", limit: 4, _continue: p1.metadata?._continue });
    expect(p2.items).toHaveLength(3);
    expect(p2.metadata?._continue).toBeFalsy();
  });

  it("patches: merge, strategic, json, apply; generation bumps on spec change only", async () => {
    const name = "web";
    const dep = {
      metadata: { name, labels: { app: name } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "a", image: "nginx:1", env: [{ name: "X", value: "1" }] }] } },
      },
    };
    const d = await apps.createNamespacedDeployment({ namespace: "ns1", body: dep });
    expect(d.metadata?.generation).toBe(1);
    const p = await apps.patchNamespacedDeployment(
      { name, namespace: "ns1", body: { spec: { template: { spec: { containers: [{ name: "a", env: [{ name: "Y", value: "2" }] }] } } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(p.spec?.template.spec?.containers[0].env?.map((e) => e.name)).toEqual(["X", "Y"]);
    expect(p.metadata?.generation).toBe(2);
    const l = await apps.patchNamespacedDeployment(
      { name, namespace: "ns1", body: { metadata: { labels: { team: "x" } } } },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
    );
    expect(l.metadata?.labels?.team).toBe("x");
    expect(l.metadata?.generation).toBe(2);
    const j = await apps.patchNamespacedDeployment(
      {
        name,
        namespace: "ns1",
        body: [
          { op: "replace", path: "/spec/replicas", value: 0 },
          { op: "add", path: "/metadata/annotations", value: { a: "b" } },
        ],
      },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch),
    );
    expect(j.metadata?.annotations?.a).toBe("b");
    const imm = await bodyOf(
      apps.patchNamespacedDeployment(
        { name, namespace: "ns1", body: { spec: { selector: { matchLabels: { app: "other" } } } } },
        k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
      ),
    );
    expect(imm.code).toBe(422);
    const ap = await core.patchNamespacedConfigMap(
      {
        name: "applied",
        namespace: "ns1",
        fieldManager: "ctl",
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { k: "v" } },
      },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply),
    );
    expect(ap.data?.k).toBe("v");
    expect(ap.metadata?.managedFields?.[0].manager).toBe("ctl");
    const dry = await core.createNamespacedConfigMap({ namespace: "ns1", dryRun: "All", body: { metadata: { name: "dry" } } });
    expect(dry.metadata?.name).toBe("dry");
    expect(await codeOf(core.readNamespacedConfigMap({ name: "dry", namespace: "ns1" }))).toBe(404);
  });

  it("watch streams events and resumes from a resourceVersion; too-old gives 410", async () => {
    const list = await core.listNamespacedConfigMap({ namespace: "ns1" });
    const seen: string[] = [];
    const w = new k8s.Watch(sim.kc);
    const req = await w.watch(
      "/api/v1/namespaces/ns1/configmaps",
      { resourceVersion: list.metadata?.resourceVersion },
      (type, obj) => seen.push(`${type}:${obj.metadata.name}`),
      () => {},
    );
    await core.createNamespacedConfigMap({ namespace: "ns1", body: { metadata: { name: "w1" } } });
    await core.deleteNamespacedConfigMap({ name: "w1", namespace: "ns1" });
    await new Promise((r) => setTimeout(r, 100));
    req.abort();
    expect(seen).toEqual(["ADDED:w1", "DELETED:w1"]);
    const txt = (await raw(sim.clusters[0], "/api/v1/namespaces/ns1/configmaps?watch=true&resourceVersion=1")).text;
    expect(JSON.parse(txt.split("\n")[0])).toMatchObject({ type: "ERROR", object: { code: 410 } });
  });

  it("official schema validation (kubernetes-models) -> 422 with causes", async () => {
    const c = sim.clusters[0];
    const r = await raw(c, "/apis/apps/v1/namespaces/ns1/deployments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        metadata: { name: "typed" },
        spec: {
          replicas: 1,
          selector: { matchLabels: { a: "b" } },
          template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "x", ports: [{ containerPort: "eighty" }] }] } },
        },
      }),
    });
    expect(r.status).toBe(422);
    expect(r.json().details.causes[0]).toMatchObject({
      field: "spec.template.spec.containers[0].ports[0].containerPort",
      message: 'Invalid value: "eighty": must be integer',
    });
    const m = await raw(c, "/api/v1/namespaces/ns1/services", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ metadata: { name: "svc", creationTimestamp: null }, spec: { ports: [{ port: 80, protocol: "SCTPX" }] } }),
    });
    expect(m.status).toBe(422);
  });

  it("discovery and openapi endpoints", async () => {
    const c = sim.clusters[0];
    const apis = (await raw(c, "/apis")).json();
    expect(apis.groups.map((g: { name: string }) => g.name)).toContain("apps");
    const rl = (await raw(c, "/apis/apps/v1")).json();
    expect(rl.resources.map((r: { name: string }) => r.name)).toContain("deployments/scale");
    const v3 = (await raw(c, "/openapi/v3")).json();
    expect(Object.keys(v3.paths)).toContain("apis/apps/v1");
  });
});
