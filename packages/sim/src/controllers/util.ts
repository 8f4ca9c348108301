// Shared controller helpers: owner index (for GC and "my pods" lookups), events, pod predicates.
import { randomBytes } from "node:crypto";
import type { Cluster } from "../cluster.js";
import type { StoreEvent } from "../k8s/store.js";
import type { KubeObject, ObjectOf, OwnerReference, Pod } from "../k8s/objects.js";

export const nowIso = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
export const suffix = (n = 5) => {
  const a = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  const b = randomBytes(n);
  for (let i = 0; i < n; i++) s += a[b[i] % a.length];
  return s;
};

export const isTerminal = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
export const isActive = (p: Pod) => !isTerminal(p) && !p.metadata.deletionTimestamp;
export const isReady = (p: Pod) => !!p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");

/** A controller owner reference to `o` (stored, so its uid is set). */
export function ownerRef(o: KubeObject, controller = true): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller, blockOwnerDeletion: true };
}

/** ownerUid -> dependents ("key|ns|name"), maintained from the store's event stream. */
export class OwnerIndex {
  private m = new Map<string, Set<string>>();
  onEvent(ev: StoreEvent) {
    const id = `${ev.key}|${ev.obj.metadata.namespace ?? ""}|${ev.obj.metadata.name}`;
    for (const r of ev.old?.metadata.ownerReferences ?? []) this.m.get(r.uid)?.delete(id);
    if (ev.type !== "DELETED")
      for (const r of ev.obj.metadata.ownerReferences ?? []) {
        let s = this.m.get(r.uid);
        if (!s) this.m.set(r.uid, (s = new Set()));
        s.add(id);
      }
  }
  dependents(uid: string): [string, string, string][] {
    return [...(this.m.get(uid) ?? [])].map((s) => s.split("|") as [string, string, string]);
  }
  /** Live dependent objects of one kind (key) for owner uid. */
  objects<K extends string>(c: Cluster, uid: string, key: K): ObjectOf<K>[] {
    const out: ObjectOf<K>[] = [];
    for (const id of this.m.get(uid) ?? []) {
      const [k, ns, name] = id.split("|") as [string, string, string];
      if (k !== key) continue;
      const o: ObjectOf<K> | undefined = c.store.get(k, ns, name);
      if (o) out.push(o);
    }
    return out;
  }
  drop(uid: string) {
    this.m.delete(uid);
  }
}

/** Event names by `<object>.<reason>.<message>`, per cluster: the Event a repeat folds into. */
const eventNames = new WeakMap<Cluster, Map<string, string>>();

/** Record a core/v1 Event, folding repeats into `count` like the real recorder. */
export function recordEvent(c: Cluster, obj: KubeObject, type: "Normal" | "Warning", reason: string, message: string, component = "sim") {
  if (!c.recordEvents) return;
  const ns = obj.metadata.namespace || "default";
  const s = c.store;
  if (!s.get("namespaces", "", ns) || s.get("namespaces", "", ns).status?.phase === "Terminating") return;
  const key = `${obj.metadata.name}.${reason}.${message}`;
  let cache = eventNames.get(c);
  if (!cache) eventNames.set(c, (cache = new Map()));
  const prior = cache.get(key);
  const existing = prior && s.get("events", ns, prior);
  const ts = nowIso();
  if (existing && existing.involvedObject?.uid === obj.metadata.uid) {
    s.mutate("events", ns, existing.metadata.name, (e) => {
      e.count = (e.count ?? 1) + 1;
      e.lastTimestamp = ts;
    });
    return;
  }
  const name = `${obj.metadata.name}.${Date.now().toString(16)}${suffix(4)}`;
  cache.set(key, name);
  if (cache.size > 10000) cache.clear();
  s.create("events", {
    metadata: { name, namespace: ns },
    involvedObject: {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    },
    reason,
    message,
    type,
    count: 1,
    firstTimestamp: ts,
    lastTimestamp: ts,
    source: { component },
    reportingComponent: component,
    reportingInstance: "",
  });
}

export function podRequests(p: Pod): Record<string, number> {
  // effective request = max(sum(containers), max(initContainers)), like the scheduler
  const out: Record<string, number> = {};
  for (const ctr of p.spec?.containers ?? []) for (const [k, v] of Object.entries(ctr.resources?.requests ?? {})) out[k] = (out[k] ?? 0) + qty(v);
  for (const ctr of p.spec?.initContainers ?? []) for (const [k, v] of Object.entries(ctr.resources?.requests ?? {})) out[k] = Math.max(out[k] ?? 0, qty(v));
  return out;
}
export function podLimits(p: Pod): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ctr of p.spec?.containers ?? []) for (const [k, v] of Object.entries(ctr.resources?.limits ?? {})) out[k] = (out[k] ?? 0) + qty(v);
  return out;
}
import { parseQuantity as qty } from "../k8s/quantity.js";
