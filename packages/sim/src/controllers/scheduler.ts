// Scheduler: filters (unschedulable, taints, nodeSelector/affinity, resources) then scores a bounded
// sample of feasible nodes, like kube-scheduler's percentageOfNodesToScore, so 5,000 nodes stay cheap.
import type { Cluster } from "../cluster.js";
import { podRequests, recordEvent, isTerminal, nowIso } from "./util.js";
import { parseQuantity } from "../k8s/quantity.js";
import type { Node, NodeSelectorTerm, Pod, PodSpec, Taint } from "../k8s/objects.js";

interface NodeInfo {
  name: string;
  node: Node;
  alloc: Record<string, number>;
  used: Record<string, number>;
  pods: number;
}

export class Scheduler {
  nodes = new Map<string, NodeInfo>();
  private order: string[] = [];
  private next = 0;
  private pending = new Set<string>(); // ns/name
  private unschedulable = new Set<string>();
  private retryAt = 0;
  private podNode = new Map<string, { node: string; req: Record<string, number> }>(); // pods counted against nodes

  constructor(private c: Cluster) {
    const s = c.store;
    s.listeners.push((ev) => {
      if (ev.key === "nodes") {
        const n: Node = ev.obj;
        if (ev.type === "DELETED") {
          this.nodes.delete(n.metadata.name);
          this.order = [...this.nodes.keys()];
        } else {
          const cur = this.nodes.get(n.metadata.name);
          const alloc: Record<string, number> = {};
          for (const [k, v] of Object.entries(n.status?.allocatable ?? n.status?.capacity ?? {})) alloc[k] = parseQuantity(v);
          if (cur) {
            cur.node = n;
            cur.alloc = alloc;
          } else {
            this.nodes.set(n.metadata.name, { name: n.metadata.name, node: n, alloc, used: {}, pods: 0 });
            this.order.push(n.metadata.name);
          }
          this.retrySoon();
        }
      } else if (ev.key === "pods") {
        const p: Pod = ev.obj;
        const id = `${p.metadata.namespace}/${p.metadata.name}`;
        this.account(id, ev.type === "DELETED" || isTerminal(p) ? undefined : p);
        if (
          ev.type !== "DELETED" &&
          !p.spec.nodeName &&
          !p.metadata.deletionTimestamp &&
          (p.spec.schedulerName ?? "default-scheduler") === "default-scheduler"
        ) {
          this.pending.add(id);
          c.loop.enqueue("scheduler", () => this.run());
        } else {
          this.pending.delete(id);
          this.unschedulable.delete(id);
        }
        if (ev.type === "DELETED" || (isTerminal(p) && ev.old && !isTerminal(ev.old))) this.retrySoon();
      }
    });
    // Unschedulable pods are retried in bounded batches (each failed attempt scans every node).
    c.loop.periodic.push((now) => {
      if (!this.unschedulable.size || now < this.retryAt) return;
      this.retryAt = now + 1000;
      let n = 0;
      for (const id of this.unschedulable) {
        this.unschedulable.delete(id);
        this.pending.add(id);
        if (++n >= 500) break;
      }
      c.loop.enqueue("scheduler", () => this.run());
    });
  }
  private retrySoon() {
    if (this.unschedulable.size) this.retryAt = Math.min(this.retryAt, Date.now() + 100);
  }

  /** Keep per-node requested resources in step with bound pods. */
  private account(id: string, p: Pod | undefined) {
    const prev = this.podNode.get(id);
    // requests are immutable and the node only changes by binding: most pod updates change nothing here
    if (prev && p?.spec?.nodeName === prev.node) return;
    if (prev) {
      const n = this.nodes.get(prev.node);
      if (n) {
        n.pods--;
        for (const [k, v] of Object.entries(prev.req)) n.used[k] = (n.used[k] ?? 0) - v;
      }
      this.podNode.delete(id);
    }
    if (p?.spec?.nodeName) {
      const req = podRequests(p);
      const n = this.nodes.get(p.spec.nodeName);
      if (n) {
        n.pods++;
        for (const [k, v] of Object.entries(req)) n.used[k] = (n.used[k] ?? 0) + v;
      }
      this.podNode.set(id, { node: p.spec.nodeName, req });
    }
  }

  run() {
    const s = this.c.store;
    let n = 0;
    for (const id of this.pending) {
      this.pending.delete(id);
      const [ns, name] = id.split("/") as [string, string];
      const p: Pod | undefined = s.get("pods", ns, name);
      if (!p || p.spec.nodeName || p.metadata.deletionTimestamp) continue;
      this.schedule(p);
      if (++n >= 200 && this.pending.size) {
        this.c.loop.enqueue("scheduler", () => this.run());
        return;
      }
    }
  }

  private schedule(p: Pod) {
    const total = this.order.length;
    const req = podRequests(p);
    const reasons = new Map<string, number>();
    const want = Math.max(50, Math.ceil(total * 0.05));
    const feasible: NodeInfo[] = [];
    let checked = 0;
    for (let i = 0; i < total && feasible.length < want; i++) {
      const info = this.nodes.get(this.order[(this.next + i) % total])!;
      checked++;
      const why = filter(p, info, req);
      if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
      else feasible.push(info);
    }
    this.next = (this.next + checked) % Math.max(1, total);
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    if (!feasible.length) {
      const parts = [...reasons].map(([r, k]) => `${k} ${r}`).sort();
      const msg = `0/${total} nodes are available: ${parts.join(", ")}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
      this.unschedulable.add(id);
      const cond = p.status?.conditions?.find((x) => x.type === "PodScheduled");
      if (cond?.message !== msg) {
        this.c.store.mutate(
          "pods",
          p.metadata.namespace!,
          p.metadata.name,
          (x: Pod) => {
            x.status!.conditions = [
              ...(x.status!.conditions ?? []).filter((q) => q.type !== "PodScheduled"),
              { type: "PodScheduled", status: "False", lastProbeTime: null, lastTransitionTime: nowIso(), reason: "Unschedulable", message: msg },
            ];
          },
          { subresource: "status" },
        );
        recordEvent(this.c, p, "Warning", "FailedScheduling", msg, "default-scheduler");
      }
      return;
    }
    let best = feasible[0],
      bestScore = -Infinity;
    for (const f of feasible) {
      const sc = score(p, f, req);
      if (sc > bestScore) {
        best = f;
        bestScore = sc;
      }
    }
    const bound: Pod = this.c.store.mutate("pods", p.metadata.namespace!, p.metadata.name, (x: Pod) => {
      x.spec.nodeName = best.name;
    });
    this.c.store.mutate(
      "pods",
      p.metadata.namespace!,
      p.metadata.name,
      (x: Pod) => {
        x.status!.conditions = [
          ...(x.status!.conditions ?? []).filter((q) => q.type !== "PodScheduled"),
          { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: nowIso() },
        ];
      },
      { subresource: "status" },
    );
    recordEvent(this.c, bound, "Normal", "Scheduled", `Successfully assigned ${id} to ${best.name}`, "default-scheduler");
  }
}

const RES_MSG: Record<string, string> = { pods: "Too many pods" };

/** First failing predicate as the scheduler's reason string, or undefined when the node fits. */
export function filter(p: Pod, info: NodeInfo, req: Record<string, number>): string | undefined {
  const n = info.node;
  if (n.spec?.unschedulable && !tolerates(p, { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" })) return "node(s) were unschedulable";
  for (const t of n.spec?.taints ?? []) {
    if (t.effect === "PreferNoSchedule") continue;
    if (!tolerates(p, t)) return `node(s) had untolerated taint {${t.key}: ${t.value ?? ""}}`;
  }
  const labels = n.metadata.labels ?? {};
  for (const [k, v] of Object.entries(p.spec.nodeSelector ?? {})) if (labels[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length && !terms.some((t) => termMatches(t, labels, n.metadata.name))) return "node(s) didn't match Pod's node affinity/selector";
  if (info.pods + 1 > (info.alloc.pods ?? 110)) return RES_MSG.pods;
  for (const [k, v] of Object.entries(req)) {
    if (v <= 0) continue;
    if ((info.used[k] ?? 0) + v > (info.alloc[k] ?? 0)) return `Insufficient ${k}`;
  }
  return undefined;
}

/** Whether one of the pod's tolerations tolerates taint `t` (an absent value equals ""). */
export function tolerates(p: { spec: Pick<PodSpec, "tolerations"> }, t: Pick<Taint, "key" | "value" | "effect">): boolean {
  return (p.spec.tolerations ?? []).some((tol) => {
    if (tol.effect && tol.effect !== t.effect) return false;
    if (tol.operator === "Exists") return !tol.key || tol.key === t.key;
    return tol.key === t.key && (tol.value ?? "") === (t.value ?? "");
  });
}

/** Whether a node with these labels and name matches a NodeSelectorTerm (all its requirements). */
export function termMatches(term: NodeSelectorTerm, labels: Record<string, string>, nodeName: string): boolean {
  for (const e of term.matchExpressions ?? []) {
    const has = e.key in labels,
      v = labels[e.key];
    switch (e.operator) {
      case "In":
        if (!has || !e.values!.includes(v)) return false;
        break;
      case "NotIn":
        if (has && e.values!.includes(v)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      case "Gt":
        if (!has || !(Number(v) > Number(e.values![0]))) return false;
        break;
      case "Lt":
        if (!has || !(Number(v) < Number(e.values![0]))) return false;
        break;
      default:
        return false;
    }
  }
  for (const f of term.matchFields ?? []) if (f.key === "metadata.name" && (f.operator === "In") !== f.values!.includes(nodeName)) return false;
  return true;
}

function score(p: Pod, info: NodeInfo, req: Record<string, number>): number {
  let sc = 0;
  for (const pref of p.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    if (termMatches(pref.preference, info.node.metadata.labels ?? {}, info.name)) sc += (pref.weight ?? 1) * 100;
  // least-allocated: prefer emptier nodes (spreads load like the default profile)
  const cpu = info.alloc.cpu ? 1 - ((info.used.cpu ?? 0) + (req.cpu ?? 0)) / info.alloc.cpu : 0;
  const mem = info.alloc.memory ? 1 - ((info.used.memory ?? 0) + (req.memory ?? 0)) / info.alloc.memory : 0;
  sc += ((cpu + mem) / 2) * 100 - info.pods * 0.01;
  for (const t of info.node.spec?.taints ?? []) if (t.effect === "PreferNoSchedule" && !tolerates(p, t)) sc -= 50;
  return sc;
}
