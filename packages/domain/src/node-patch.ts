// What must change on a Kubernetes Node for it to match its Capstan status and the labels operators set.
// Used by the reconciler (to patch) and by the inventory (to tell whether a reconcile is needed).
import { desiredNodeShape, type NodeStatus, STATUS_TAINT_KEY, type Taint } from "./node-lifecycle";

export interface ObservedNode {
  unschedulable: boolean;
  taints: { key: string; value?: string; effect: string }[];
  labels: Record<string, string>;
}

/** JSON merge patch for a Node; merge patch replaces lists whole, so `taints` is the full new list. */
export interface NodePatch {
  metadata?: { labels: Record<string, string | null> };
  spec?: { unschedulable?: boolean; taints?: ObservedNode["taints"] };
}

/** Labels in the kubernetes.io and k8s.io domains belong to the kubelet and Kubernetes; operators edit the rest. */
export const isKubernetesLabel = (key: string) => /^([^/]*\.)?(kubernetes\.io|k8s\.io)\//.test(key);

const sameTaint = (a: ObservedNode["taints"][number], b: Taint) => a.key === b.key && (a.value ?? "") === b.value && a.effect === b.effect;

/** null when the node already matches. `desiredLabels` null means nobody edited the labels: leave them. */
export function nodePatch(node: ObservedNode, status: NodeStatus, desiredLabels: Record<string, string> | null): NodePatch | null {
  const shape = desiredNodeShape(status);
  const patch: NodePatch = {};
  const spec: NonNullable<NodePatch["spec"]> = {};
  if (node.unschedulable !== shape.unschedulable) spec.unschedulable = shape.unschedulable;
  // Every taint under Capstan's key is the lifecycle's to set; other taints (zone=cicd, unreachable) stay.
  const lifecycle = node.taints.filter((t) => t.key === STATUS_TAINT_KEY);
  if (lifecycle.length !== shape.taints.length || !shape.taints.every((want) => lifecycle.some((t) => sameTaint(t, want))))
    spec.taints = [...node.taints.filter((t) => t.key !== STATUS_TAINT_KEY), ...shape.taints];
  if (Object.keys(spec).length) patch.spec = spec;
  if (desiredLabels) {
    const labels: Record<string, string | null> = {};
    for (const key of Object.keys(node.labels)) if (!isKubernetesLabel(key) && !(key in desiredLabels)) labels[key] = null;
    for (const [key, value] of Object.entries(desiredLabels)) if (node.labels[key] !== value) labels[key] = value;
    if (Object.keys(labels).length) patch.metadata = { labels };
  }
  return patch.spec || patch.metadata ? patch : null;
}
