// Garbage collector (ownerReferences cascade) and namespace lifecycle (delete contents, then itself).
import type { Cluster } from "../cluster.js";
import { type OwnerIndex } from "./util.js";

/** The fields of a metadata.ownerReferences entry the collector reads. */
interface OwnerReference {
  uid: string;
  kind: string;
  name: string;
}

export function installGc(c: Cluster, owners: OwnerIndex) {
  const s = c.store;
  s.listeners.push((ev) => {
    if (ev.type === "DELETED") {
      const uid = ev.obj.metadata.uid;
      const deps = owners.dependents(uid);
      if (deps.length)
        c.loop.enqueue(`gc:${uid}`, () => {
          for (const [key, ns, name] of owners.dependents(uid)) {
            const o = s.get(key, ns, name);
            if (!o || o.metadata.deletionTimestamp) continue;
            // only delete once no other (live) owner remains
            const live = (o.metadata.ownerReferences ?? []).filter((r: OwnerReference) => r.uid !== uid && liveOwner(c, o.metadata.namespace, r));
            if (live.length) continue;
            try {
              s.delete(key, ns, name);
            } catch {
              /* already gone */
            }
          }
          owners.drop(uid);
        });
    }
    if (ev.key === "namespaces" && ev.obj.status?.phase === "Terminating")
      c.loop.enqueue(`ns:${ev.obj.metadata.name}`, () => finalizeNamespace(c, ev.obj.metadata.name));
    // namespace waits for its last object (e.g. gracefully terminating pods)
    if (ev.type === "DELETED" && ev.obj.metadata.namespace) {
      const ns = s.get("namespaces", "", ev.obj.metadata.namespace);
      if (ns?.status?.phase === "Terminating") c.loop.enqueue(`ns:${ns.metadata.name}`, () => finalizeNamespace(c, ns.metadata.name));
    }
  });
}

/** Whether the owner `r` names still exists (same uid); namespaced kinds are looked up in `namespace`. */
function liveOwner(c: Cluster, namespace: string | undefined, r: OwnerReference) {
  for (const [key, t] of c.store.tables)
    if (t.def.kind === r.kind) {
      const x = c.store.get(key, t.def.namespaced ? (namespace ?? "") : "", r.name);
      return !!x && x.metadata.uid === r.uid;
    }
  return false;
}

function finalizeNamespace(c: Cluster, name: string) {
  const s = c.store;
  const ns = s.get("namespaces", "", name);
  if (!ns || ns.status?.phase !== "Terminating") return;
  for (const [key, t] of s.tables) {
    if (!t.def.namespaced) continue;
    for (const e of s.list(key, name))
      if (!e.obj.metadata.deletionTimestamp)
        try {
          s.delete(key, name, e.obj.metadata.name);
        } catch {
          /* already gone */
        }
  }
  // gracefully terminating pods (or finalizers) keep the namespace until they are gone
  let left = 0;
  for (const [key, t] of s.tables) if (t.def.namespaced) left += s.list(key, name).length;
  if (left === 0) s.remove("namespaces", "", name);
}
