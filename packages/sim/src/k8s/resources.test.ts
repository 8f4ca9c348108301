// Every served resource type round-trips; lifecycle details (finalizers, orphaning, deletecollection,
// scale subresource, bookmarks, tables, generateName).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as k8s from "@kubernetes/client-node";
import { testSim, type TestSim, raw, until } from "../testing.js";
import { RESOURCES, apiVersionOf } from "./resources.js";

let sim: TestSim;
let c: TestSim["clusters"][0];
beforeAll(async () => {
  sim = await testSim({ nodes: 3 });
  c = sim.clusters[0];
  await raw(c, "/api/v1/namespaces", { method: "POST", body: JSON.stringify({ metadata: { name: "r" } }) });
});
afterAll(() => sim.stop());

const pod = { containers: [{ name: "c", image: "nginx" }] };
const tmpl = { metadata: { labels: { app: "x" } }, spec: pod };
const BODIES: Record<string, object> = {
  Pod: { spec: pod },
  Node: { spec: {} },
  Namespace: {},
  Service: { spec: { ports: [{ port: 80 }] } },
  Deployment: { spec: { replicas: 0, selector: { matchLabels: { app: "x" } }, template: tmpl } },
  ReplicaSet: { spec: { replicas: 0, selector: { matchLabels: { app: "x" } }, template: tmpl } },
  DaemonSet: { spec: { selector: { matchLabels: { app: "x" } }, template: tmpl } },
  Job: { spec: { suspend: true, template: { spec: { ...pod, restartPolicy: "Never" } } } },
  Lease: { spec: { holderIdentity: "me" } },
  PodDisruptionBudget: { spec: { minAvailable: 1, selector: { matchLabels: { app: "zz" } } } },
  HorizontalPodAutoscaler: { spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "x" }, minReplicas: 1, maxReplicas: 3 } },
  EndpointSlice: { addressType: "IPv4", endpoints: [] },
  NetworkPolicy: { spec: { podSelector: {} } },
  Ingress: {
    spec: {
      rules: [{ host: "a.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "x", port: { number: 80 } } } }] } }],
    },
  },
  Role: { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] },
  RoleBinding: { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "x" }, subjects: [] },
  Event: { involvedObject: { kind: "Pod", name: "x" }, reason: "Test", message: "hi" },
};

describe("every resource type", () => {
  it.each(RESOURCES.map((d) => [d.kind, d] as const))("%s: create/get/list/update/delete", async (_k, d) => {
    const base = `/${d.group ? "apis/" + d.group : "api"}/${d.version}${d.namespaced ? "/namespaces/r" : ""}/${d.plural}`;
    const name = `rt-${d.kind.toLowerCase()}`;
    const body = { apiVersion: apiVersionOf(d), kind: d.kind, metadata: { name, labels: { t: "rt" } }, ...BODIES[d.kind] };
    const created = await raw(c, base, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(created.status, created.text).toBe(201);
    expect(created.json()).toMatchObject({ kind: d.kind, metadata: { name, uid: expect.any(String), resourceVersion: expect.any(String) } });
    const list = (await raw(c, `${base}?labelSelector=t%3Drt`)).json();
    expect(list.kind).toBe(`${d.kind}List`);
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain(name);
    // controllers may write status between our GET and PUT: retry on 409 like real clients do
    let upd;
    for (let i = 0; i < 5; i++) {
      const got = (await raw(c, `${base}/${name}`)).json();
      got.metadata.annotations = { updated: "yes" };
      upd = await raw(c, `${base}/${name}`, { method: "PUT", body: JSON.stringify(got) });
      if (upd.status !== 409) break;
    }
    expect(upd!.status, upd!.text).toBe(200);
    expect(upd!.json().metadata.annotations.updated).toBe("yes");
    const del = await raw(c, `${base}/${name}`, { method: "DELETE" });
    expect(del.status).toBe(200);
  });
});

describe("lifecycle details", () => {
  let core: k8s.CoreV1Api, apps: k8s.AppsV1Api;
  beforeAll(() => {
    core = sim.kc.makeApiClient(k8s.CoreV1Api);
    apps = sim.kc.makeApiClient(k8s.AppsV1Api);
  });

  it("finalizers hold deletion until removed", async () => {
    await core.createNamespacedConfigMap({ namespace: "r", body: { metadata: { name: "fin", finalizers: ["example.com/hold"] } } });
    await core.deleteNamespacedConfigMap({ name: "fin", namespace: "r" });
    const held = await core.readNamespacedConfigMap({ name: "fin", namespace: "r" });
    expect(held.metadata?.deletionTimestamp).toBeTruthy();
    await core.patchNamespacedConfigMap(
      { name: "fin", namespace: "r", body: [{ op: "remove", path: "/metadata/finalizers" }] },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.JsonPatch),
    );
    await expect(core.readNamespacedConfigMap({ name: "fin", namespace: "r" })).rejects.toMatchObject({ code: 404 });
  });

  it("deletecollection with a label selector, generateName", async () => {
    for (let i = 0; i < 3; i++) await core.createNamespacedConfigMap({ namespace: "r", body: { metadata: { generateName: "gen-", labels: { batch: "b" } } } });
    const names = (await core.listNamespacedConfigMap({ namespace: "r", labelSelector: "batch=b" })).items.map((x) => x.metadata!.name!);
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^gen-[a-z0-9]{5}$/.test(n))).toBe(true);
    await core.deleteCollectionNamespacedConfigMap({ namespace: "r", labelSelector: "batch=b" });
    expect((await core.listNamespacedConfigMap({ namespace: "r", labelSelector: "batch=b" })).items).toHaveLength(0);
  });

  it("scale subresource and orphaning", async () => {
    await apps.createNamespacedDeployment({
      namespace: "r",
      body: {
        metadata: { name: "sc" },
        spec: { replicas: 1, selector: { matchLabels: { app: "sc" } }, template: { metadata: { labels: { app: "sc" } }, spec: pod } },
      },
    });
    const s = await apps.readNamespacedDeploymentScale({ name: "sc", namespace: "r" });
    expect(s.spec?.replicas).toBe(1);
    expect(s.status?.selector).toBe("app=sc");
    await apps.replaceNamespacedDeploymentScale({
      name: "sc",
      namespace: "r",
      body: { ...s, metadata: { ...s.metadata, resourceVersion: undefined }, spec: { replicas: 2 } },
    });
    await until(async () => (await apps.readNamespacedDeployment({ name: "sc", namespace: "r" })).status?.readyReplicas === 2, 5000, "scaled");
    await apps.deleteNamespacedDeployment({ name: "sc", namespace: "r", propagationPolicy: "Orphan" });
    await new Promise((r) => setTimeout(r, 200));
    const rs = (await apps.listNamespacedReplicaSet({ namespace: "r", labelSelector: "app=sc" })).items;
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata?.ownerReferences ?? []).toHaveLength(0);
  });

  it("watch bookmarks and sendInitialEvents", async () => {
    const r = await new Promise<string>((resolve) => {
      let buf = "";
      import("node:https").then((https) => {
        const req = https.get(
          `${c.url}/api/v1/namespaces/r/configmaps?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1`,
          {
            ca: sim.kc.getCurrentCluster()!.caData ? Buffer.from(sim.kc.getCurrentCluster()!.caData!, "base64") : undefined,
            headers: { authorization: `Bearer ${c.token}` },
          },
          (res) => {
            res.on("data", (d) => (buf += d));
            res.on("end", () => resolve(buf));
          },
        );
        req.on("error", () => resolve(buf));
      });
    });
    const evs = r
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const bm = evs.find((e) => e.type === "BOOKMARK");
    expect(bm.object.metadata.annotations["k8s.io/initial-events-end"]).toBe("true");
  });

  it("server-side printing as Table", async () => {
    const t = (await raw(c, "/api/v1/nodes", { headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" } })).json();
    expect(t.kind).toBe("Table");
    expect(t.columnDefinitions.map((x: { name: string }) => x.name).slice(0, 5)).toEqual(["Name", "Status", "Roles", "Age", "Version"]);
    expect(t.rows[0].cells[1]).toBe("Ready");
  });
});
