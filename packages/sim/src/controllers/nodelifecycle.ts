// Node lifecycle: stale Lease -> Ready=Unknown + unreachable taints; after podEvictionMs the pods on
// the node are deleted (they stay Terminating while the kubelet is dead, as in real clusters).
import type { Cluster } from "../cluster.js";
import { nowIso, recordEvent } from "./util.js";
import type { KubeObject, Node, Pod } from "../k8s/objects.js";

const UNREACHABLE = "node.kubernetes.io/unreachable";

// renewTime strings repeat across checks; parsing 20,000 of them a second is measurable
const timeCache = new Map<string, number>();
function parsedTime(s: string) {
  let v = timeCache.get(s);
  if (v === undefined) {
    v = Date.parse(s);
    if (timeCache.size > 100_000) timeCache.clear();
    timeCache.set(s, v);
  }
  return v;
}

export function installNodeLifecycle(c: Cluster, onRevive: (node: string) => void) {
  const notReadySince = new Map<string, number>();
  const evicted = new Set<string>();
  let last = 0;
  c.loop.periodic.push((now) => {
    if (!c.timings.leaseRenewMs || now - last < Math.max(100, Math.min(1000, c.timings.nodeGraceMs / 4))) return;
    last = now;
    const s = c.store;
    const leases = s.table("coordination.k8s.io/leases").ns("kube-node-lease");
    const total = s.count("nodes");
    for (const [name, e] of s.table("nodes").ns("") ?? []) {
      // coordination.k8s.io/v1 Lease: spec.renewTime is a MicroTime (RFC 3339 with microseconds)
      const lease: (KubeObject & { spec: { renewTime: string } }) | undefined = leases?.get(name)?.obj;
      const renew = lease ? parsedTime(lease.spec.renewTime) : 0;
      const stale = now - renew > c.timings.nodeGraceMs;
      const down = notReadySince.has(name);
      if (stale && !down) {
        notReadySince.set(name, now);
        const t = nowIso();
        s.mutate("nodes", "", name, (n: Node) => {
          n.status!.conditions = n.status!.conditions!.map((q) => ({
            ...q,
            status: "Unknown",
            reason: "NodeStatusUnknown",
            message: "Kubelet stopped posting node status.",
            lastTransitionTime: t,
          }));
          n.spec!.taints = [
            ...(n.spec!.taints ?? []).filter((x) => x.key !== UNREACHABLE),
            { key: UNREACHABLE, effect: "NoSchedule", timeAdded: t },
            { key: UNREACHABLE, effect: "NoExecute", timeAdded: t },
          ];
        });
        recordEvent(
          c,
          { ...e.obj, metadata: { ...e.obj.metadata, namespace: "default" } },
          "Normal",
          "NodeNotReady",
          `Node ${name} status is now: NodeNotReady`,
          "node-controller",
        );
      } else if (!stale && down) {
        notReadySince.delete(name);
        evicted.delete(name);
        const t = nowIso();
        s.mutate("nodes", "", name, (n: Node) => {
          n.status!.conditions = n.status!.conditions!.map((q) =>
            q.type === "Ready"
              ? { ...q, status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastTransitionTime: t, lastHeartbeatTime: t }
              : { ...q, status: "False", lastTransitionTime: t, lastHeartbeatTime: t },
          );
          n.spec!.taints = (n.spec!.taints ?? []).filter((x) => x.key !== UNREACHABLE);
          if (!n.spec!.taints.length) delete n.spec!.taints;
        });
        onRevive(name);
      } else if (down && !evicted.has(name) && now - notReadySince.get(name)! >= c.timings.podEvictionMs && notReadySince.size * 2 <= total) {
        // like the real controller's unhealthy-zone threshold: with over half the nodes down it stops evicting
        evicted.add(name);
        const pods: Pod[] = s.list("pods", undefined, [], [{ path: "spec.nodeName", neg: false, value: name }]).map((x) => x.obj);
        for (const p of pods) {
          const tolerated = (p.spec.tolerations ?? []).some(
            (t) => (t.key === UNREACHABLE || (!t.key && t.operator === "Exists")) && t.effect === "NoExecute" && t.tolerationSeconds === undefined,
          );
          if (tolerated || p.metadata.deletionTimestamp) continue;
          recordEvent(
            c,
            p,
            "Normal",
            "TaintManagerEviction",
            `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`,
            "taint-eviction-controller",
          );
          try {
            s.delete("pods", p.metadata.namespace!, p.metadata.name);
          } catch {
            /* gone */
          }
        }
      }
    }
  });
}
