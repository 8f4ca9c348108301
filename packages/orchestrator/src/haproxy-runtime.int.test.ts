// The data-plane clients against REAL haproxy and nginx processes, run as an LB pod would (tests/data-plane.ts)
// on a loopback address of their own, with a configuration from the renderer and two tiny HTTP servers as pods.
import http from "node:http";
import net from "node:net";
import { CONFIG_HASH_ENV, type DataPlaneSpec, haproxyBackendName, haproxyServerState, renderDataPlane } from "@capstan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDataPlane, startDataPlane } from "../../../tests/data-plane";
import { DeadlineError } from "./deadline";
import { HaproxyRuntime, HaproxyRuntimeError, haproxyMasterReload, nginxStatus } from "./haproxy-runtime";
import { policyFromEnv } from "./outbound";

// A /24 of the loopback pod network of its own (any 127.x.y.z can be bound here), so parallel runs do not meet.
const subnet = `127.16.${1 + Math.floor(Math.random() * 254)}`;
const LB = `${subnet}.1`,
  NGINX = `${subnet}.2`;
const LB_PORT = 18080;
process.env.CAPSTAN_POD_NETWORKS = `${subnet}.0/24`;

/** A pod: answers its name; `/slow` answers once `release()` is called; `/healthz` is 200. */
interface Pod {
  name: string;
  address: string;
  port: number;
  server: http.Server;
  slowStarted: Promise<void>;
  release: () => void;
}
async function startPod(name: string, address: string): Promise<Pod> {
  let release = () => {};
  let started = () => {};
  const pod = {
    name,
    address,
    slowStarted: new Promise<void>((r) => (started = r)),
    release: () => release(),
  } as Pod;
  const gate = new Promise<void>((r) => (release = r));
  pod.server = http.createServer((req, res) => {
    if (req.url === "/slow") {
      started();
      void gate.then(() => res.end(name));
    } else res.end(name);
  });
  await new Promise<void>((r) => pod.server.listen(0, address, r));
  pod.port = (pod.server.address() as net.AddressInfo).port;
  return pod;
}

/**
 * One request on a connection of its own, with `cookie` if given; resolves to the body and the Set-Cookie
 * answered, rejects on a failure or a status other than 200.
 */
function request(host: string, opts: { path?: string; cookie?: string } = {}): Promise<{ body: string; setCookie?: string }> {
  return new Promise((resolve, reject) => {
    const headers = opts.cookie ? { cookie: opts.cookie } : {};
    http
      .get({ host, port: LB_PORT, path: opts.path ?? "/", agent: false, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () =>
          res.statusCode === 200 ? resolve({ body, setCookie: res.headers["set-cookie"]?.[0] }) : reject(new Error(`${res.statusCode}: ${body}`)),
        );
      })
      .on("error", reject);
  });
}
/** The pod that answered a request. */
const get = async (host: string, path = "/") => (await request(host, { path })).body;

/** Sends `n` requests one after another and counts the answers per pod. */
async function spread(host: string, n: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const pod = await get(host);
    counts.set(pod, (counts.get(pod) ?? 0) + 1);
  }
  return counts;
}

/** Sends requests back to back until `stop()`; counts successes and failures. */
function steadyTraffic(host: string) {
  const tally = { ok: 0, failed: 0, errors: [] as string[] };
  let running = true;
  const loop = (async () => {
    while (running)
      await get(host).then(
        () => tally.ok++,
        (e: Error) => {
          tally.failed++;
          tally.errors.push(e.message);
        },
      );
  })();
  return { tally, stop: async () => ((running = false), await loop) };
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check().catch(() => false)); ) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let a: Pod, b: Pod;
const running: RunningDataPlane[] = [];
const spec = (over: Partial<DataPlaneSpec> = {}): DataPlaneSpec => ({
  name: "front",
  kind: "haproxy",
  port: LB_PORT,
  protocol: "HTTP",
  algorithm: "roundrobin",
  healthCheck: { path: "/healthz", intervalSeconds: 1, rise: 1, fall: 2 },
  timeouts: { connectSeconds: 2, clientSeconds: 30, serverSeconds: 30 },
  stickyCookie: null,
  forwardedFor: true,
  maxConnPerBackend: null,
  drainSeconds: 30,
  backends: [a, b].map((p, i) => ({ pod: p.name, group: i === 0 ? "blue" : "green", address: p.address, port: p.port, weight: 100, state: "IN" as const })),
  ...over,
});

beforeAll(async () => {
  a = await startPod("shop-blue-5d8f9-aaaaa", `${subnet}.11`);
  b = await startPod("shop-green-7c4b2-bbbbb", `${subnet}.12`);
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  a?.release();
  b?.release();
  await Promise.all([a, b].map((p) => p && new Promise((r) => p.server.close(r))));
});

describe("HaproxyRuntime against a real haproxy", () => {
  let runtime: HaproxyRuntime;
  const backend = haproxyBackendName({ name: "front" });
  let first: ReturnType<typeof renderDataPlane>;

  beforeAll(async () => {
    first = renderDataPlane(spec());
    runtime = new HaproxyRuntime(LB, { timeoutMs: 5000 });
    running.push(await startDataPlane("haproxy", first.text, LB, { ready: async () => (await get(LB)).length > 0 }));
    await until("the first health checks", async () => (await runtime.stats()).every((x) => x.checkStatus === "L7OK"));
  });

  it("reads the configuration's hash from the environment, and nothing for an unset variable", async () => {
    expect(await runtime.env(CONFIG_HASH_ENV)).toBe(first.hash);
    expect(await runtime.env("CAPSTAN_NOT_SET")).toBeUndefined();
  });

  it("reports per-server counts that match the requests sent", async () => {
    const before = new Map((await runtime.stats()).map((s) => [s.server, s.totalSessions]));
    const counts = await spread(LB, 40);
    const stats = await runtime.stats();
    expect(stats.map((s) => s.server).sort()).toEqual([a.name, b.name].sort());
    for (const s of stats) {
      expect(s.backend).toBe(backend);
      expect(s.status).toMatch(/^UP/); // "UP 1/2" when one check failed on a busy machine
      expect(s.weight).toBe(100);
      expect(s.currentSessions).toBe(0);
      expect(s.checkStatus).toMatch(/^L7OK/);
      expect(s.totalSessions - before.get(s.server)!).toBe(counts.get(s.server) ?? 0);
    }
    expect(counts.get(a.name)).toBe(20);
  });

  it("changes weights with no reload: 3:1 after set weight", async () => {
    await runtime.setWeight(backend, a.name, 150);
    await runtime.setWeight(backend, b.name, 50);
    const counts = await spread(LB, 80);
    expect(counts.get(a.name)).toBeGreaterThanOrEqual(58);
    expect(counts.get(a.name)).toBeLessThanOrEqual(62);
    expect((await runtime.stats()).find((s) => s.server === b.name)?.weight).toBe(50);
    await runtime.setWeight(backend, a.name, 100);
    await runtime.setWeight(backend, b.name, 100);
  });

  it("drain sends no new request to a pod while its in-flight slow request completes", async () => {
    // The slow request lands on b (a is in maintenance meanwhile).
    await runtime.setState(backend, a.name, "maint");
    const slow = get(LB, "/slow");
    await b.slowStarted;
    await runtime.setState(backend, a.name, "ready");
    await runtime.setState(backend, b.name, "drain");
    const drained = (await runtime.stats()).find((s) => s.server === b.name)!;
    expect(drained.status).toBe("DRAIN");
    expect(drained.currentSessions).toBe(1);
    expect(await spread(LB, 10)).toEqual(new Map([[a.name, 10]]));
    b.release();
    expect(await slow).toBe(b.name);
    await runtime.setState(backend, b.name, "ready");
    expect((await spread(LB, 10)).get(b.name)).toBe(5);
  });

  it("says what haproxy refused, and refuses names that would be a second command", async () => {
    await expect(runtime.setWeight(backend, "no-such-pod", 10)).rejects.toThrow(HaproxyRuntimeError);
    await expect(runtime.setState("be-nothing", a.name, "drain")).rejects.toThrow(HaproxyRuntimeError);
    await expect(runtime.setWeight(backend, `${a.name}; shutdown sessions`, 1)).rejects.toThrow(RangeError);
    await expect(runtime.setWeight(backend, a.name, 257)).rejects.toThrow(RangeError);
  });

  it("reloads hitlessly through the master CLI: the new hash is in force and no request failed", async () => {
    const next = renderDataPlane(spec({ algorithm: "leastconn" }));
    expect(next.hash).not.toBe(first.hash);
    running[0]!.write(next.text);
    const traffic = steadyTraffic(LB);
    await until("some traffic", async () => traffic.tally.ok > 20);
    await haproxyMasterReload(LB, { timeoutMs: 5000 });
    await until("the new configuration", async () => (await runtime.env(CONFIG_HASH_ENV)) === next.hash);
    const at = traffic.tally.ok;
    await until("traffic after the reload", async () => traffic.tally.ok > at + 20);
    await traffic.stop();
    expect(traffic.tally.errors).toEqual([]);
  });

  it("a reload right after a reload waits for the master, which closes its CLI while it re-executes", async () => {
    await haproxyMasterReload(LB, { timeoutMs: 5000 });
    await haproxyMasterReload(LB, { timeoutMs: 5000 });
    await until("the master's second reload", async () => (await runtime.env(CONFIG_HASH_ENV)) !== undefined);
  });

  it("with a sticky cookie, haproxy's drain still serves the cookie's holders and maint does not (haproxyServerState)", async () => {
    const sticky = renderDataPlane(spec({ stickyCookie: "SRV" }));
    running[0]!.write(sticky.text);
    await haproxyMasterReload(LB, { timeoutMs: 5000 });
    await until("the sticky configuration", async () => (await runtime.env(CONFIG_HASH_ENV)) === sticky.hash);
    const first = await request(LB);
    const cookie = first.setCookie!.split(";")[0]!;
    expect(cookie).toBe(`SRV=${first.body}`);
    for (let i = 0; i < 4; i++) expect((await request(LB, { cookie })).body).toBe(first.body);
    await runtime.setState(backend, first.body, "drain");
    expect((await request(LB, { cookie })).body).toBe(first.body);
    await runtime.setState(backend, first.body, haproxyServerState("DRAINING", "SRV"));
    expect((await request(LB, { cookie })).body).not.toBe(first.body);
    await runtime.setState(backend, first.body, "ready");
  });
});

describe("the pod policy and deadlines", () => {
  it("refuses a pod address the policy denies before connecting", async () => {
    const denied = new HaproxyRuntime(LB, { policy: policyFromEnv({}) });
    await expect(denied.stats()).rejects.toThrow(/loopback address, which the outbound policy does not allow/);
    await expect(nginxStatus(NGINX, { policy: policyFromEnv({}) })).rejects.toThrow(/outbound policy/);
    await expect(new HaproxyRuntime("pod.example").stats()).rejects.toThrow(/not a pod IP/);
  });

  it("gives up at the deadline on a runtime API that accepts and never answers", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, `${subnet}.20`, r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const started = Date.now();
      await expect(new HaproxyRuntime(`${subnet}.20`, { port, timeoutMs: 300 }).stats()).rejects.toThrow(DeadlineError);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
  });
});

describe("nginxStatus against a real nginx", () => {
  it("answers the configuration's hash and the request counter; a reload (SIGHUP) swaps the hash with no failed request", async () => {
    const first = renderDataPlane(spec({ kind: "nginx", algorithm: "round_robin" }));
    const nginx = await startDataPlane("nginx", first.text, NGINX, {
      ready: async () => (await nginxStatus(NGINX, { timeoutMs: 2000 })).configHash === first.hash,
    });
    running.push(nginx);
    const before = await nginxStatus(NGINX);
    expect(before.configHash).toBe(first.hash);
    expect(before.activeConnections).toBeGreaterThanOrEqual(1);
    // Each of nginx's workers keeps its own round robin, so the split is near, not exactly, even.
    const counts = await spread(NGINX, 10);
    expect(counts.get(a.name)! + counts.get(b.name)!).toBe(10);
    expect(Math.min(counts.get(a.name)!, counts.get(b.name)!)).toBeGreaterThanOrEqual(3);
    // 10 requests, and the 2 requests of the status call itself.
    expect((await nginxStatus(NGINX)).requests - before.requests).toBe(12);

    const next = renderDataPlane(
      spec({ kind: "nginx", algorithm: "least_conn", backends: spec().backends.map((x, i) => (i === 1 ? { ...x, state: "OUT" } : x)) }),
    );
    const traffic = steadyTraffic(NGINX);
    await until("some traffic", async () => traffic.tally.ok > 20);
    nginx.reloadNginx(next.text);
    await until("the new configuration", async () => (await nginxStatus(NGINX)).configHash === next.hash);
    await traffic.stop();
    expect(traffic.tally.errors).toEqual([]);
    // b is down in the new configuration.
    expect(await spread(NGINX, 6)).toEqual(new Map([[a.name, 6]]));

    // Sticky sessions: the cookie names the pod that served, and brings its holder back there while it is in.
    const sticky = (outPod?: string) =>
      renderDataPlane(
        spec({
          kind: "nginx",
          algorithm: "round_robin",
          stickyCookie: "SRV",
          backends: spec().backends.map((x) => (x.pod === outPod ? { ...x, state: "OUT" } : x)),
        }),
      );
    nginx.reloadNginx(sticky().text);
    await until("the sticky configuration", async () => (await nginxStatus(NGINX)).configHash === sticky().hash);
    const served = await request(NGINX);
    const servedBy = served.body === a.name ? a : b;
    const cookie = served.setCookie!.split(";")[0]!;
    expect(cookie).toBe(`SRV=${servedBy.address}:${servedBy.port}`);
    for (let i = 0; i < 6; i++) expect((await request(NGINX, { cookie })).body).toBe(served.body);
    // Taken out, the pod gets no request, cookie or not.
    const out = sticky(servedBy.name);
    nginx.reloadNginx(out.text);
    await until("the pod taken out", async () => (await nginxStatus(NGINX)).configHash === out.hash);
    for (let i = 0; i < 4; i++) expect((await request(NGINX, { cookie })).body).not.toBe(served.body);
  });
});
