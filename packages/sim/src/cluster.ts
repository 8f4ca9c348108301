// One simulated cluster: store + admission + API server + controllers + simulated kubelets.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Store } from "./k8s/store.js";
import { ApiServer, type SubresourceHandlers, CA_PEM } from "./k8s/apiserver.js";
import { validate } from "./k8s/validation.js";
import { schemaValidate } from "./k8s/schema.js";
import { defaults } from "./k8s/defaults.js";
import { FaultState } from "./faults.js";
import { metricsApi } from "./k8s/metrics.js";
import { LoadModel } from "./metrics/load-model.js";
import { TrafficMeter } from "./metrics/traffic.js";
import { Loop } from "./loop.js";
import { planNodes, nodeObject } from "./nodes.js";
import { installControllers, installKubelet } from "./controllers/index.js";
import type { Kubelet } from "./controllers/kubelet.js";
import type { Scheduler } from "./controllers/scheduler.js";
import { type OwnerIndex, isReady } from "./controllers/util.js";
import type { Pod } from "./k8s/objects.js";
import type { PullCredentials } from "./harbor/registry.js";
import type { ServiceForwarders } from "./network/service-forwarders.js";

export interface Timings {
  /** kubelet: bound -> image pulled / containers started */
  startMs: number;
  /** time a Job pod runs before succeeding (annotation sim.capstan.io/run-ms overrides) */
  jobRunMs: number;
  /** ErrImagePull -> ImagePullBackOff and retry interval */
  backoffMs: number;
  /** node Lease renew interval; 0 disables heartbeats */
  leaseRenewMs: number;
  /** lease age after which a node is NotReady */
  nodeGraceMs: number;
  /** NotReady node -> its pods evicted (default toleration is 300 s in Kubernetes) */
  podEvictionMs: number;
  /** kubelet removes a deleted pod after min(grace period, this) */
  terminationMs: number;
  /** scale factor for probe initialDelaySeconds (1 = real seconds) */
  probeScale: number;
  /** HorizontalPodAutoscaler sync period (kube-controller-manager's --horizontal-pod-autoscaler-sync-period, 15 s) */
  hpaSyncMs: number;
}
export const DEFAULT_TIMINGS: Timings = {
  startMs: 200,
  jobRunMs: 1000,
  backoffMs: 2000,
  leaseRenewMs: 10_000,
  nodeGraceMs: 40_000,
  podEvictionMs: 30_000,
  terminationMs: 200,
  probeScale: 1,
  hpaSyncMs: 15_000,
};

export type ImageCheck = (image: string, credentials?: PullCredentials) => "ok" | "missing" | "unauthorized";

export interface ClusterOpts {
  name: string;
  dataCentre: string;
  index: number;
  nodes: number;
  seed: number;
  port?: number;
  host?: string;
  token?: string;
  timings?: Partial<Timings>;
  imageCheck?: ImageCheck;
  recordEvents?: boolean;
  kubeVersion?: string;
  /** events kept for watch resume; older resourceVersions get 410 Gone */
  watchHistory?: number;
  /**
   * Set: the loopback pod network (nodes.ts), pod IPs from 127.<loopbackOctet>.0.0/16, where pods and LB
   * pods really serve. Unset: pod IPs from 10.x node CIDRs.
   */
  loopbackOctet?: number;
  /** Lines per second each simulated container prints (default 0.5; controllers/log-generator.ts). */
  logLinesPerSecond?: number;
}

export class Cluster {
  store: Store;
  loop = new Loop(50);
  faults = new FaultState();
  handlers: SubresourceHandlers = {};
  api: ApiServer;
  token: string;
  timings: Timings;
  url = "";
  port = 0;
  host: string;
  kubeVersion: string;
  /** nodes whose kubelet is "dead" (fault injection) */
  deadNodes = new Set<string>();
  imageCheck: ImageCheck;
  recordEvents: boolean;
  private refusing = false;
  /** `forwarders`: traffic to LoadBalancer Services' external addresses, on the loopback pod network only. */
  controllers?: { owners: OwnerIndex; scheduler: Scheduler; forwarders?: ServiceForwarders };
  kubelet!: Kubelet;
  /** How busy each group's pods are: what metrics.k8s.io reports (docs/simulator.md, "Metrics"). */
  load: LoadModel;
  /** Requests each pod served on the loopback pod network, which raise its CPU usage (metrics/traffic.ts). */
  traffic = new TrafficMeter();

  constructor(public opts: ClusterOpts) {
    this.store = new Store(opts.watchHistory ?? 50_000);
    this.token = opts.token ?? randomBytes(16).toString("hex");
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
    this.host = opts.host ?? "127.0.0.1";
    this.kubeVersion = opts.kubeVersion ?? "v1.31.0-sim";
    this.imageCheck = opts.imageCheck ?? (() => "ok");
    this.recordEvents = opts.recordEvents ?? true;
    this.load = new LoadModel({
      pods: (ns) => [...(this.store.table("pods").ns(ns)?.values() ?? [])].map((e) => e.obj as Pod),
      serves: (p) => this.serves(p),
      version: () => this.store.rv,
      requestRate: (p, container) => this.traffic.rate(p.metadata.uid!, container),
    });
    this.store.listeners.push((ev) => {
      if (ev.key === "pods" && ev.type === "DELETED") this.traffic.forget(ev.obj.metadata.uid);
    });
    this.store.mutators.push(defaults);
    this.store.validators.push(validate, schemaValidate);
    this.api = new ApiServer({
      name: opts.name,
      store: this.store,
      token: this.token,
      faults: this.faults,
      handlers: this.handlers,
      version: this.kubeVersion,
    });
    this.handlers.metrics = (path, q) => metricsApi({ store: this.store, load: this.load, deadNodes: this.deadNodes }, path, q);
    this.faults.onRefuse.push((s) => this.refuse(s));
    installControllers(this);
    this.bootstrap();
    this.kubelet = installKubelet(this);
  }
  get name() {
    return this.opts.name;
  }

  private bootstrap() {
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) this.store.create("namespaces", { metadata: { name: ns } });
    this.store.create("services", {
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, targetPort: 6443 }] },
    });
    for (const n of planNodes(this.name, this.opts.nodes, this.opts.seed))
      this.store.create("nodes", nodeObject(n, this.opts.index, this.kubeVersion, this.opts.loopbackOctet));
  }

  async start() {
    await new Promise<void>((res, rej) => {
      this.api.server.once("error", rej);
      this.api.server.listen(this.opts.port ?? 0, this.host, () => res());
    });
    this.port = (this.api.server.address() as AddressInfo).port;
    this.url = `https://${this.host}:${this.port}`;
  }

  private async refuse(seconds: number) {
    if (this.refusing) return;
    this.refusing = true;
    this.faults.dropWatches();
    await new Promise<void>((r) => {
      this.api.server.close(() => r());
      this.api.server.closeAllConnections();
    });
    setTimeout(() => {
      this.api.server.listen(this.port, this.host, () => {
        this.refusing = false;
      });
    }, seconds * 1000).unref();
  }

  async stop() {
    this.loop.stop();
    this.controllers?.forwarders?.closeAll();
    await this.kubelet.shutdown();
    this.faults.dropWatches();
    if (this.api.server.listening)
      await new Promise<void>((r) => {
        this.api.server.close(() => r());
        this.api.server.closeAllConnections();
      });
  }

  /** A pod that gets traffic now: running, ready, not terminating, on a node whose kubelet is alive. */
  serves(p: Pod): boolean {
    return p.status?.phase === "Running" && isReady(p) && !p.metadata.deletionTimestamp && !!p.spec.nodeName && !this.deadNodes.has(p.spec.nodeName);
  }

  killNode(name: string) {
    this.store.mustGet("nodes", "", name);
    this.deadNodes.add(name);
    this.kubelet.nodeDown(name);
  }
  reviveNode(name: string) {
    this.deadNodes.delete(name);
    this.kubelet.nodeUp(name);
    // with heartbeats off nothing else notices the revival
    if (!this.timings.leaseRenewMs) this.kubelet.resync(name);
  }

  stats() {
    const pods = this.store.table("pods");
    let running = 0,
      pending = 0;
    for (const m of pods.byNs.values())
      for (const e of m.values()) {
        const ph = e.obj.status?.phase;
        if (ph === "Running") running++;
        else if (ph === "Pending") pending++;
      }
    return { name: this.name, url: this.url, nodes: this.store.count("nodes"), pods: pods.size, running, pending, resourceVersion: this.store.rv };
  }

  /** Bench helper: touch `count` pods in a namespace (annotation bump) to generate watch traffic. */
  async churn(namespace: string, count: number) {
    const names = [...(this.store.table("pods").ns(namespace)?.keys() ?? [])].slice(0, count);
    const stamp = String(Date.now());
    for (let i = 0; i < names.length; i += 1000) {
      for (const n of names.slice(i, i + 1000)) {
        // structural sharing instead of a deep clone: committed objects are never mutated in place
        const cur = this.store.get("pods", namespace, n);
        if (cur)
          this.store.update(
            "pods",
            { ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, "sim.capstan.io/churn": stamp } } },
            { trusted: true },
          );
      }
      await new Promise((r) => setImmediate(r));
    }
    return names.length;
  }

  kubeconfig(): string {
    const n = this.name;
    return [
      "apiVersion: v1",
      "kind: Config",
      `current-context: ${n}`,
      "preferences: {}",
      "clusters:",
      `- name: ${n}`,
      "  cluster:",
      `    server: ${this.url}`,
      `    certificate-authority-data: ${CA_PEM.toString("base64")}`,
      "contexts:",
      `- name: ${n}`,
      "  context:",
      `    cluster: ${n}`,
      `    user: ${n}-admin`,
      "    namespace: default",
      "users:",
      `- name: ${n}-admin`,
      "  user:",
      `    token: ${this.token}`,
      "",
    ].join("\n");
  }
}
