// DaemonSet controller: one pod per node the DaemonSet's pods may run on, as kube-controller-manager's
// (pkg/controller/daemon): a node qualifies when it matches the template's nodeSelector and required node
// affinity and every NoSchedule/NoExecute taint is tolerated, counting the tolerations the controller adds to
// every daemon pod (so a cordoned or NotReady node keeps its pod). Each pod is pinned to its node by a
// required node affinity on metadata.name and bound by the scheduler, as the real controller does since 1.12.
// Pods on nodes that no longer qualify are deleted; extra pods on one node too. Rolling template updates are
// not simulated: pods keep the template they were created with until deleted.
import type { Cluster } from "../cluster.js";
import { clone } from "../k8s/store.js";
import { type OwnerIndex, isActive, isReady, ownerRef, recordEvent, suffix } from "./util.js";
import { termMatches, tolerates } from "./scheduler.js";
import type { DaemonSet, Node, Pod, PodSpec, Toleration } from "../k8s/objects.js";

/** util/daemonset.AddOrUpdateDaemonPodTolerations (hostNetwork's network-unavailable toleration left out). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

export function installDaemonSets(c: Cluster, owners: OwnerIndex) {
  const kick = (ns: string, name: string) => c.loop.coalesce(`ds:${ns}/${name}`, () => syncDaemonSet(c, owners, ns, name));
  const kickAll = () => {
    const all: DaemonSet[] = c.store.objects("apps/daemonsets");
    for (const d of all) kick(d.metadata.namespace!, d.metadata.name);
  };
  c.store.listeners.push((ev) => {
    if (ev.key === "apps/daemonsets") {
      if (ev.type !== "DELETED") kick(ev.obj.metadata.namespace!, ev.obj.metadata.name);
      return;
    }
    // a node appearing, going, or changing what qualifies it (labels, taints)
    if (ev.key === "nodes") {
      const n: Node = ev.obj,
        old: Node | undefined = ev.old;
      if (ev.type !== "MODIFIED" || JSON.stringify([old?.metadata.labels, old?.spec?.taints]) !== JSON.stringify([n.metadata.labels, n.spec?.taints]))
        kickAll();
      return;
    }
    if (ev.key !== "pods") return;
    const o: Pod = ev.obj,
      old: Pod = ev.old;
    const owner = (o.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === "DaemonSet");
    if (owner && (ev.type !== "MODIFIED" || isActive(old) !== isActive(o) || isReady(old) !== isReady(o))) kick(o.metadata.namespace!, owner.name);
  });
}

const daemonPod = (ds: DaemonSet, node: string) => {
  const t = clone(ds.spec.template);
  const spec = { ...t.spec };
  const merged = [...(spec.tolerations ?? [])];
  for (const d of DAEMON_TOLERATIONS) if (!merged.some((x) => x.key === d.key && x.effect === d.effect)) merged.push(d);
  spec.tolerations = merged;
  spec.affinity = {
    ...spec.affinity,
    nodeAffinity: {
      ...spec.affinity?.nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }] },
    },
  };
  const metadata = { ...t.metadata, name: `${ds.metadata.name}-${suffix()}`, namespace: ds.metadata.namespace, ownerReferences: [ownerRef(ds)] };
  delete metadata.creationTimestamp;
  return { metadata, spec };
};

/** The node a daemon pod belongs to: where it is bound, else the node its affinity pins it to. */
const nodeOf = (p: Pod): string | undefined =>
  p.spec.nodeName ??
  p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.find((f) => f.key === "metadata.name")
    ?.values?.[0];

function qualifies(ds: DaemonSet, node: Node): boolean {
  const spec: Partial<PodSpec> = ds.spec.template?.spec ?? {};
  const pod = { spec: { tolerations: [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS] } };
  const labels = node.metadata.labels ?? {};
  if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length && !terms.some((t) => termMatches(t, labels, node.metadata.name))) return false;
  return (node.spec?.taints ?? []).every((t) => t.effect === "PreferNoSchedule" || tolerates(pod, t));
}

function syncDaemonSet(c: Cluster, owners: OwnerIndex, ns: string, name: string) {
  const s = c.store;
  const ds: DaemonSet | undefined = s.get("apps/daemonsets", ns, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const byNode = new Map<string, Pod[]>();
  for (const p of owners.objects(c, ds.metadata.uid!, "pods").filter(isActive)) {
    const n = nodeOf(p) ?? "";
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const nodes: Node[] = s.objects("nodes");
  const wanted = new Set(nodes.filter((n) => qualifies(ds, n)).map((n) => n.metadata.name));
  for (const node of wanted) {
    if (byNode.get(node)?.length) continue;
    try {
      const p: Pod = s.create("pods", daemonPod(ds, node));
      recordEvent(c, ds, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, "daemonset-controller");
    } catch (e) {
      recordEvent(c, ds, "Warning", "FailedCreate", `Error creating: ${e instanceof Error ? e.message : e}`, "daemonset-controller");
      c.loop.after(1000, () => c.loop.coalesce(`ds:${ns}/${name}`, () => syncDaemonSet(c, owners, ns, name)));
    }
  }
  for (const [node, pods] of byNode) {
    const extra = wanted.has(node) ? pods.slice(1) : pods;
    for (const p of extra) {
      try {
        s.delete("pods", ns, p.metadata.name);
        recordEvent(c, ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, "daemonset-controller");
      } catch {
        /* gone */
      }
    }
  }
  const live = owners.objects(c, ds.metadata.uid!, "pods").filter(isActive);
  const scheduled = live.filter((p) => p.spec.nodeName);
  const ready = scheduled.filter(isReady).length;
  const status = {
    currentNumberScheduled: scheduled.filter((p) => wanted.has(p.spec.nodeName!)).length,
    numberMisscheduled: scheduled.filter((p) => !wanted.has(p.spec.nodeName!)).length,
    desiredNumberScheduled: wanted.size,
    numberReady: ready,
    updatedNumberScheduled: live.length,
    numberAvailable: ready,
    ...(wanted.size - ready > 0 ? { numberUnavailable: wanted.size - ready } : {}),
    observedGeneration: ds.metadata.generation,
  };
  s.mutate(
    "apps/daemonsets",
    ns,
    name,
    (d: DaemonSet) => {
      if (JSON.stringify(d.status) === JSON.stringify(status)) return false;
      d.status = status;
    },
    { subresource: "status" },
  );
}
