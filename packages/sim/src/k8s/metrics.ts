// metrics.k8s.io/v1beta1 as metrics-server serves it (NodeMetrics, PodMetrics: list, get, label and field
// selectors), computed from the cluster's load model (../metrics/load-model.ts) at request time.
// Figures are those of the current 15-second window, in metrics-server's units: CPU in nanocores ("n"),
// memory in kibibytes ("Ki"); `window` is "15s" and `timestamp` the window's end.
import type { Store } from "./store.js";
import type { Node, Pod } from "./objects.js";
import { ApiError, notFound } from "./errors.js";
import { parseFieldSelector, parseLabelSelector } from "./selectors.js";
import { type LoadModel, WINDOW_MS, nodeOverhead } from "../metrics/load-model.js";

export const METRICS_GROUP = "metrics.k8s.io";
const GV = `${METRICS_GROUP}/v1beta1`;

/** The group as /apis and /apis/metrics.k8s.io list it (an APIService's group in a real cluster). */
export const metricsApiGroup = {
  name: METRICS_GROUP,
  versions: [{ groupVersion: GV, version: "v1beta1" }],
  preferredVersion: { groupVersion: GV, version: "v1beta1" },
};

const resources = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: GV,
  resources: [
    { name: "nodes", singularName: "", namespaced: false, kind: "NodeMetrics", verbs: ["get", "list"] },
    { name: "pods", singularName: "", namespaced: true, kind: "PodMetrics", verbs: ["get", "list"] },
  ],
};

const cpu = (cores: number) => `${Math.round(cores * 1e9)}n`;
const memory = (bytes: number) => `${Math.round(bytes / 1024)}Ki`;

interface Sources {
  store: Store;
  load: LoadModel;
  /** nodes whose kubelet is down: metrics-server gets nothing from them */
  deadNodes: Set<string>;
  now?: () => number;
}

/**
 * Answers a GET under /apis/metrics.k8s.io; `path` has no trailing slash. Returns the body, or undefined
 * for a path outside the group. Throws ApiError 404 for an unknown object or resource, as the real one does.
 */
export function metricsApi(src: Sources, path: string, q: URLSearchParams): unknown {
  if (path === `/apis/${METRICS_GROUP}`) return { kind: "APIGroup", apiVersion: "v1", ...metricsApiGroup };
  if (!path.startsWith(`/apis/${GV}`)) return undefined;
  const rest = path.slice(`/apis/${GV}`.length);
  if (rest === "") return resources;
  const now = (src.now ?? Date.now)();
  const window = Math.floor(now / WINDOW_MS);
  const meta = { timestamp: new Date(window * WINDOW_MS).toISOString(), window: `${WINDOW_MS / 1000}s` };
  const label = parseLabelSelector(q.get("labelSelector"));
  const field = parseFieldSelector(q.get("fieldSelector"));
  const running = (p: Pod) => p.status?.phase === "Running" && !!p.spec.nodeName && !src.deadNodes.has(p.spec.nodeName);
  const podMetrics = (p: Pod) => ({
    metadata: { name: p.metadata.name, namespace: p.metadata.namespace, labels: p.metadata.labels ?? {}, creationTimestamp: new Date(now).toISOString() },
    ...meta,
    containers: src.load.podUsage(p, window).map((c) => ({ name: c.name, usage: { cpu: cpu(c.cpu), memory: memory(c.memory) } })),
  });
  const nodeMetrics = (n: Node, pods: Pod[]) => {
    const base = nodeOverhead(n.status?.capacity ?? {});
    let c = base.cpu,
      m = base.memory;
    for (const p of pods)
      for (const u of src.load.podUsage(p, window)) {
        c += u.cpu;
        m += u.memory;
      }
    return {
      metadata: { name: n.metadata.name, labels: n.metadata.labels ?? {}, creationTimestamp: new Date(now).toISOString() },
      ...meta,
      usage: { cpu: cpu(c), memory: memory(m) },
    };
  };
  const list = (kind: string, items: unknown[]) => ({ kind, apiVersion: GV, metadata: {}, items });

  let m = rest.match(/^\/nodes(?:\/([^/]+))?$/);
  if (m) {
    const nodes = m[1]
      ? [src.store.get("nodes", "", m[1]) as Node | undefined].filter((n): n is Node => !!n && !src.deadNodes.has(n.metadata.name))
      : src.store
          .list("nodes", undefined, label, field)
          .map((e) => e.obj as Node)
          .filter((n) => !src.deadNodes.has(n.metadata.name));
    if (m[1] && !nodes.length) throw notFound(METRICS_GROUP, "nodes", m[1]);
    const wanted = new Set(nodes.map((n) => n.metadata.name));
    const byNode = new Map<string, Pod[]>();
    for (const e of src.store.list("pods")) {
      const p = e.obj as Pod;
      if (!running(p) || !wanted.has(p.spec.nodeName!)) continue;
      const xs = byNode.get(p.spec.nodeName!) ?? [];
      xs.push(p);
      byNode.set(p.spec.nodeName!, xs);
    }
    const items = nodes.map((n) => nodeMetrics(n, byNode.get(n.metadata.name) ?? []));
    return m[1] ? { kind: "NodeMetrics", apiVersion: GV, ...items[0] } : list("NodeMetricsList", items);
  }
  m = rest.match(/^(?:\/namespaces\/([^/]+))?\/pods(?:\/([^/]+))?$/);
  if (m) {
    const [, ns, name] = m;
    if (name) {
      const p = ns === undefined ? undefined : (src.store.get("pods", ns, name) as Pod | undefined);
      if (!p || !running(p)) throw notFound(METRICS_GROUP, "pods", name);
      return { kind: "PodMetrics", apiVersion: GV, ...podMetrics(p) };
    }
    const pods = src.store
      .list("pods", ns, label, field)
      .map((e) => e.obj as Pod)
      .filter(running);
    return list("PodMetricsList", pods.map(podMetrics));
  }
  throw new ApiError(404, "NotFound", "the server could not find the requested resource");
}
