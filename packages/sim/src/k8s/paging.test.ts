// limit/continue walks a large collection in key order without gaps or duplicates.
import { it, expect, afterAll, beforeAll } from "vitest";
import * as k8s from "@kubernetes/client-node";
import zlib from "node:zlib";
import https from "node:https";
import { testSim, type TestSim } from "../testing.js";
import { CA_PEM } from "./apiserver.js";

let sim: TestSim;
beforeAll(async () => {
  sim = await testSim({ nodes: 1 });
});
afterAll(() => sim.stop());

it("pages through 2,000 config maps in two namespaces", async () => {
  const s = sim.clusters[0].store;
  for (const ns of ["pa", "pb"]) {
    s.create("namespaces", { metadata: { name: ns } });
    for (let i = 0; i < 1000; i++) s.create("configmaps", { metadata: { name: `cm-${(i * 7919) % 1000}`, namespace: ns } });
  }
  const core = sim.kc.makeApiClient(k8s.CoreV1Api);
  const seen: string[] = [];
  let cont: string | undefined;
  let pages = 0;
  do {
    const l = await core.listConfigMapForAllNamespaces({ limit: 300, _continue: cont, labelSelector: "" });
    seen.push(
      ...l.items
        .filter((c) => c.metadata?.namespace !== "default" && c.metadata?.namespace !== "kube-system")
        .map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`),
    );
    cont = l.metadata?._continue;
    pages++;
  } while (cont);
  expect(pages).toBe(7);
  expect(seen).toHaveLength(2000);
  expect(new Set(seen).size).toBe(2000);
  expect([...seen].sort()).toEqual(seen);
});

it("orders by storage key across namespaces and pages with a label selector", async () => {
  const s = sim.clusters[0].store;
  for (const ns of ["q", "q-b"]) {
    s.create("namespaces", { metadata: { name: ns } });
    for (let i = 0; i < 50; i++) s.create("configmaps", { metadata: { name: `c${(i * 31) % 50}`, namespace: ns, labels: { even: String(i % 2 === 0) } } });
  }
  const core = sim.kc.makeApiClient(k8s.CoreV1Api);
  const all = await core.listConfigMapForAllNamespaces({ labelSelector: "even" });
  const keys = all.items.map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`);
  expect(keys).toEqual([...keys].sort()); // "q-b/…" before "q/…", as in etcd
  const seen: string[] = [];
  let cont: string | undefined;
  do {
    const l = await core.listConfigMapForAllNamespaces({ limit: 7, _continue: cont, labelSelector: "even=true" });
    expect(l.items.length).toBeLessThanOrEqual(7);
    seen.push(...l.items.map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`));
    cont = l.metadata?._continue;
  } while (cont);
  expect(seen).toEqual(keys.filter((k) => all.items[keys.indexOf(k)].metadata?.labels?.even === "true"));
  expect(seen).toHaveLength(50);
});

it("gzips large responses only for clients that ask (level 1, > 128 KiB, like kube-apiserver)", async () => {
  const kc = sim.kc;
  const server = kc.getCurrentCluster()!.server,
    bearer = kc.getCurrentUser()!.token!;
  const get = (p: string, enc?: string) =>
    new Promise<{ enc?: string; wire: number; body: string }>((resolve, reject) =>
      https
        .get(`${server}${p}`, { ca: CA_PEM, headers: { authorization: `Bearer ${bearer}`, ...(enc ? { "accept-encoding": enc } : {}) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => chunks.push(d));
          res.on("end", () => {
            const b = Buffer.concat(chunks);
            const gz = res.headers["content-encoding"] === "gzip";
            resolve({ enc: res.headers["content-encoding"], wire: b.length, body: (gz ? zlib.gunzipSync(b) : b).toString() });
          });
        })
        .on("error", reject),
    );
  const big = await get("/api/v1/configmaps", "gzip, deflate");
  expect(big.enc).toBe("gzip");
  const plain = await get("/api/v1/configmaps");
  expect(plain.enc).toBeUndefined();
  // The same objects; the list's resourceVersion may move between the two reads (background loops write).
  expect(JSON.parse(big.body).items).toEqual(JSON.parse(plain.body).items);
  expect(plain.wire).toBeGreaterThan(128 * 1024);
  expect(big.wire).toBeLessThan(plain.wire / 3);
  const small = await get("/api/v1/namespaces/pa/configmaps?limit=5", "gzip");
  expect(small.enc).toBeUndefined();
  expect(JSON.parse(small.body).items).toHaveLength(5);
  // client-node (node-fetch asks for gzip) reads the compressed list transparently
  const l = await sim.kc.makeApiClient(k8s.CoreV1Api).listConfigMapForAllNamespaces();
  expect(l.items.length).toBe(JSON.parse(plain.body).items.length);
});

it("answers 410 Expired to a continue token whose revision the event log has moved past, as kube-apiserver after compaction", async () => {
  const small = await testSim({ nodes: 1, watchHistory: 100 });
  try {
    const s = small.clusters[0].store;
    s.create("namespaces", { metadata: { name: "exp" } });
    for (let i = 0; i < 20; i++) s.create("configmaps", { metadata: { name: `c${i}`, namespace: "exp" } });
    const core = small.kc.makeApiClient(k8s.CoreV1Api);
    const first = await core.listNamespacedConfigMap({ namespace: "exp", limit: 5 });
    const cont = first.metadata!._continue!;
    // A continuation within the history is served, at the first page's resourceVersion.
    const second = await core.listNamespacedConfigMap({ namespace: "exp", limit: 5, _continue: cont });
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    for (let i = 0; i < 150; i++) s.create("configmaps", { metadata: { name: `later-${i}`, namespace: "exp" } });
    await expect(core.listNamespacedConfigMap({ namespace: "exp", limit: 5, _continue: cont })).rejects.toMatchObject({ code: 410 });
  } finally {
    await small.stop();
  }
});
