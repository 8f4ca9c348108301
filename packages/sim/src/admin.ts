// Fault injection: library API plus a tiny admin HTTP endpoint (POST JSON, no auth: loopback only).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { Cluster } from "./cluster.js";
import type { Registry } from "./harbor/registry.js";
import { type FaultSpec } from "./faults.js";
import type { RequestCounter } from "./request-counter.js";
import type { LoadSetting } from "./metrics/load-model.js";

export class FaultController {
  constructor(
    private clusters: Cluster[],
    private registries: Registry[],
  ) {}
  private target(name: string) {
    const t = this.clusters.find((c) => c.name === name) ?? this.registries.find((r) => r.name === name);
    if (!t) throw new Error(`unknown cluster or registry: ${name}`);
    return t;
  }
  private cluster(name: string) {
    const c = this.clusters.find((x) => x.name === name);
    if (!c) throw new Error(`unknown cluster: ${name}`);
    return c;
  }
  /** Added latency / error rate on a cluster API server or a registry. */
  set(name: string, spec: FaultSpec) {
    this.target(name).faults.set(spec);
  }
  /** Ends the faults of one target or of all; a cluster's crash loops end too. */
  clear(name?: string) {
    for (const t of name ? [this.target(name)] : [...this.clusters, ...this.registries]) {
      t.faults.clear();
      if ("kubelet" in t) t.kubelet.clearCrashLoops();
    }
  }
  /**
   * Makes the containers of a cluster's pods in `namespace` whose labels match `labelSelector` crash
   * soon after each start, restarted with back-off (CrashLoopBackOff), until `clear`.
   */
  crashLoop(cluster: string, namespace: string, labelSelector?: string) {
    this.cluster(cluster).kubelet.crashLoop(namespace, labelSelector);
  }
  /** Holds a cluster API server's requests whose URL matches until the returned function is called (tests only). */
  hold(cluster: string, match: (url: URL) => boolean) {
    return this.cluster(cluster).faults.hold(match);
  }
  dropWatches(cluster: string) {
    return this.cluster(cluster).faults.dropWatches();
  }
  refuseConnections(name: string, seconds: number) {
    return this.target(name).faults.refuseConnections(seconds);
  }
  /** Connections open to a cluster's API server or a registry now (clients that gave up have closed theirs). */
  connections(name: string): Promise<number> {
    const t = this.target(name);
    const server = "api" in t ? t.api.server : t.server;
    return new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
  }
  killNode(cluster: string, node: string) {
    this.cluster(cluster).killNode(node);
  }
  reviveNode(cluster: string, node: string) {
    this.cluster(cluster).reviveNode(node);
  }
  /** Lines per second every container of the cluster prints from now on (0–1000; controllers/log-generator.ts). */
  logRate(cluster: string, linesPerSecond: number) {
    this.cluster(cluster).kubelet.logClock.setRate(linesPerSecond);
  }
  /**
   * Sets how busy a group's pods are (metrics/load-model.ts), for the pods of `namespace` matching
   * `labelSelector`: per pod (`cpu`, `memory`: fractions of each pod's requests) or shared (`cpuTotal`,
   * `memoryTotal`: the group's whole demand in units of one pod's request, divided among its serving pods,
   * so an autoscaler's new replicas take load off the others). Throws on both forms for one resource.
   */
  setLoad(cluster: string, namespace: string, labelSelector: string | undefined, load: LoadSetting) {
    this.cluster(cluster).load.set(namespace, labelSelector, load);
  }
  /** Every pod of the cluster back to the idle load. */
  clearLoad(cluster: string) {
    this.cluster(cluster).load.clear();
  }
  churn(cluster: string, namespace: string, count: number) {
    return this.cluster(cluster).churn(namespace, count);
  }
  stats() {
    const m = process.memoryUsage();
    // Requests served so far by each API server and registry, by verb and resource.
    const counters: [string, RequestCounter][] = [
      ...this.clusters.map((c) => [c.name, c.api.requests] as [string, RequestCounter]),
      ...this.registries.map((r) => [r.name, r.requests] as [string, RequestCounter]),
    ];
    const requests = Object.fromEntries(counters.map(([name, c]) => [name, Object.fromEntries(c.snapshot())]));
    return {
      clusters: this.clusters.map((c) => c.stats()),
      requests,
      memory: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external },
    };
  }
}

const Body = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("set"),
    target: z.string(),
    latencyMs: z.number().min(0).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    errorCode: z.union([z.literal(500), z.literal(429)]).optional(),
    retryAfterSeconds: z.number().optional(),
    answer: z.enum(["normal", "html", "truncated", "blackHole"]).optional(),
  }),
  z.object({ action: z.literal("clear"), target: z.string().optional() }),
  z.object({ action: z.literal("connections"), target: z.string() }),
  z.object({ action: z.literal("dropWatches"), target: z.string() }),
  z.object({ action: z.literal("refuseConnections"), target: z.string(), seconds: z.number().positive() }),
  z.object({ action: z.literal("killNode"), target: z.string(), node: z.string() }),
  z.object({ action: z.literal("reviveNode"), target: z.string(), node: z.string() }),
  z.object({ action: z.literal("crashLoop"), target: z.string(), namespace: z.string(), labelSelector: z.string().optional() }),
  z.object({ action: z.literal("logRate"), target: z.string(), linesPerSecond: z.number().min(0).max(1000) }),
  z.object({
    action: z.literal("setLoad"),
    target: z.string(),
    namespace: z.string(),
    labelSelector: z.string().optional(),
    cpu: z.number().min(0).optional(),
    memory: z.number().min(0).optional(),
    cpuTotal: z.number().min(0).optional(),
    memoryTotal: z.number().min(0).optional(),
  }),
  z.object({ action: z.literal("clearLoad"), target: z.string() }),
  z.object({ action: z.literal("churn"), target: z.string(), namespace: z.string(), count: z.number().int().positive() }),
]);

export async function startAdmin(f: FaultController, host: string, port: number) {
  const server = http.createServer(async (req, res) => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/stats") return reply(200, f.stats());
    if (req.method !== "POST" || req.url !== "/faults") return reply(404, { error: "POST /faults {action, target, ...} or GET /stats" });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const b = Body.parse(JSON.parse(Buffer.concat(chunks).toString() || "{}"));
      let result: unknown = "ok";
      switch (b.action) {
        case "set": {
          const { action: _action, target, ...spec } = b;
          f.set(target, spec);
          break;
        }
        case "clear":
          f.clear(b.target);
          break;
        case "connections":
          result = await f.connections(b.target);
          break;
        case "dropWatches":
          result = f.dropWatches(b.target);
          break;
        case "refuseConnections":
          void f.refuseConnections(b.target, b.seconds);
          break;
        case "killNode":
          f.killNode(b.target, b.node);
          break;
        case "reviveNode":
          f.reviveNode(b.target, b.node);
          break;
        case "crashLoop":
          f.crashLoop(b.target, b.namespace, b.labelSelector);
          break;
        case "logRate":
          f.logRate(b.target, b.linesPerSecond);
          break;
        case "setLoad":
          f.setLoad(b.target, b.namespace, b.labelSelector, { cpu: b.cpu, memory: b.memory, cpuTotal: b.cpuTotal, memoryTotal: b.memoryTotal });
          break;
        case "clearLoad":
          f.clearLoad(b.target);
          break;
        case "churn":
          result = await f.churn(b.target, b.namespace, b.count);
          break;
      }
      reply(200, { result });
    } catch (e) {
      reply(400, { error: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(port, host, () => r()));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
