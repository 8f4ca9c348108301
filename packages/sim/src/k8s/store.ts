// In-memory object store for one cluster: maps per resource/namespace, one resourceVersion counter,
// a bounded event log for watch resume, and synchronous hooks for admission and controllers.
import { randomUUID } from "node:crypto";
import { BY_KEY, type ResourceDef, apiVersionOf } from "./resources.js";
import { alreadyExists, conflict, forbidden, gone, notFound, ApiError } from "./errors.js";
import { type Selector, matches, type FieldReq, fieldMatches } from "./selectors.js";
import { generateName } from "./names.js";

/** Namespaces the API server refuses to delete (NamespaceLifecycle's immortal namespaces). */
const IMMORTAL_NAMESPACES = new Set(["default", "kube-system", "kube-public"]);

export type EventType = "ADDED" | "MODIFIED" | "DELETED";
export interface StoreEvent {
  rv: number;
  key: string;
  type: EventType;
  obj: any;
  old?: any;
}
export interface Entry {
  obj: any;
  json?: string;
}
export type Op = "create" | "update" | "delete";
export interface AdmissionCtx {
  op: Op;
  key: string;
  def: ResourceDef;
  obj: any;
  old?: any;
  subresource?: string;
  dryRun: boolean;
  fromClient?: boolean;
}
export type AdmissionHook = (ctx: AdmissionCtx) => void;
export interface Watcher {
  key: string;
  ns?: string;
  label: Selector;
  field: FieldReq[];
  send(type: EventType | "BOOKMARK", obj: any, ev?: StoreEvent): void;
}
export interface WriteOpts {
  dryRun?: boolean;
  subresource?: string;
  fieldManager?: string;
  managerOp?: "Update" | "Apply";
  /** in-process controller write: skips admission and no-op detection (they only write real changes) */
  trusted?: boolean;
  /** request came through the HTTP API (enables schema validation) */
  fromClient?: boolean;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
export const clone = <T>(o: T): T => structuredClone(o);
// Committed objects are immutable, so their JSON is cached by identity (lists, watches and clones reuse it).
const jsonCache = new WeakMap<object, string>();
export function toJson(o: any): string {
  let s = jsonCache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    jsonCache.set(o, s);
  }
  return s;
}
const fastClone = (o: any) => JSON.parse(toJson(o));
const specOf = (o: any) => {
  const { metadata: _metadata, status: _status, ...rest } = o;
  return rest;
};
import { same as sameJson } from "./canonical.js";

class Table {
  byNs = new Map<string, Map<string, Entry>>();
  size = 0;
  // sorted key indexes for limit/continue, rebuilt lazily after an add or delete (not on updates)
  private sortedNames = new Map<string, string[]>();
  private sortedNs?: string[];
  constructor(public def: ResourceDef) {}
  ns(ns: string, create = false) {
    let m = this.byNs.get(ns);
    if (!m && create) {
      this.byNs.set(ns, (m = new Map()));
      this.sortedNs = undefined;
    }
    return m;
  }
  keysChanged(ns: string) {
    this.sortedNames.delete(ns);
  }
  names(ns: string): string[] {
    let a = this.sortedNames.get(ns);
    if (!a) {
      a = [...(this.byNs.get(ns)?.keys() ?? [])].sort(cmp);
      this.sortedNames.set(ns, a);
    }
    return a;
  }
  /** Namespaces in storage-key order (`ns/` prefixes, like etcd's /registry/<resource>/<ns>/<name>). */
  namespaces(): string[] {
    return (this.sortedNs ??= [...this.byNs.keys()].sort((a, b) => cmp(`${a}/`, `${b}/`)));
  }
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** first index in sorted `a` whose element is > x */
function upperBound(a: string[], x: string) {
  let lo = 0,
    hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Store {
  rv = 1000;
  tables = new Map<string, Table>();
  private log: StoreEvent[] = [];
  private logStart = 0; // ring index of oldest event
  private watchers = new Map<string, Set<Watcher>>();
  listeners: ((ev: StoreEvent) => void)[] = [];
  mutators: AdmissionHook[] = [];
  validators: AdmissionHook[] = [];

  constructor(public logCapacity = 50_000) {
    for (const [k, d] of BY_KEY) this.tables.set(k, new Table(d));
  }

  table(key: string) {
    const t = this.tables.get(key);
    if (!t) throw new ApiError(404, "NotFound", `the server could not find the requested resource (${key})`);
    return t;
  }

  /** Oldest resourceVersion still resumable from the event log. */
  oldestRv() {
    return this.log.length ? this.log[this.logStart].rv - 1 : this.rv;
  }

  get(key: string, ns: string, name: string): any | undefined {
    return this.table(key).ns(ns)?.get(name)?.obj;
  }
  entry(key: string, ns: string, name: string): Entry | undefined {
    return this.table(key).ns(ns)?.get(name);
  }
  mustGet(key: string, ns: string, name: string) {
    const o = this.get(key, ns, name);
    if (!o) {
      const d = this.table(key).def;
      throw notFound(d.group, d.plural, name);
    }
    return o;
  }

  /** Entries matching filters; ns undefined = all namespaces. */
  list(key: string, ns?: string, label: Selector = [], field: FieldReq[] = []): Entry[] {
    const t = this.table(key);
    const out: Entry[] = [];
    const scan = (m: Map<string, Entry>) => {
      for (const e of m.values()) {
        if (label.length && !matches(label, e.obj.metadata.labels)) continue;
        if (field.length && !fieldMatches(field, e.obj)) continue;
        out.push(e);
      }
    };
    if (ns !== undefined) {
      const m = t.ns(ns);
      if (m) scan(m);
    } else for (const m of t.byNs.values()) scan(m);
    return out;
  }
  /**
   * One page in storage-key order (`<ns>/<name>`): up to `limit` matching entries whose key is
   * greater than `after` (0 = no limit), and whether more follow. Walks sorted key indexes, so a
   * page costs O(limit + log n) rather than a scan and sort of the whole collection.
   */
  page(key: string, ns: string | undefined, label: Selector, field: FieldReq[], after: string, limit: number): { entries: Entry[]; more: boolean } {
    const t = this.table(key);
    const entries: Entry[] = [];
    const slash = after.indexOf("/");
    const afterNs = slash < 0 ? "" : after.slice(0, slash),
      afterName = slash < 0 ? after : after.slice(slash + 1);
    const nss = ns !== undefined ? [ns] : t.namespaces();
    for (const n of nss) {
      if (after && cmp(`${n}/`, `${afterNs}/`) < 0) continue;
      const m = t.byNs.get(n);
      if (!m) continue;
      const names = t.names(n);
      for (let i = after && n === afterNs ? upperBound(names, afterName) : 0; i < names.length; i++) {
        const e = m.get(names[i]);
        if (!e) continue;
        if (label.length && !matches(label, e.obj.metadata.labels)) continue;
        if (field.length && !fieldMatches(field, e.obj)) continue;
        if (limit > 0 && entries.length === limit) return { entries, more: true };
        entries.push(e);
      }
    }
    return { entries, more: false };
  }
  objects(key: string, ns?: string, label: Selector = []) {
    return this.list(key, ns, label).map((e) => e.obj);
  }
  count(key: string) {
    return this.table(key).size;
  }

  private admit(ctx: AdmissionCtx) {
    for (const h of this.mutators) h(ctx);
    for (const h of this.validators) h(ctx);
  }

  private emit(ev: StoreEvent) {
    // the history keeps no `old` object: it would pin a second copy of every recent object
    const entry: StoreEvent = { rv: ev.rv, key: ev.key, type: ev.type, obj: ev.obj };
    if (this.log.length < this.logCapacity) this.log.push(entry);
    else {
      this.log[this.logStart] = entry;
      this.logStart = (this.logStart + 1) % this.logCapacity;
    }
    for (const l of this.listeners) l(ev);
    const ws = this.watchers.get(ev.key);
    if (ws) for (const w of ws) this.deliver(w, ev);
  }

  private deliver(w: Watcher, ev: StoreEvent) {
    const o = ev.obj;
    if (w.ns !== undefined && o.metadata.namespace !== w.ns) return;
    const hit = (x: any) => !!x && (!w.label.length || matches(w.label, x.metadata.labels)) && (!w.field.length || fieldMatches(w.field, x));
    const now = hit(o);
    if (ev.type === "MODIFIED" && ev.old) {
      const before = hit(ev.old);
      if (now && !before) return w.send("ADDED", o, ev);
      if (!now && before) return w.send("DELETED", o, ev);
    }
    if (now) w.send(ev.type, o, ev);
  }

  /** Register a watcher, replaying events after `sinceRv` (410 Gone when already compacted). */
  watch(w: Watcher, sinceRv?: number): () => void {
    if (sinceRv !== undefined && sinceRv < this.rv) {
      if (sinceRv < this.oldestRv()) throw gone(`too old resource version: ${sinceRv} (${this.oldestRv() + 1})`);
      const n = this.log.length;
      for (let i = 0; i < n; i++) {
        const ev = this.log[(this.logStart + i) % n];
        if (ev.rv > sinceRv && ev.key === w.key) this.deliver(w, ev);
      }
    }
    let set = this.watchers.get(w.key);
    if (!set) this.watchers.set(w.key, (set = new Set()));
    set.add(w);
    return () => set!.delete(w);
  }
  /** Drop every watcher (fault injection: the server closes the streams). */
  allWatchers() {
    return [...this.watchers.values()].flatMap((s) => [...s]);
  }

  private commit(t: Table, ns: string, obj: any, type: EventType, old?: any) {
    const m = t.ns(ns, true)!;
    const ev: StoreEvent = { rv: this.rv, key: t.def.group ? `${t.def.group}/${t.def.plural}` : t.def.plural, type, obj, old };
    // serialize once at commit: the next clone, every watcher and every list reuse this string
    toJson(obj);
    if (type === "DELETED") {
      m.delete(obj.metadata.name);
      t.size--;
      t.keysChanged(ns);
    } else {
      if (!m.has(obj.metadata.name)) {
        t.size++;
        t.keysChanged(ns);
      }
      m.set(obj.metadata.name, { obj });
    }
    this.emit(ev);
  }

  create(key: string, obj: any, opts: WriteOpts = {}): any {
    const t = this.table(key);
    const d = t.def;
    obj.apiVersion = apiVersionOf(d);
    obj.kind = d.kind;
    const md = (obj.metadata ??= {});
    const ns = d.namespaced ? (md.namespace ?? "default") : "";
    if (d.namespaced) {
      md.namespace = ns;
      const nso = this.get("namespaces", "", ns);
      if (!nso) throw notFound("", "namespaces", ns);
      if (nso.status?.phase === "Terminating" && key !== "events")
        throw forbidden(d.group, d.plural, md.name ?? "", `unable to create new content in namespace ${ns} because it is being terminated`);
    } else delete md.namespace;
    if (!md.name && md.generateName) md.name = generateName(md.generateName, Math.random().toString(36).slice(2, 7).padEnd(5, "0"));
    this.admit({ op: "create", key, def: d, obj, dryRun: !!opts.dryRun, fromClient: opts.fromClient });
    if (t.ns(ns)?.has(md.name)) throw alreadyExists(d.group, d.plural, md.name);
    md.uid = randomUUID();
    md.creationTimestamp = now();
    if (obj.spec !== undefined || d.group) md.generation = 1;
    delete md.deletionTimestamp;
    delete md.resourceVersion;
    if (opts.fieldManager) md.managedFields = [managedEntry(opts.fieldManager, opts.managerOp ?? "Update", d)];
    if (opts.dryRun) return obj;
    md.resourceVersion = String(++this.rv);
    this.commit(t, ns, obj, "ADDED");
    return obj;
  }

  update(key: string, obj: any, opts: WriteOpts = {}): any {
    const t = this.table(key);
    const d = t.def;
    const md = obj.metadata ?? {};
    const ns = d.namespaced ? (md.namespace ?? "") : "";
    const old = t.ns(ns)?.get(md.name)?.obj;
    if (!old) throw notFound(d.group, d.plural, md.name);
    if (md.resourceVersion && md.resourceVersion !== old.metadata.resourceVersion) throw conflict(d.group, d.plural, md.name);
    obj.apiVersion = apiVersionOf(d);
    obj.kind = d.kind;
    const sub = opts.subresource;
    let next: any;
    if (sub === "status") {
      next = { ...old, status: obj.status };
    } else {
      next = obj;
      // system-owned metadata is never taken from the client
      for (const f of ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"])
        if (old.metadata[f] !== undefined) md[f] = old.metadata[f];
        else delete md[f];
      md.namespace = old.metadata.namespace;
      if (!d.namespaced) delete md.namespace;
      // status is only writable through /status where that subresource exists
      if (d.subresources?.includes("status") && d.kind !== "Node" && d.kind !== "Namespace") next.status = old.status;
      else if (next.status === undefined && old.status !== undefined && d.kind !== "Node") next.status = old.status;
      if (old.metadata.managedFields && !md.managedFields) md.managedFields = old.metadata.managedFields;
    }
    next.metadata = { ...next.metadata };
    if (!opts.trusted) this.admit({ op: "update", key, def: d, obj: next, old, subresource: sub, dryRun: !!opts.dryRun, fromClient: opts.fromClient });
    // trusted writers clone-and-edit, so key order is preserved and plain JSON comparison is enough
    const specSame = opts.trusted
      ? (next.spec === old.spec && next.data === old.data) || JSON.stringify(specOf(next)) === JSON.stringify(specOf(old))
      : sameJson(specOf(next), specOf(old));
    if (next.metadata.generation !== undefined && sub !== "status" && !specSame) next.metadata.generation = old.metadata.generation + 1;
    if (opts.fieldManager && sub !== "status")
      next.metadata.managedFields = upsertManaged(next.metadata.managedFields, opts.fieldManager, opts.managerOp ?? "Update", d);
    // deletion completes once the last finalizer is removed
    const finishing = old.metadata.deletionTimestamp && !next.metadata.finalizers?.length && !this.deferred(next);
    if (opts.dryRun) return next;
    if (
      !opts.trusted &&
      !finishing &&
      sameJson({ ...next, metadata: { ...next.metadata, resourceVersion: undefined } }, { ...old, metadata: { ...old.metadata, resourceVersion: undefined } })
    )
      return old;
    next.metadata.resourceVersion = String(++this.rv);
    if (finishing) {
      this.commit(t, ns, next, "DELETED", old);
      return next;
    }
    this.commit(t, ns, next, "MODIFIED", old);
    return next;
  }

  /** Pods bound to a node terminate gracefully: the kubelet removes them, not the store. */
  private deferred(o: any) {
    return o.kind === "Pod" && o.spec?.nodeName && o.metadata.deletionGracePeriodSeconds > 0 && !["Succeeded", "Failed"].includes(o.status?.phase);
  }

  delete(
    key: string,
    ns: string,
    name: string,
    opts: { dryRun?: boolean; gracePeriodSeconds?: number; preconditionUid?: string; preconditionRv?: string } = {},
  ): any {
    const t = this.table(key);
    const d = t.def;
    const old = t.ns(ns)?.get(name)?.obj;
    if (!old) throw notFound(d.group, d.plural, name);
    if (opts.preconditionUid && opts.preconditionUid !== old.metadata.uid)
      throw conflict(d.group, d.plural, name, `Precondition failed: UID in precondition: ${opts.preconditionUid}, UID in object meta: ${old.metadata.uid}`);
    if (opts.preconditionRv && opts.preconditionRv !== old.metadata.resourceVersion) throw conflict(d.group, d.plural, name);
    // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle): these are never deleted.
    if (d.kind === "Namespace" && IMMORTAL_NAMESPACES.has(name)) throw forbidden(d.group, d.plural, name, "this namespace may not be deleted");
    this.admit({ op: "delete", key, def: d, obj: old, old, dryRun: !!opts.dryRun });
    const grace = d.kind === "Pod" ? (opts.gracePeriodSeconds ?? old.spec?.terminationGracePeriodSeconds ?? 30) : 0;
    const needsFinalize =
      old.metadata.finalizers?.length ||
      d.kind === "Namespace" ||
      (d.kind === "Pod" && old.spec?.nodeName && grace > 0 && !["Succeeded", "Failed"].includes(old.status?.phase));
    if (needsFinalize) {
      if (old.metadata.deletionTimestamp && !(d.kind === "Pod" && grace === 0)) return old;
      const next = { ...old, metadata: { ...old.metadata, deletionTimestamp: old.metadata.deletionTimestamp ?? now() } };
      if (d.kind === "Pod") next.metadata.deletionGracePeriodSeconds = grace;
      if (d.kind === "Namespace") next.status = { ...old.status, phase: "Terminating" };
      if (opts.dryRun) return next;
      next.metadata.resourceVersion = String(++this.rv);
      if (d.kind === "Pod" && grace === 0 && !old.metadata.finalizers?.length) {
        this.commit(t, ns, next, "DELETED", old);
        return next;
      }
      this.commit(t, ns, next, "MODIFIED", old);
      return next;
    }
    if (opts.dryRun) return old;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.commit(t, ns, gone, "DELETED", old);
    return gone;
  }

  /** Remove unconditionally (used by kubelet/namespace controller once finalization is done). */
  remove(key: string, ns: string, name: string) {
    const t = this.table(key);
    const old = t.ns(ns)?.get(name)?.obj;
    if (!old) return;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.commit(t, ns, gone, "DELETED", old);
  }

  /** Read-modify-write helper for in-process controllers (no conflicts: single thread). */
  mutate(key: string, ns: string, name: string, fn: (o: any) => void | false, opts: WriteOpts = {}): any | undefined {
    const cur = this.get(key, ns, name);
    if (!cur) return undefined;
    const next = fastClone(cur);
    if (fn(next) === false) return cur;
    return this.update(key, next, { trusted: true, ...opts });
  }
}

export function managedEntry(manager: string, operation: string, d: ResourceDef, fieldsV1: any = {}) {
  return { manager, operation, apiVersion: apiVersionOf(d), time: now(), fieldsType: "FieldsV1", fieldsV1 };
}
function upsertManaged(list: any[] | undefined, manager: string, op: string, d: ResourceDef) {
  const out = (list ?? []).filter((m) => !(m.manager === manager && m.operation === op));
  const prev = (list ?? []).find((m) => m.manager === manager && m.operation === op);
  out.push(managedEntry(manager, op, d, prev?.fieldsV1 ?? {}));
  return out;
}
