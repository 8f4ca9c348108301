// What an ordinary pod's containers answer on the loopback pod network (docs/simulator.md): one Node
// HTTP server per (pod IP, container port), opened when the pod starts running and closed when it ends,
// so traffic really flows to simulated pods (a load balancer's health checks and requests, curl, dig's
// targets). The answers are computed from the pod as stored at each request, so readiness follows the
// simulated kubelet's Ready condition.
import http from "node:http";
import type { Container, Pod } from "../k8s/objects.js";

/** The label of a Capstan group on its pods; echoed in each answer when present. */
const GROUP_LABEL = "capstan.io/group";
/** The longest `?sleep=` a request may ask for, in ms (a test's slow request; never holds a server for long). */
const MAX_SLEEP_MS = 60_000;

/** What a pod's port answers (JSON) to any path but its readiness probe's. */
export interface PodAnswer {
  pod: string;
  namespace: string;
  /** The `capstan.io/group` label, or null. */
  group: string | null;
  /** The image of the container that declares the port. */
  image: string;
  ip: string;
  port: number;
}

interface Served {
  servers: http.Server[];
  ip: string;
}

/**
 * The servers of every pod on one cluster's loopback pod network. `lookup(uid)` gives the pod as stored
 * now (undefined once it is gone); the servers answer from it. `onRequest(uid, container)` is told of each
 * request answered other than a readiness probe's (the traffic that costs the container CPU).
 */
export class PodServers {
  private pods = new Map<string, Served>();
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private lookup: (ns: string, name: string, uid: string) => Pod | undefined,
    private onRequest: (uid: string, container: string) => void = () => {},
  ) {}

  /**
   * Starts answering on each TCP container port of `pod` (and each readiness probe's httpGet port) at its
   * pod IP. Idempotent per pod uid. A port that cannot be bound (in use) is skipped with a log line, as a
   * container whose bind fails would serve nothing there.
   */
  serve(pod: Pod) {
    const uid = pod.metadata.uid!;
    const ip = pod.status?.podIP;
    if (!ip || this.pods.has(uid)) return;
    const served: Served = { servers: [], ip };
    this.pods.set(uid, served);
    for (const { port, container } of podPorts(pod)) {
      const server = http.createServer((req, res) => this.answer(pod, container, port, req, res));
      server.keepAliveTimeout = 5000;
      server.on("error", (e) => console.error(`[sim] pod ${pod.metadata.namespace}/${pod.metadata.name} cannot listen on ${ip}:${port}: ${e.message}`));
      server.listen(port, ip);
      served.servers.push(server);
    }
  }

  /** True while the pod's servers are open (for tests and the kubelet's bookkeeping). */
  serving(uid: string) {
    return this.pods.has(uid);
  }

  /**
   * The pod terminates: no new connections; requests in flight finish, and whatever is still open after
   * `graceMs` is cut (as the kubelet kills a container after its grace period).
   */
  stop(uid: string, graceMs: number) {
    const served = this.pods.get(uid);
    if (!served) return;
    this.pods.delete(uid);
    for (const s of served.servers) {
      s.close();
      s.closeIdleConnections();
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      for (const s of served.servers) s.closeAllConnections();
    }, graceMs);
    t.unref();
    this.timers.add(t);
  }

  /** The pod's containers die at once (its node was killed, or the simulator stops): every connection is cut. */
  kill(uid: string) {
    const served = this.pods.get(uid);
    if (!served) return;
    this.pods.delete(uid);
    for (const s of served.servers) {
      s.close();
      s.closeAllConnections();
    }
  }

  /** Cuts everything (the simulator stops). */
  close() {
    for (const uid of [...this.pods.keys()]) this.kill(uid);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private answer(pod: Pod, container: Container, port: number, req: http.IncomingMessage, res: http.ServerResponse) {
    const cur = this.lookup(pod.metadata.namespace!, pod.metadata.name, pod.metadata.uid!);
    // A server of a pod gone (or going) accepts no new work on a kept-alive connection either.
    if (!cur || cur.metadata.deletionTimestamp) res.setHeader("Connection", "close");
    const url = new URL(req.url ?? "/", "http://pod");
    const sleep = Math.min(MAX_SLEEP_MS, Math.max(0, Number(url.searchParams.get("sleep")) || 0));
    const send = () => {
      const probe = container.readinessProbe?.httpGet;
      if (probe && url.pathname === (probe.path ?? "/") && probePort(container, probe.port) === port) {
        const ready = cur?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
        res.writeHead(ready ? 200 : 503, { "Content-Type": "text/plain" });
        return res.end(ready ? "ok\n" : "not ready\n");
      }
      this.onRequest(pod.metadata.uid!, container.name);
      const body: PodAnswer = {
        pod: pod.metadata.name,
        namespace: pod.metadata.namespace!,
        group: (cur ?? pod).metadata.labels?.[GROUP_LABEL] ?? null,
        image: container.image ?? "",
        ip: pod.status!.podIP!,
        port,
      };
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body) + "\n");
    };
    if (sleep) setTimeout(send, sleep);
    else send();
  }
}

/** A probe's port: a number, or the name of one of the container's ports. */
function probePort(container: Container, port: number | string | undefined) {
  if (typeof port === "number") return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The (port, container) pairs a pod answers on: its TCP container ports and its readiness probes' httpGet ports. */
export function podPorts(pod: Pod): { port: number; container: Container }[] {
  const out = new Map<number, Container>();
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if ((p.protocol ?? "TCP") === "TCP" && !out.has(p.containerPort)) out.set(p.containerPort, c);
    const probe = probePort(c, c.readinessProbe?.httpGet?.port);
    if (probe && !out.has(probe)) out.set(probe, c);
  }
  return [...out].map(([port, container]) => ({ port, container }));
}
