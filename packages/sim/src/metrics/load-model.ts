// The simulated workload behind metrics.k8s.io: how busy each group's pods are. Tests and the admin
// endpoint set a load per group (namespace + label selector); a pod's usage follows its requests times
// that load, with a little deterministic noise per 15-second window, so the same window always reads
// the same figures and consecutive windows differ as real ones do. A load is either per pod (each pod
// busy at a fraction of its request, however many there are) or shared (the group's whole demand,
// divided among its serving pods, so more replicas each do less: what a HorizontalPodAutoscaler needs).
import { parseQuantity } from "../k8s/quantity.js";
import { type Selector, matches, parseLabelSelector } from "../k8s/selectors.js";
import type { Pod } from "../k8s/objects.js";
import { rng } from "../rng.js";

/** metrics-server's default resolution (`--metric-resolution=15s`): the window each figure averages. */
export const WINDOW_MS = 15_000;

/**
 * A load setting. `cpu` is the fraction of the container's CPU request in use (1 = exactly the request;
 * above 1 the container bursts towards its limit, where it is throttled); `memory` likewise of its memory
 * request (capped just under the limit: above it the kernel would OOM-kill the container).
 */
export interface Load {
  cpu: number;
  memory: number;
}

/**
 * A load setting as given: per pod (`cpu`, `memory`: fractions of each pod's request) or shared
 * (`cpuTotal`, `memoryTotal`: the group's whole demand in units of one pod's request, divided evenly
 * among the matching pods that serve: running, ready, on a live node). Per resource, one form or neither.
 */
export interface LoadSetting {
  cpu?: number;
  memory?: number;
  cpuTotal?: number;
  memoryTotal?: number;
}

/**
 * The cluster as a shared load sees it: the pods of a namespace, whether a pod serves now (running,
 * ready, on a live node: it gets traffic), and a version that moves whenever either may have changed
 * (the store's resourceVersion), so the peers of a rule are counted once per version.
 */
export interface PodView {
  pods(namespace: string): Iterable<Pod>;
  serves(pod: Pod): boolean;
  version(): number;
}
/** Without a cluster: every pod serves, alone. */
const ALONE: PodView = { pods: () => [], serves: () => true, version: () => 0 };

/** What a pod uses when no setting covers it: a mostly idle service. */
export const IDLE: Load = { cpu: 0.2, memory: 0.5 };
/** Assumed requests of a container without any (the LimitRange default of Capstan's namespaces). */
const DEFAULT_REQUEST = { cpu: 0.1, memory: 128 * 2 ** 20 };
/** ±5 % noise around the modelled figure. */
const NOISE = 0.05;

export interface ContainerUsage {
  name: string;
  /** cores */
  cpu: number;
  /** bytes */
  memory: number;
}

interface Rule {
  namespace: string;
  selector: Selector;
  selectorText: string;
  /** per-pod fractions (IDLE's where unset) */
  load: Load;
  /** shared totals, which take the place of the per-pod fraction of their resource */
  shared: { cpu?: number; memory?: number };
}

/** FNV-1a: a stable seed from a pod's uid and a window number. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The load per group of one cluster, and the usage it gives each pod. */
export class LoadModel {
  private rules: Rule[] = [];
  /** peers per shared rule, recounted when `version()` moves (the store's resourceVersion) */
  private peerCache = new Map<Rule, { version: number; n: number }>();

  constructor(private view: PodView = ALONE) {}

  /**
   * Sets the load of the pods in `namespace` whose labels match `labelSelector` (Kubernetes selector
   * syntax; empty: every pod of the namespace). A later setting for the same namespace and selector
   * replaces the earlier; among overlapping ones the latest set wins. Unset fields keep `IDLE`'s.
   * Throws on a selector that does not parse, a negative load, or both forms given for one resource.
   */
  set(namespace: string, labelSelector: string | undefined, load: LoadSetting): void {
    const selectorText = labelSelector ?? "";
    if (Object.values(load).some((v) => v !== undefined && !(v >= 0))) throw new Error("load must be zero or more");
    if (load.cpu !== undefined && load.cpuTotal !== undefined) throw new Error("give cpu (per pod) or cpuTotal (shared), not both");
    if (load.memory !== undefined && load.memoryTotal !== undefined) throw new Error("give memory (per pod) or memoryTotal (shared), not both");
    const full = { cpu: load.cpu ?? IDLE.cpu, memory: load.memory ?? IDLE.memory };
    const selector = parseLabelSelector(selectorText);
    this.rules = this.rules.filter((r) => !(r.namespace === namespace && r.selectorText === selectorText));
    this.rules.push({ namespace, selector, selectorText, load: full, shared: { cpu: load.cpuTotal, memory: load.memoryTotal } });
    this.peerCache.clear();
  }

  /** Forgets every setting (all pods back to `IDLE`). */
  clear(): void {
    this.rules = [];
    this.peerCache.clear();
  }

  /**
   * The load that applies to a pod: the latest matching setting, else `IDLE`. A shared total is divided
   * by the number of serving peers (at least 1); a pod that does not serve (not ready: no traffic) gets
   * `IDLE`'s fraction of a shared resource instead.
   */
  loadOf(pod: Pod): Load {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i];
      if (r.namespace !== pod.metadata.namespace || !matches(r.selector, pod.metadata.labels)) continue;
      if (r.shared.cpu === undefined && r.shared.memory === undefined) return r.load;
      const n = this.view.serves(pod) ? this.peersOf(r) : 0;
      const share = (total: number | undefined, own: number, idle: number) => (total === undefined ? own : n ? total / n : idle);
      return { cpu: share(r.shared.cpu, r.load.cpu, IDLE.cpu), memory: share(r.shared.memory, r.load.memory, IDLE.memory) };
    }
    return IDLE;
  }

  private peersOf(r: Rule): number {
    const version = this.view.version();
    const hit = this.peerCache.get(r);
    if (hit && hit.version === version) return hit.n;
    let n = 0;
    for (const p of this.view.pods(r.namespace)) if (matches(r.selector, p.metadata.labels) && this.view.serves(p)) n++;
    n = Math.max(1, n);
    this.peerCache.set(r, { version, n });
    return n;
  }

  /**
   * Per-container usage of a running pod during window `window` (= floor(ms since the epoch / WINDOW_MS)):
   * requests × load × (1 ± 5 % noise), CPU capped at its limit, memory at 95 % of its limit.
   */
  podUsage(pod: Pod, window: number): ContainerUsage[] {
    const load = this.loadOf(pod);
    const rand = rng(hash(`${pod.metadata.uid ?? pod.metadata.name}/${window}`));
    return (pod.spec?.containers ?? []).map((c) => {
      const req = c.resources?.requests ?? {},
        lim = c.resources?.limits ?? {};
      const cpuReq = parseQuantity(req.cpu) || DEFAULT_REQUEST.cpu;
      const memReq = parseQuantity(req.memory) || DEFAULT_REQUEST.memory;
      const cpuLim = parseQuantity(lim.cpu) || Infinity;
      const memLim = parseQuantity(lim.memory) || Infinity;
      const noise = () => 1 - NOISE + 2 * NOISE * rand();
      return {
        name: c.name,
        cpu: Math.min(cpuReq * load.cpu * noise(), cpuLim),
        memory: Math.min(memReq * load.memory * noise(), memLim * 0.95),
      };
    });
  }
}

/**
 * What a node's system daemons (kubelet, container runtime, OS) use beside its pods: 5 % of its CPU and
 * 8 % of its memory, roughly what an idle kubeadm node shows in `kubectl top node`.
 */
export function nodeOverhead(capacity: { cpu?: string; memory?: string }): { cpu: number; memory: number } {
  return { cpu: parseQuantity(capacity.cpu) * 0.05, memory: parseQuantity(capacity.memory) * 0.08 };
}
