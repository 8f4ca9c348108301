// The groupLogs use case (packages/usecases/src/logs) reads a group's logs through the simulator's API server: follow, the merge of pods in time order, the
// previous container after a restart, the per-user stream limit (PostgreSQL leases), limitBytes, and who may
// read. Here beside the worker's tests because it runs the simulator (type-checked with the worker's settings).
import { secrets } from "@capstan/db/secrets";
import { type Sim, startSim } from "@capstan/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup, groupLogs } from "@capstan/usecases";
import { testDatabase } from "../../../tests/database";
import { loadActor } from "../../../packages/usecases/src/context";
import { buildWorld, withDataCentre, type World } from "../../../packages/usecases/src/testing/fixtures";

let world: World;
let sim: Sim;
const NS = "shop-logs";
const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

const pod = (name: string) =>
  sim.clusters[0]!.store.get("pods", NS, name) as
    | { status?: { phase?: string; containerStatuses?: { restartCount?: number; state?: { running?: unknown } }[] } }
    | undefined;

/** Reads a stream until it ends, or until `stop(text)` says enough (then cancels it). */
async function read(stream: ReadableStream<Uint8Array>, stop?: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
    if (stop?.(text)) {
      await reader.cancel();
      return text;
    }
  }
}

const logs = (query: Record<string, string>, ctx = world.as.viewer) => groupLogs(ctx, "shop", "storefront", "web", query);

beforeAll(async () => {
  sim = await startSim({ nodes: 2, admin: false, logLinesPerSecond: 20, timings: { startMs: 0, probeScale: 0, backoffMs: 300, jobRunMs: 100 } });
  world = await buildWorld((await testDatabase()).db);
  await withDataCentre(world);
  const cluster = sim.clusters[0]!;
  await world.db.cluster.update({ where: { name: "dc1-a" }, data: { kubeconfigEnc: secrets().seal(cluster.kubeconfig()) } });
  const g = await createGroup(world.as.developer, "shop", "storefront", {
    name: "web",
    dataCentre: "dc1",
    imageTag: "1.0.0",
    replicas: 2,
    cpu: "100m",
    memory: "64Mi",
  });
  const row = await world.db.group.findFirstOrThrow({ where: { name: g.name } });
  const clusterRow = await world.db.cluster.findUniqueOrThrow({ where: { name: "dc1-a" } });
  // the pods as the worker's inventory would record them; the containers are the simulator's
  cluster.store.create("namespaces", { metadata: { name: NS } });
  for (const name of ["web-a", "web-b"]) {
    const p = cluster.store.create("pods", {
      metadata: { name, namespace: NS, labels: { app: name } },
      spec: { containers: [{ name: "storefront", image: "storefront:1.0.0" }] },
    }) as { metadata: { uid: string } };
    await world.db.pod.create({ data: { clusterId: clusterRow.id, namespace: NS, name, uid: p.metadata.uid, groupId: row.id, phase: "Running" } });
  }
  const until = Date.now() + 10_000;
  while (!["web-a", "web-b"].every((n) => pod(n)?.status?.phase === "Running")) {
    if (Date.now() > until) throw new Error("pods did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500)); // a few lines each
}, 60_000);
afterAll(() => sim?.stop());

describe("a group's logs", () => {
  it("follow delivers a line printed after the stream opened within 1 s", async () => {
    const opened = Date.now();
    const text = await read(await logs({ pod: "web-a", follow: "true", tailLines: "0", timestamps: "true" }), (t) => t.includes("\n"));
    expect(Date.now() - opened).toBeLessThan(1000);
    const ts = text.split(" ")[0]!;
    expect(ts).toMatch(TS);
    expect(Date.parse(ts)).toBeGreaterThanOrEqual(opened - 5);
  });

  it("merges every pod's lines in time order, each prefixed with its pod; timestamps only when asked", async () => {
    const lines = (await read(await logs({ timestamps: "true" }))).trim().split("\n");
    const pods = new Set(lines.map((l) => l.split(" ")[0]));
    expect(pods).toEqual(new Set(["web-a", "web-b"]));
    const times = lines.map((l) => l.split(" ")[1]!);
    expect(times.every((t) => TS.test(t))).toBe(true);
    expect(times).toEqual([...times].sort());
    // a line's text is as the pod printed it
    expect(lines.some((l) => /^web-a \S+ \S+ INFO {2}starting storefront \(image storefront:1\.0\.0\) in pod web-a$/.test(l))).toBe(true);
    const plain = (await read(await logs({ pod: "web-b", tailLines: "3" }))).trim().split("\n");
    expect(plain).toHaveLength(3);
    expect(plain.every((l) => !TS.test(l.split(" ")[0]!) && !l.startsWith("web-b "))).toBe(true);
  });

  it("a followed merge interleaves both pods by time as lines arrive", async () => {
    const text = await read(await logs({ follow: "true", tailLines: "0", timestamps: "true" }), (t) => t.split("\n").length > 12);
    const lines = text.split("\n").slice(0, 12);
    expect(new Set(lines.map((l) => l.split(" ")[0]))).toEqual(new Set(["web-a", "web-b"]));
    const times = lines.map((l) => l.split(" ")[1]!);
    expect(times).toEqual([...times].sort());
  });

  it("previous: refused before a restart; after it, the earlier container's lines", async () => {
    await expect(logs({ pod: "web-b", previous: "true" })).rejects.toMatchObject({ status: 400, reason: "log_no_previous_container" });
    const before = (await read(await logs({ pod: "web-b", timestamps: "true" }))).trim().split("\n");
    sim.faults.crashLoop(sim.clusters[0]!.name, NS, "app=web-b");
    const until = Date.now() + 5000;
    while (!((pod("web-b")?.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1)) {
      if (Date.now() > until) throw new Error("no restart");
      await new Promise((r) => setTimeout(r, 25));
    }
    sim.faults.clear(sim.clusters[0]!.name);
    while (!pod("web-b")?.status?.containerStatuses?.[0]?.state?.running) await new Promise((r) => setTimeout(r, 25));
    const previous = (await read(await logs({ pod: "web-b", previous: "true", timestamps: "true" }))).trim().split("\n");
    expect(previous.slice(0, before.length)).toEqual(before);
    const current = (await read(await logs({ pod: "web-b" }))).trim().split("\n");
    expect(current[0]).toContain("starting storefront");
    expect(current.length).toBeLessThan(previous.length);
  });

  it("limits each user's open streams (429 naming the limit) and cuts the answer at limitBytes", async () => {
    process.env.CAPSTAN_LOG_STREAMS_PER_USER = "2";
    try {
      const gone = new AbortController(); // the HTTP request's signal: its client went away
      await groupLogs(world.as.developer, "shop", "storefront", "web", { pod: "web-a", follow: "true" }, gone.signal);
      const b = (await logs({ follow: "true" }, world.as.developer)).getReader();
      await expect(logs({ pod: "web-b", follow: "true" }, world.as.developer)).rejects.toMatchObject({
        status: 429,
        reason: "log_streams_exceeded",
        params: { limit: 2 },
      });
      // another user has streams of their own
      await read(await logs({ pod: "web-a", tailLines: "1" }, world.as.viewer));
      gone.abort();
      for (let i = 0; i < 100 && (await world.db.logStreamLease.count()) > 1; i++) await new Promise((r) => setTimeout(r, 20));
      const c = (await logs({ pod: "web-b", follow: "true" }, world.as.developer)).getReader();
      await Promise.all([b.cancel(), c.cancel()]);
      expect(await world.db.logStreamLease.count()).toBe(0);
    } finally {
      delete process.env.CAPSTAN_LOG_STREAMS_PER_USER;
    }
    const cut = await read(await logs({ limitBytes: "100", follow: "true" }));
    expect(Buffer.byteLength(cut)).toBe(100);
  });

  it("readers of the group may read; someone outside its department is told it does not exist", async () => {
    expect(await read(await logs({ pod: "web-a", tailLines: "1" }, world.as.viewer))).toMatch(/\n$/);
    const outsider = await world.db.user.findUniqueOrThrow({ where: { email: "fin@capstan.test" } });
    await expect(logs({ pod: "web-a" }, { db: world.db, actor: await loadActor(world.db, outsider.id) })).rejects.toMatchObject({ status: 404 });
    await expect(logs({ pod: "nope" })).rejects.toMatchObject({ status: 404, fields: { pod: expect.any(String) } });
    await expect(logs({ tailLines: "-1" })).rejects.toMatchObject({ status: 400, fields: { tailLines: expect.any(String) } });
    await expect(logs({ container: "other" })).rejects.toMatchObject({ fields: { container: expect.any(String) } });
  });
});
