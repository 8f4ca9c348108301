// packages/orchestrator's calls to a cluster (here for the simulator, a dev dependency of the worker) against the simulator's faulty answers: a proxy's HTML page and a cut-off JSON body
// become errors (never an uncaught exception), and a server that never answers is given up at the
// deadline with its sockets closed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MANAGED } from "@capstan/domain";
import { ClusterClient, DeadlineError, HarborClient, NOT_KUBERNETES, probeCluster, watchDeadline } from "@capstan/orchestrator";
import { Watch } from "@kubernetes/client-node";
import { startSim, type Sim } from "@capstan/sim";

let sim: Sim;
let client: ClusterClient;
let name: string;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);

const namespace = (n: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: n, labels: { ...MANAGED } } });
const configMap = (ns: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: ns, labels: { ...MANAGED } }, data: { a: "1" } });
const connections = () => sim.faults.connections(name);

beforeAll(async () => {
  sim = await startSim({ dataCentres: 1, clustersPerDc: 1, nodes: 1, admin: false });
  name = sim.dataCentres[0]!.clusters[0]!.name;
  client = new ClusterClient(sim.dataCentres[0]!.clusters[0]!.kubeconfig());
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
});
afterEach(() => {
  sim.faults.clear();
  delete process.env.CAPSTAN_CALL_TIMEOUT_SECONDS;
});
afterAll(async () => {
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
  await sim.stop();
});

describe("bad bodies", () => {
  it("an HTML 502 from a proxy is an error of the call, for raw requests and client-node calls alike", async () => {
    await client.apply([namespace("html")]); // discovery is cached from here on: the raw PATCH meets the fault
    sim.faults.set(name, { answer: "html" });
    await expect(client.apply([configMap("html")])).rejects.toThrow(/PATCH .*: 502 a text\/html answer that is not JSON/);
    await expect(client.patchNode("n", { metadata: { labels: { a: "b" } } })).rejects.toThrow(/502/);
    await expect(client.listManaged("v1", "ConfigMap", "html")).rejects.toThrow();
    await expect(client.delete([{ apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "html" }])).rejects.toThrow();
    await expect(probeCluster(client.config)).rejects.toThrow();
    expect(uncaught).toEqual([]);
  });

  it("a 200 whose JSON stops half-way is an error, not a crash", async () => {
    await client.apply([namespace("cut")]);
    sim.faults.set(name, { answer: "truncated" });
    await expect(client.apply([configMap("cut")])).rejects.toThrow(/not JSON/);
    await expect(client.evictPod("cut", "p")).rejects.toThrow(/not JSON/);
    await expect(client.listManaged("v1", "ConfigMap", "cut")).rejects.toThrow();
    expect(uncaught).toEqual([]);
  });
});

describe("list bodies", () => {
  it("a list of several hundred KiB of multi-byte text comes back intact (characters split between chunks are decoded whole)", async () => {
    // 2-, 3- and 4-byte UTF-8 characters, so chunk boundaries fall inside characters.
    const text = "Ωé中文𝄞".repeat(20_000);
    await client.apply([namespace("utf8"), { ...configMap("utf8"), data: { text } }]);
    const page = await client.list<{ data: { text: string } }>("/api/v1/namespaces/utf8/configmaps");
    expect(page.items.map((c) => c.data.text === text)).toEqual([true]);
  });

  it("pages ask for the next page while the caller holds this one, and never more than one ahead", async () => {
    await client.apply([
      namespace("pages"),
      ...["a", "b", "c", "d", "e"].map((n) => ({ ...configMap("pages"), metadata: { ...configMap("pages").metadata, name: n } })),
    ]);
    // Records each page asked for (first, or after which name) without holding it.
    const asked: string[] = [];
    const release = sim.faults.hold(name, (url) => {
      if (url.pathname.endsWith("/namespaces/pages/configmaps")) asked.push(url.searchParams.get("continue") ? "next" : "first");
      return false;
    });
    try {
      const pages = client.pages<{ metadata: { name: string } }>("/api/v1/namespaces/pages/configmaps", { limit: 2 });
      const first = await pages.next();
      const names = first.done ? [] : first.value.items.map((c) => c.metadata.name);
      // The caller holds page 1; page 2 was asked for already, page 3 not.
      await expect.poll(() => asked).toEqual(["first", "next"]);
      await new Promise((r) => setTimeout(r, 200));
      expect(asked).toEqual(["first", "next"]);
      for await (const page of pages) names.push(...page.items.map((c) => c.metadata.name));
      expect(names).toEqual(["a", "b", "c", "d", "e"]);
      expect(asked).toEqual(["first", "next", "next"]);
    } finally {
      release();
    }
  });
});

describe("deadlines", () => {
  it("every kind of call to a black-holed cluster is given up at its deadline and its socket closed", async () => {
    process.env.CAPSTAN_CALL_TIMEOUT_SECONDS = "0.5";
    const fresh = new ClusterClient(sim.dataCentres[0]!.clusters[0]!.kubeconfig()); // nothing discovered yet
    const before = await connections();
    sim.faults.set(name, { answer: "blackHole" });
    const calls: [string, () => Promise<unknown>][] = [
      ["discovery", () => fresh.apply([configMap("default")])],
      ["raw PATCH", () => client.patchNode("n", { metadata: { labels: { a: "b" } } })],
      ["list", () => fresh.listManaged("v1", "ConfigMap", "default")],
      ["list page", () => fresh.list("/api/v1/pods", { limit: 500 })],
      ["delete", () => fresh.delete([{ apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "default" }])],
    ];
    for (const [what, call] of calls) {
      const started = Date.now();
      await expect(call(), what).rejects.toBeInstanceOf(DeadlineError);
      expect(Date.now() - started, what).toBeLessThan(3_000);
    }
    sim.faults.clear(name);
    // Aborted requests closed their sockets; none is left open at the server.
    await expect.poll(connections, { timeout: 3_000 }).toBeLessThanOrEqual(before);
    expect(uncaught).toEqual([]);
  });

  it("the probe gives up at its deadline and leaves no socket open", async () => {
    const before = await connections();
    sim.faults.set(name, { answer: "blackHole" });
    const started = Date.now();
    await expect(probeCluster(client.config, 500)).rejects.toThrow(NOT_KUBERNETES);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect.poll(connections, { timeout: 3_000 }).toBeLessThanOrEqual(before);
  });

  it("a watch whose answer never begins is aborted at its deadline; one that began is not cut", async () => {
    const before = await connections();
    const events: string[] = [];
    const live = await new Watch(watchDeadline(client.config, 500)).watch(
      "/api/v1/namespaces",
      {},
      (type) => events.push(type),
      () => events.push("ended"),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect(events).not.toContain("ended"); // a stream that began is not cut by the deadline
    live.abort();
    sim.faults.set(name, { answer: "blackHole" });
    const started = Date.now();
    const ended = await new Promise<unknown>(
      (resolve) => void new Watch(watchDeadline(client.config, 500)).watch("/api/v1/pods", {}, () => undefined, resolve),
    );
    expect(String(ended)).toMatch(/timeout/);
    expect(Date.now() - started).toBeLessThan(3_000);
    sim.faults.clear(name);
    await expect.poll(connections, { timeout: 3_000 }).toBeLessThanOrEqual(before);
  });

  it("Harbor calls to a black-holed registry are given up too", async () => {
    const dc = sim.dataCentres[0]!;
    const harbor = new HarborClient(dc.registryInfo.url, dc.registryInfo.username, dc.registryInfo.password);
    sim.faults.set(dc.name, { answer: "blackHole" });
    await expect(harbor.manifestDigest("library", "x", "1", 300)).rejects.toThrow();
  });
});
